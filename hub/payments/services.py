"""Start, follow, collect and refund payments; receive Stripe's webhooks.

Each state change happens under a row lock on the payment, and each movement
of money is a PaymentEvent with a unique reference: however often a webhook,
a task or a button repeats, the ledger records it once.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.exceptions import ApplicationError

from . import gateway, registry
from .constants import (
    INTENT_STATUS_TO_PAYMENT,
    PaymentEventKind,
    PaymentMethod,
    PaymentStatus,
)
from .models import Payment, PaymentEvent, StripeEvent

logger = logging.getLogger(__name__)

TERMINAL = (PaymentStatus.SUCCEEDED, PaymentStatus.CANCELED)
WAITING = (PaymentStatus.PENDING, PaymentStatus.REQUIRES_ACTION, PaymentStatus.FAILED)
# PaymentIntent statuses in which a (new) card may be confirmed.
CONFIRMABLE = ("requires_payment_method", "requires_confirmation")


def _payment_get_or_create(*, reference, method, amount, currency, payer) -> Payment:
    payment, created = Payment.objects.get_or_create(
        reference=reference,
        defaults={
            "method": method,
            "amount": amount,
            "currency": currency.upper(),
            "payer": payer,
        },
    )
    if not created and (payment.amount, payment.currency) != (amount, currency.upper()):
        raise ApplicationError(_("This payment was started for another amount."))
    return payment


def payment_card_start(
    *,
    reference: str,
    amount: Decimal,
    currency: str,
    payer=None,
    payment_method: str = "",
) -> tuple[Payment, gateway.IntentState | None]:
    """A card payment for the reference, with its Stripe PaymentIntent.

    With a payment method (a card tokenised by Stripe.js, or an app) the
    intent is confirmed here; without, the browser confirms it with the
    Payment Element and the webhook tells us the outcome. Starting again for
    the same reference returns the same payment and intent (stored here, and
    Stripe's idempotency key is derived from the reference). A paid payment
    returns no intent: there is nothing left to pay.
    """
    payment = _payment_get_or_create(
        reference=reference,
        method=PaymentMethod.CARD,
        amount=amount,
        currency=currency,
        payer=payer,
    )
    if payment.status in TERMINAL:
        return payment, None
    if payment.method != PaymentMethod.CARD:
        Payment.objects.filter(pk=payment.pk, status=PaymentStatus.PENDING).update(
            method=PaymentMethod.CARD
        )
    if payment.stripe_payment_intent_id:
        state = gateway.intent_retrieve(payment.stripe_payment_intent_id)
    else:
        state = gateway.intent_create(
            reference=reference, amount=amount, currency=currency
        )
        linked = Payment.objects.filter(
            pk=payment.pk, stripe_payment_intent_id=None
        ).update(stripe_payment_intent_id=state.id)
        if not linked:  # a concurrent start linked its intent first: use that one
            payment.refresh_from_db(fields=["stripe_payment_intent_id"])
            state = gateway.intent_retrieve(payment.stripe_payment_intent_id)
    if payment_method and state.status in CONFIRMABLE:
        state = gateway.intent_confirm(
            intent_id=state.id, payment_method=payment_method
        )
    return payment_intent_apply(state=state), state


def payment_cash_start(
    *, reference: str, amount: Decimal, currency: str, payer=None
) -> Payment:
    """Cash on delivery: the payment waits, unpaid, for the courier's receipt."""
    return _payment_get_or_create(
        reference=reference,
        method=PaymentMethod.CASH,
        amount=amount,
        currency=currency,
        payer=payer,
    )


@transaction.atomic
def payment_intent_apply(*, state: gateway.IntentState) -> Payment:
    """Bring our payment to what Stripe says its PaymentIntent is now.

    Webhooks may arrive twice, late or out of order; callers pass the intent
    as just read from Stripe, so the newest truth wins, and a paid or
    cancelled payment never goes back.
    """
    payment = Payment.objects.select_for_update().get(stripe_payment_intent_id=state.id)
    if payment.status in TERMINAL:
        return payment
    status = INTENT_STATUS_TO_PAYMENT.get(state.status, PaymentStatus.PENDING)
    if state.status == "requires_payment_method" and state.error_message:
        status = PaymentStatus.FAILED
    payment.status = status
    payment.failure_message = (
        state.error_message[:255] if status == PaymentStatus.FAILED else ""
    )
    if status == PaymentStatus.SUCCEEDED:
        amount = gateway.from_minor_units(state.amount, state.currency)
        _event_record(
            payment=payment,
            kind=PaymentEventKind.CARD_CAPTURED,
            amount=amount,
            reference=f"{state.id}:captured",
        )
        payment.paid_at = timezone.now()
        transaction.on_commit(lambda: registry.payment_succeeded(payment))
    payment.save()
    return payment


@transaction.atomic
def payment_cash_record(
    *, payment: Payment, amount: Decimal, receipt: str, actor
) -> Payment:
    """The courier (or the office) took the cash: the payment is paid, once."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.method != PaymentMethod.CASH:
        raise ApplicationError(_("This order is paid by card, not in cash."))
    if PaymentEvent.objects.filter(reference=f"cash:{receipt}").exists():
        return payment
    if payment.status == PaymentStatus.SUCCEEDED:
        raise ApplicationError(_("This cash payment is already recorded."))
    if amount != payment.amount:
        raise ApplicationError(
            _("The amount collected must be %(amount)s %(currency)s.")
            % {"amount": payment.amount, "currency": payment.currency}
        )
    _event_record(
        payment=payment,
        kind=PaymentEventKind.CASH_COLLECTED,
        amount=amount,
        reference=f"cash:{receipt}",
        actor=actor,
    )
    payment.status = PaymentStatus.SUCCEEDED
    payment.paid_at = timezone.now()
    payment.save(update_fields=["status", "paid_at", "updated_at"])
    transaction.on_commit(lambda: registry.payment_succeeded(payment))
    return payment


def payment_cancel(*, payment: Payment) -> Payment:
    """Nobody will pay this any more: cancel its intent (card) or stop waiting (cash).

    Money already taken stays taken: a paid payment is refunded, not cancelled,
    and an intent that turns out paid at the last moment is recorded as paid.
    """
    if payment.stripe_payment_intent_id:
        return payment_intent_apply(
            state=gateway.intent_cancel(payment.stripe_payment_intent_id)
        )
    Payment.objects.filter(pk=payment.pk, status__in=WAITING).update(
        status=PaymentStatus.CANCELED, updated_at=timezone.now()
    )
    payment.refresh_from_db()
    return payment


@transaction.atomic
def payment_cash_amount_set(*, payment: Payment, amount: Decimal) -> Payment:
    """Change what the courier is to collect (a line refused); nothing: cancelled."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.method != PaymentMethod.CASH or payment.status not in WAITING:
        raise ApplicationError(_("Only cash not yet collected can be changed."))
    if amount <= 0:
        payment.status = PaymentStatus.CANCELED
    else:
        payment.amount = amount
    payment.save(update_fields=["amount", "status", "updated_at"])
    return payment


@transaction.atomic
def payment_refund(
    *, payment: Payment, amount: Decimal, reference: str, actor=None
) -> PaymentEvent:
    """Give back part or all of a paid payment; the same reference refunds once."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    existing = PaymentEvent.objects.filter(reference=f"refund:{reference}").first()
    if existing is not None:
        return existing
    if not payment.is_paid:
        raise ApplicationError(_("Only a paid payment can be refunded."))
    if amount <= 0 or amount > payment.amount - payment.amount_refunded:
        raise ApplicationError(_("The refund is more than what is left to refund."))
    if payment.method == PaymentMethod.CARD:
        gateway.refund_create(
            intent_id=payment.stripe_payment_intent_id,
            amount=amount,
            currency=payment.currency,
            reference=reference,
        )
    event = _event_record(
        payment=payment,
        kind=PaymentEventKind.REFUNDED,
        amount=amount,
        reference=f"refund:{reference}",
        actor=actor,
    )
    Payment.objects.filter(pk=payment.pk).update(
        amount_refunded=F("amount_refunded") + amount
    )
    return event


def _event_record(*, payment, kind, amount, reference, actor=None) -> PaymentEvent:
    event, _created = PaymentEvent.objects.get_or_create(
        reference=reference,
        defaults={"payment": payment, "kind": kind, "amount": amount, "actor": actor},
    )
    return event


def stripe_event_receive(*, event: dict) -> bool:
    """Store a verified webhook event once; True if it is new (then processed)."""
    from .tasks import stripe_event_process_task  # tasks import services

    with transaction.atomic():
        stored, created = StripeEvent.objects.get_or_create(
            event_id=event["id"], defaults={"type": event["type"], "payload": event}
        )
        if created:
            stripe_event_process_task.delay_on_commit(stored.pk)
    return created


def stripe_event_process(*, stripe_event: StripeEvent) -> None:
    """Act on a stored event by reading the current PaymentIntent from Stripe."""
    if stripe_event.processed_at is not None:
        return
    if stripe_event.type.startswith("payment_intent."):
        intent_id = stripe_event.payload["data"]["object"]["id"]
        if Payment.objects.filter(stripe_payment_intent_id=intent_id).exists():
            payment_intent_apply(state=gateway.intent_retrieve(intent_id))
        else:
            logger.warning(
                "Stripe event %s: no payment for %s", stripe_event.event_id, intent_id
            )
    else:
        logger.info(
            "Stripe event %s of type %s acknowledged",
            stripe_event.event_id,
            stripe_event.type,
        )
    StripeEvent.objects.filter(pk=stripe_event.pk, processed_at=None).update(
        processed_at=timezone.now()
    )


def payment_reconcile(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Re-read card payments still waiting after `older_than` (a missed webhook).

    Returns how many were read. Payments older than a week are left alone:
    Stripe cancels abandoned intents long before that.
    """
    now = timezone.now()
    waiting = Payment.objects.filter(
        method=PaymentMethod.CARD,
        status__in=[PaymentStatus.PENDING, PaymentStatus.REQUIRES_ACTION],
        stripe_payment_intent_id__isnull=False,
        updated_at__lt=now - older_than,
        created_at__gt=now - timedelta(days=7),
    ).values_list("stripe_payment_intent_id", flat=True)
    count = 0
    for intent_id in waiting.iterator():
        try:
            payment_intent_apply(state=gateway.intent_retrieve(intent_id))
        except gateway.GatewayError:
            logger.warning("Reconciliation could not read %s", intent_id, exc_info=True)
            continue
        count += 1
    return count
