"""Inbox messages are stored once per key; each e-mail / SMS copy is sent once."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from hub.notifications.constants import (
    DELIVERY_CLAIM_TIMEOUT,
    Channel,
    DeliveryStatus,
    MessageKind,
)
from hub.notifications.models import Delivery, Message
from hub.notifications.services import (
    DeliveryOutcome,
    MessageDraft,
    delivery_send,
    message_bulk_create,
)
from hub.notifications.tasks import delivery_send_task
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _store(users, *, channels=(Channel.EMAIL, Channel.SMS), key="test:1", **fields):
    return message_bulk_create(
        kind=MessageKind.NOTICE,
        dedupe_key=key,
        drafts=[
            MessageDraft(
                recipient_id=user.pk,
                subject=fields.get("subject", "Hello"),
                body="Body",
                url="http://127.0.0.1:8000/x/",
                unsubscribe_url="http://127.0.0.1:8000/notices/unsubscribe/t/",
                channels=channels,
            )
            for user in users
        ],
    )


def test_a_message_is_stored_once_per_recipient_and_key(
    django_capture_on_commit_callbacks,
):
    # given
    users = [UserFactory(), UserFactory()]
    # when: stored twice, the second time with another subject
    with django_capture_on_commit_callbacks() as callbacks:
        first = _store(users)
        second = _store(users, subject="Changed")
    # then
    assert {m.pk for m in first} == {m.pk for m in second}
    assert list(Message.objects.values_list("subject", flat=True)) == ["Hello"] * 2
    assert Delivery.objects.count() == 4
    # both calls queue the still-pending deliveries after commit
    assert len(callbacks) == 2
    # a different key is a different message
    _store(users[:1], key="test:2")
    assert Message.objects.filter(recipient=users[0]).count() == 2


def test_subject_is_kept_on_one_line():
    user = UserFactory()
    _store([user], subject="Road\nclosed\r\n today")
    assert Message.objects.get().subject == "Road closed today"


def test_e_mail_carries_one_click_unsubscribe_and_a_stable_message_id():
    # given
    user = UserFactory()
    (message,) = _store([user], channels=(Channel.EMAIL,))
    delivery = message.deliveries.get()
    # when
    outcomes = [delivery_send(delivery_pk=delivery.pk) for _ in range(2)]
    # then
    assert outcomes == [DeliveryOutcome.SENT, DeliveryOutcome.DONE_BEFORE]
    (email,) = mail.outbox
    assert email.to == [user.email]
    assert email.subject == "Hello"
    assert email.extra_headers == {
        "Message-ID": f"<message-{message.uuid}@127.0.0.1>",
        "List-Unsubscribe": "<http://127.0.0.1:8000/notices/unsubscribe/t/>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert "http://127.0.0.1:8000/x/" in email.body
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)
    assert delivery.sent_at is not None


def test_sms_needs_a_confirmed_phone(sms_outbox):
    # given
    user = UserFactory(is_phone_verified=False)
    (message,) = _store([user], channels=(Channel.SMS,))
    # when
    outcome = delivery_send(delivery_pk=message.deliveries.get().pk)
    # then
    assert outcome == DeliveryOutcome.FAILED
    assert message.deliveries.get().status == DeliveryStatus.FAILED
    assert sms_outbox == []


def test_a_delivery_being_sent_is_not_sent_again_until_its_claim_is_stale(sms_outbox):
    # given: another run claimed the SMS a moment ago
    user = UserFactory()
    (message,) = _store([user], channels=(Channel.SMS,))
    delivery = message.deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=timezone.now()
    )
    # then
    assert delivery_send(delivery_pk=delivery.pk) == DeliveryOutcome.BUSY
    assert sms_outbox == []
    # when: that run died long ago
    Delivery.objects.filter(pk=delivery.pk).update(
        claimed_at=timezone.now() - DELIVERY_CLAIM_TIMEOUT - timedelta(seconds=1)
    )
    # then: the claim is taken over and the SMS sent
    assert delivery_send(delivery_pk=delivery.pk) == DeliveryOutcome.SENT
    assert [sms.to for sms in sms_outbox] == [str(user.phone)]


def test_a_provider_that_is_down_is_retried_then_the_delivery_fails(settings):
    # given
    settings.SMS_BACKEND = "tests.hub.notifications.failing_sms.SmsBackend"
    user = UserFactory()
    (message,) = _store([user], channels=(Channel.SMS,))
    delivery = message.deliveries.get()
    # when: the task runs with its retries (apply: in this process, at once)
    result = delivery_send_task.apply(args=(delivery.pk,), throw=False)
    # then
    assert result.get() == "failed"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 7
    assert "provider unreachable" in delivery.error
