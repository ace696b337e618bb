"""Card payments through the stripe library against localstripe, and the ledger."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest
import requests

from hub.core.exceptions import ApplicationError
from hub.payments import registry, services
from hub.payments.constants import PaymentEventKind, PaymentStatus
from hub.payments.models import Payment, PaymentEvent

pytestmark = pytest.mark.django_db

VISA = "4242424242424242"
DECLINED_AT_CHARGE = "4000000000000341"
NEEDS_3DS = "4000002760003184"


@pytest.fixture
def paid_calls():
    """Payments that the "test" purpose's handler was told of."""
    calls = []
    handler = registry.on_payment_succeeded("test")(calls.append)
    yield calls
    registry._succeeded_handlers["test"].remove(handler)


def _start(card_payment_method, number, reference="test:1", amount="28.50"):
    return services.payment_card_start(
        reference=reference,
        amount=Decimal(amount),
        currency="CNY",
        payment_method=card_payment_method(number),
    )


def _bank_check(localstripe_url, intent, *, passed: bool) -> None:
    """The shopper's answer to 3-D Secure, as Stripe.js sends it."""
    requests.post(
        f"{localstripe_url}/v1/payment_intents/{intent.id}/_authenticate",
        auth=("sk_test_localstripe", ""),
        data={"client_secret": intent.client_secret, "success": str(passed).lower()},
        timeout=10,
    ).raise_for_status()


def test_card_payment_succeeds_once(
    stripe_settings, card_payment_method, paid_calls, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        payment, intent = _start(card_payment_method, VISA)
        again, _ = services.payment_card_start(
            reference="test:1", amount=Decimal("28.50"), currency="CNY"
        )
    # then
    assert payment.status == PaymentStatus.SUCCEEDED
    assert intent.amount == 2850
    assert again.pk == payment.pk
    event = PaymentEvent.objects.get()
    assert (event.kind, event.amount) == (
        PaymentEventKind.CARD_CAPTURED,
        Decimal("28.50"),
    )
    assert paid_calls == [payment]


def test_declined_card_says_so_and_can_be_retried(stripe_settings, card_payment_method):
    # when
    payment, intent = _start(card_payment_method, DECLINED_AT_CHARGE)
    # then
    assert payment.status == PaymentStatus.FAILED
    assert "declined" in payment.failure_message.lower()
    assert not PaymentEvent.objects.exists()


def test_3d_secure_leads_to_requires_action_then_paid(
    stripe_settings, card_payment_method, localstripe_url
):
    # given
    payment, intent = _start(card_payment_method, NEEDS_3DS)
    assert payment.status == PaymentStatus.REQUIRES_ACTION
    # when: the shopper passes the bank's check (Stripe.js does this call)
    _bank_check(localstripe_url, intent, passed=True)
    services.payment_reconcile(older_than=timedelta(0))
    # then
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED


def test_cancelled_3d_secure_fails_in_plain_words(
    stripe_settings, card_payment_method, localstripe_url
):
    # given
    payment, intent = _start(card_payment_method, NEEDS_3DS)
    # when: the shopper cancels the bank's check
    _bank_check(localstripe_url, intent, passed=False)
    services.payment_reconcile(older_than=timedelta(0))
    # then
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert "authentication" in payment.failure_message.lower()


def test_reconciliation_pays_what_a_missed_webhook_did_not(
    stripe_settings, card_payment_method, localstripe_url
):
    # given: paid at Stripe, still pending here (as if the webhook never came)
    payment, intent = _start(card_payment_method, NEEDS_3DS)
    _bank_check(localstripe_url, intent, passed=True)
    # when: a fresh payment is left alone, an old one is re-read
    assert services.payment_reconcile() == 0
    Payment.objects.filter(pk=payment.pk).update(
        updated_at=timezone.now() - timedelta(minutes=11)
    )
    read = services.payment_reconcile()
    # then
    payment.refresh_from_db()
    assert read == 1
    assert payment.status == PaymentStatus.SUCCEEDED
    assert PaymentEvent.objects.count() == 1


def test_refund_is_recorded_once_and_never_exceeds_the_payment(
    stripe_settings, card_payment_method
):
    # given
    payment, _ = _start(card_payment_method, VISA, amount="30.00")
    # when
    first = services.payment_refund(
        payment=payment, amount=Decimal("12.00"), reference="g1"
    )
    again = services.payment_refund(
        payment=payment, amount=Decimal("12.00"), reference="g1"
    )
    # then
    payment.refresh_from_db()
    assert first.pk == again.pk
    assert payment.amount_refunded == Decimal("12.00")
    with pytest.raises(ApplicationError):
        services.payment_refund(
            payment=payment, amount=Decimal("18.01"), reference="g2"
        )
    assert PaymentEvent.objects.filter(kind=PaymentEventKind.REFUNDED).count() == 1


def test_same_reference_with_another_amount_is_refused(
    stripe_settings, card_payment_method
):
    # given
    _start(card_payment_method, VISA)
    # when / then
    with pytest.raises(ApplicationError):
        services.payment_card_start(
            reference="test:1", amount=Decimal("1"), currency="CNY"
        )
