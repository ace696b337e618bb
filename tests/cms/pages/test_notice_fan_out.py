"""J4: a published notice is told once to each subscriber, in batches, by Celery."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
import time_machine
from wagtail.models import Locale

from cms.pages.constants import NoticeCategory
from cms.pages.dispatch import notice_dispatch_queue
from cms.pages.models import NoticeDispatch
from hub.notifications.constants import Channel, DeliveryStatus, MessageKind
from hub.notifications.models import Delivery, Message
from hub.notifications.tasks import delivery_send_task
from tests.factories.accounts import UserFactory
from tests.factories.cms import notice_add

pytestmark = pytest.mark.django_db


def _messages_of(user) -> list[Message]:
    return list(Message.objects.filter(recipient=user).order_by("pk"))


def test_fan_out_tells_each_subscriber_exactly_once_also_when_the_task_runs_twice(
    settings, notice_index, subscribe, run_fan_out, sms_outbox
):
    # given: five subscribers by inbox, e-mail and SMS, in batches of two
    settings.HUB_NOTICE_BATCH_SIZE = 2
    subscribers = [subscribe() for _ in range(5)]
    notice = notice_add(index=notice_index, title="Water cut on Friday")
    dispatch = NoticeDispatch.objects.get(notice=notice)
    # when: the fan-out (three batches) runs twice over, and every e-mail and
    # SMS task is queued by both runs
    run_fan_out(dispatch, times=2)
    # then
    for user in subscribers:
        message = Message.objects.get(recipient=user)
        assert message.kind == MessageKind.NOTICE
        assert message.dedupe_key == f"notice:{notice.pk}:1"
        assert "Water cut on Friday" in message.subject
        deliveries = {d.channel: d for d in message.deliveries.all()}
        assert set(deliveries) == {Channel.EMAIL, Channel.SMS}
        for delivery in deliveries.values():
            assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)
    assert sorted(sms.to for sms in sms_outbox) == sorted(
        str(user.phone) for user in subscribers
    )
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        user.email for user in subscribers
    )


def test_a_delivery_task_run_again_sends_nothing(
    notice_index, subscribe, run_fan_out, sms_outbox
):
    # given: a subscriber who was told by SMS
    user = subscribe(by_email=False)
    run_fan_out(
        NoticeDispatch.objects.get(notice=notice_add(index=notice_index, title="A"))
    )
    delivery = Delivery.objects.get(message__recipient=user)
    # when
    outcome = delivery_send_task(delivery.pk)
    # then
    assert outcome == "done_before"
    assert len(sms_outbox) == 1


def test_republishing_tells_nobody_again_unless_asked(
    notice_index, subscribe, run_fan_out
):
    # given: a subscriber told of a notice
    user = subscribe()
    notice = notice_add(index=notice_index, title="Market day moved")
    run_fan_out(NoticeDispatch.objects.get(notice=notice))
    # when: the notice is edited and published again
    notice.summary = "Now on Saturday"
    notice.save_revision().publish()
    # then: nobody is told again
    assert NoticeDispatch.objects.filter(notice=notice).count() == 1
    assert len(_messages_of(user)) == 1

    # when: published with "tell subscribers again"
    notice.notify_again = True
    revision = notice.save_revision()
    revision.publish()
    run_fan_out(NoticeDispatch.objects.get(notice=notice, round=2))
    # then: one more message, and the box is unticked without a new revision
    first, second = _messages_of(user)
    assert (first.dedupe_key, second.dedupe_key) == (
        f"notice:{notice.pk}:1",
        f"notice:{notice.pk}:2",
    )
    notice.refresh_from_db()
    assert notice.notify_again is False
    assert notice.latest_revision_id == revision.pk
    assert notice.get_latest_revision_as_object().notify_again is False

    # when: published once more without ticking it
    notice.save_revision().publish()
    # then
    assert NoticeDispatch.objects.filter(notice=notice).count() == 2


def test_subscribers_get_only_the_categories_they_chose(
    notice_index, subscribe, run_fan_out
):
    # given
    events_only = subscribe(categories=(NoticeCategory.EVENT,))
    everything = subscribe()
    # when
    for title, category in [
        ("New farm subsidy", NoticeCategory.POLICY),
        ("Harvest festival", NoticeCategory.EVENT),
        ("Flood warning", NoticeCategory.EMERGENCY_ALERT),
    ]:
        notice = notice_add(index=notice_index, title=title, category=category)
        run_fan_out(NoticeDispatch.objects.get(notice=notice))
    # then: emergency alerts reach every subscriber of the township
    assert [m.subject for m in _messages_of(events_only)] == [
        "Xiaoyudong Town: Harvest festival",
        "Emergency alert from Xiaoyudong Town: Flood warning",
    ]
    assert len(_messages_of(everything)) == 3


def test_other_townships_subscribers_are_not_told(
    other_township, notice_index, subscribe, run_fan_out
):
    # given
    elsewhere = subscribe(to=other_township)
    here = subscribe()
    # when
    run_fan_out(
        NoticeDispatch.objects.get(notice=notice_add(index=notice_index, title="A"))
    )
    # then
    assert _messages_of(elsewhere) == []
    assert len(_messages_of(here)) == 1


def test_message_is_written_in_the_subscribers_language_with_one_click_unsubscribe(
    client, notice_index, subscribe, run_fan_out
):
    # given
    user = subscribe(language="zh-hans", by_sms=False)
    notice = notice_add(index=notice_index, title="Road works")
    # when
    run_fan_out(NoticeDispatch.objects.get(notice=notice))
    # then: the township's name is in Chinese, the title as written
    message = Message.objects.get(recipient=user)
    assert message.subject == "小鱼洞镇：Road works"
    assert message.language == "zh-hans"
    assert (
        message.url == "http://127.0.0.1:8000/townships/xiaoyudong/notices/road-works/"
    )
    email = mail.outbox[0]
    assert email.extra_headers["List-Unsubscribe"] == f"<{message.unsubscribe_url}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.unsubscribe_url in email.body
    # when: the mail client posts to the link (RFC 8058)
    response = client.post(
        message.unsubscribe_url.removeprefix("http://127.0.0.1:8000")
    )
    # then
    assert response.status_code == 200
    assert not user.notice_subscriptions.exists()


def test_without_a_preferred_language_the_message_is_in_the_notices_language(
    notice_index, subscribe, run_fan_out
):
    # given
    user = subscribe(language="", by_email=False, by_sms=False)
    notice = notice_add(index=notice_index, title="Road works")
    # when
    run_fan_out(NoticeDispatch.objects.get(notice=notice))
    # then
    message = Message.objects.get(recipient=user)
    assert message.language == notice.locale.language_code
    assert message.language == "zh-hans"
    assert message.subject == "小鱼洞镇：Road works"


def test_a_translation_published_later_tells_nobody_again(
    notice_index, subscribe, run_fan_out
):
    # given: a notice, its Vietnamese translation published before the fan-out
    vietnamese = subscribe(language="vi", by_email=False, by_sms=False)
    english = subscribe(language="en", by_email=False, by_sms=False)
    notice = notice_add(index=notice_index, title="Vaccination day")
    translation = notice.copy_for_translation(
        Locale.objects.get(language_code="vi"), copy_parents=True
    )
    translation.title = "Ngày tiêm chủng"
    translation.save_revision().publish()
    # when
    run_fan_out(NoticeDispatch.objects.get())
    # then: one round for both versions, each subscriber told in their language
    assert NoticeDispatch.objects.count() == 1
    assert Message.objects.get(recipient=vietnamese).subject == (
        "Thị trấn Tiểu Ngư Động: Ngày tiêm chủng"
    )
    assert Message.objects.get(recipient=english).subject == (
        "Xiaoyudong Town: Vaccination day"
    )


def test_a_scheduled_notice_is_told_when_it_goes_live_and_an_expired_one_never(
    notice_index, subscribe, run_fan_out
):
    # given: two notices going live in an hour, one of them expiring in two
    user = subscribe(by_email=False, by_sms=False)
    now = timezone.now()
    scheduled = notice_add(
        index=notice_index, title="Scheduled", go_live_at=now + timedelta(hours=1)
    )
    notice_add(
        index=notice_index,
        title="Expiring",
        go_live_at=now + timedelta(hours=1),
        expire_at=now + timedelta(hours=2),
    )
    # then: publishing only scheduled them, and told nobody
    assert not scheduled.live
    assert not NoticeDispatch.objects.exists()
    # when: Wagtail's publish_scheduled first runs after both times have passed
    with time_machine.travel(now + timedelta(hours=3)):
        call_command("publish_scheduled")
        dispatch = NoticeDispatch.objects.get()
        run_fan_out(dispatch)
    # then: the scheduled notice is told, the expired one never
    assert dispatch.notice_id == scheduled.pk
    assert [m.subject for m in _messages_of(user)] == ["Xiaoyudong Town: Scheduled"]


def test_the_publish_request_does_the_same_work_for_3_or_30_subscribers(
    notice_index, subscribe, django_capture_on_commit_callbacks
):
    def publish_queries(title: str) -> tuple[int, int]:
        notice = notice_add(index=notice_index, title=title, publish=False)
        revision = notice.get_latest_revision()
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks() as callbacks,
        ):
            revision.publish()
        return len(queries), len(callbacks)

    # given
    for _ in range(3):
        subscribe()
    few = publish_queries("First")
    for _ in range(27):
        subscribe()
    # when
    many = publish_queries("Second")
    # then: same queries, and one task queued after commit (the fan-out)
    assert many == few
    assert few[1] == 1


def test_an_emergency_alert_goes_to_the_urgent_queue(
    settings, notice_index, subscribe, django_capture_on_commit_callbacks
):
    # given
    subscribe()
    # when
    with django_capture_on_commit_callbacks() as callbacks:
        alert = notice_add(
            index=notice_index,
            title="Landslide",
            category=NoticeCategory.EMERGENCY_ALERT,
        )
        notice = notice_add(index=notice_index, title="Library hours")
    # then: the fan-out of the alert, and all its tasks, use the urgent queue
    alert_dispatch = NoticeDispatch.objects.get(notice=alert)
    notice_dispatch = NoticeDispatch.objects.get(notice=notice)
    assert notice_dispatch_queue(dispatch=alert_dispatch) == settings.HUB_URGENT_QUEUE
    assert notice_dispatch_queue(dispatch=notice_dispatch) is None
    assert [c.keywords.get("queue") for c in callbacks] == [
        settings.HUB_URGENT_QUEUE,
        None,
    ]


def test_no_task_is_queued_when_nobody_is_subscribed(
    notice_index, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks() as callbacks:
        notice = notice_add(index=notice_index, title="Quiet notice")
    # then: the round is recorded (a later subscriber is not told of it)
    assert NoticeDispatch.objects.filter(notice=notice, round=1).exists()
    assert callbacks == []


def test_inactive_users_and_unpublished_notices_are_not_told(
    notice_index, subscribe, run_fan_out
):
    # given
    active = subscribe()
    inactive = subscribe()
    inactive.is_active = False
    inactive.save()
    withdrawn = notice_add(index=notice_index, title="Withdrawn")
    told = notice_add(index=notice_index, title="Told")
    withdrawn.unpublish()
    # when
    run_fan_out(NoticeDispatch.objects.get(notice=withdrawn))
    run_fan_out(NoticeDispatch.objects.get(notice=told))
    # then
    assert [m.subject for m in _messages_of(active)] == ["Xiaoyudong Town: Told"]
    assert _messages_of(inactive) == []


def test_sms_only_to_a_confirmed_phone_and_e_mail_only_to_an_address(
    notice_index, subscribe, run_fan_out, sms_outbox
):
    # given: the subscriber's phone was unconfirmed since they subscribed
    user = subscribe()
    user.is_phone_verified = False
    user.save()
    no_email = subscribe(user=UserFactory(email=None), by_email=False)
    # when
    run_fan_out(
        NoticeDispatch.objects.get(notice=notice_add(index=notice_index, title="A"))
    )
    # then
    assert set(
        Delivery.objects.filter(message__recipient=user).values_list(
            "channel", flat=True
        )
    ) == {Channel.EMAIL}
    assert [sms.to for sms in sms_outbox] == [str(no_email.phone)]
