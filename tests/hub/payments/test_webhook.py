"""Stripe webhooks: verified, stored once by event id, read from the current intent."""

import threading
import time
from decimal import Decimal

from django.db import connection
from django.test import Client

import pytest

from hub.payments import services
from hub.payments.constants import PaymentStatus
from hub.payments.models import Payment, PaymentEvent, StripeEvent
from tests.fixtures.services import wait_for

URL = "/payments/stripe/webhook/"


@pytest.fixture
def eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True


@pytest.fixture
def paid_at_stripe(stripe_settings, card_payment_method, db):
    """A payment whose intent Stripe holds as succeeded, still pending here."""
    payment, intent = services.payment_card_start(
        reference="test:webhook", amount=Decimal("42.00"), currency="CNY"
    )
    services.payment_card_start(
        reference="test:webhook",
        amount=Decimal("42.00"),
        currency="CNY",
        payment_method=card_payment_method("4242424242424242"),
    )
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.PENDING)
    PaymentEvent.objects.all().delete()
    return Payment.objects.get(pk=payment.pk), intent


def _post(client, body, signature):
    return client.post(
        URL, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda sign, body: (body + b" ", sign), id="tampered body"),
        pytest.param(lambda sign, body: (body, ""), id="no signature"),
        pytest.param(lambda sign, body: (body, "t=1,v1=00"), id="garbage signature"),
    ],
)
def test_forged_webhook_is_refused_and_nothing_written(
    client, stripe_settings, signed_webhook, forge
):
    # given
    body, signature = signed_webhook("payment_intent.succeeded", {"id": "pi_x"})
    body, signature = forge(signature, body)
    # when
    response = _post(client, body, signature)
    # then
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


@pytest.mark.django_db
def test_wrong_secret_and_stale_signatures_are_refused(
    client, stripe_settings, signed_webhook
):
    # given
    wrong = signed_webhook(
        "payment_intent.succeeded", {"id": "pi_x"}, secret="whsec_other"
    )
    stale = signed_webhook(
        "payment_intent.succeeded", {"id": "pi_x"}, timestamp=int(time.time()) - 301
    )
    # when
    statuses = [_post(client, *delivery).status_code for delivery in (wrong, stale)]
    # then
    assert statuses == [400, 400]
    assert not StripeEvent.objects.exists()


@pytest.mark.django_db
def test_same_event_five_times_pays_once(
    client, eager, paid_at_stripe, signed_webhook, django_capture_on_commit_callbacks
):
    # given
    payment, intent = paid_at_stripe
    delivery = signed_webhook(
        "payment_intent.succeeded", {"id": intent.id}, event_id="evt_once"
    )
    # when
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [_post(client, *delivery).status_code for _ in range(5)]
    # then
    assert statuses == [200] * 5
    assert StripeEvent.objects.get().processed_at is not None
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert PaymentEvent.objects.count() == 1


@pytest.mark.django_db
def test_late_failure_event_does_not_undo_a_payment(
    client, eager, paid_at_stripe, signed_webhook, django_capture_on_commit_callbacks
):
    # given: the success was applied; an older "failed" event arrives late
    payment, intent = paid_at_stripe
    succeeded = signed_webhook("payment_intent.succeeded", {"id": intent.id})
    failed = signed_webhook("payment_intent.payment_failed", {"id": intent.id})
    # when
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, *succeeded)
        _post(client, *failed)
    # then
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED


@pytest.mark.django_db
def test_failure_event_before_success_is_read_as_the_current_state(
    client, eager, paid_at_stripe, signed_webhook, django_capture_on_commit_callbacks
):
    # given: out of order, "failed" comes first, but the intent has succeeded
    payment, intent = paid_at_stripe
    failed = signed_webhook("payment_intent.payment_failed", {"id": intent.id})
    # when
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, *failed)
    # then
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED


@pytest.mark.django_db
def test_unknown_event_type_is_acknowledged(
    client, eager, stripe_settings, signed_webhook, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, *signed_webhook("customer.created", {"id": "cus_1"}))
    # then
    assert response.status_code == 200
    assert StripeEvent.objects.get().processed_at is not None


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_same_event_five_times_at_once_pays_once(
    celery_worker_process, paid_at_stripe, signed_webhook
):
    # given: five deliveries of one event at the same moment, a real worker
    payment, intent = paid_at_stripe
    delivery = signed_webhook("payment_intent.succeeded", {"id": intent.id})
    barrier = threading.Barrier(5)
    statuses = []

    def deliver():
        barrier.wait()
        try:
            statuses.append(_post(Client(), *delivery).status_code)
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=deliver) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wait_for(lambda: StripeEvent.objects.filter(processed_at__isnull=False).exists())
    # then
    assert statuses == [200] * 5
    assert StripeEvent.objects.count() == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert PaymentEvent.objects.count() == 1
