"""Stripe, behind a small interface: the only module that imports `stripe`.

Every call has a timeout and, where it creates something, an idempotency key
derived from our own reference, so a retried task or request never charges or
refunds twice. Settings are read per call (tests point STRIPE_API_BASE at
localstripe on loopback).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

import stripe

from .constants import ZERO_DECIMAL_CURRENCIES


class GatewayError(Exception):
    """Stripe refused or could not be reached; the message is safe to log."""


class SignatureError(Exception):
    """A webhook whose signature is missing, wrong or too old."""


@dataclass(frozen=True)
class IntentState:
    """What Stripe says about a PaymentIntent now."""

    id: str
    status: str
    amount: int
    currency: str
    client_secret: str
    error_code: str
    error_message: str


def to_minor_units(amount: Decimal, currency: str) -> int:
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return int(amount)
    return int((amount * 100).to_integral_value())


def from_minor_units(amount: int, currency: str) -> Decimal:
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return Decimal(amount)
    return Decimal(amount) / 100


def _client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else {}
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base,
        max_network_retries=2,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT_SECONDS),
    )


def _state(intent) -> IntentState:
    intent = intent.to_dict()
    error = intent.get("last_payment_error") or {}
    return IntentState(
        id=intent["id"],
        status=intent["status"],
        amount=intent["amount"],
        currency=intent["currency"],
        client_secret=intent.get("client_secret") or "",
        error_code=error.get("code") or "",
        error_message=error.get("message") or "",
    )


def intent_create(
    *,
    reference: str,
    amount: Decimal,
    currency: str,
    metadata: dict[str, str] | None = None,
) -> IntentState:
    """The PaymentIntent for our reference; the same reference gives the same one."""
    try:
        intent = _client().v1.payment_intents.create(
            params={
                "amount": to_minor_units(amount, currency),
                "currency": currency.lower(),
                "metadata": {"reference": reference, **(metadata or {})},
            },
            options={"idempotency_key": f"{reference}:intent"},
        )
    except stripe.StripeError as error:
        raise GatewayError(str(error)) from error
    return _state(intent)


def intent_confirm(*, intent_id: str, payment_method: str) -> IntentState:
    """Confirm the intent with a card the browser tokenised (Stripe.js).

    A decline is not an error here: the intent's state says what happened.
    """
    intents = _client().v1.payment_intents
    try:
        intents.update(intent_id, params={"payment_method": payment_method})
        return _state(intents.confirm(intent_id))
    except stripe.CardError:
        return intent_retrieve(intent_id)
    except stripe.StripeError as error:
        raise GatewayError(str(error)) from error


def intent_retrieve(intent_id: str) -> IntentState:
    try:
        return _state(_client().v1.payment_intents.retrieve(intent_id))
    except stripe.StripeError as error:
        raise GatewayError(str(error)) from error


def intent_cancel(intent_id: str) -> IntentState:
    """Cancel an intent nobody paid; one that is already final is returned as it is."""
    intents = _client().v1.payment_intents
    try:
        return _state(intents.cancel(intent_id))
    except stripe.InvalidRequestError:
        return intent_retrieve(intent_id)
    except stripe.StripeError as error:
        raise GatewayError(str(error)) from error


def refund_create(
    *, intent_id: str, amount: Decimal, currency: str, reference: str
) -> str:
    """Refund part or all of a PaymentIntent; the same reference refunds once."""
    try:
        refund = _client().v1.refunds.create(
            params={
                "payment_intent": intent_id,
                "amount": to_minor_units(amount, currency),
                "metadata": {"reference": reference},
            },
            options={"idempotency_key": f"{reference}:refund"},
        )
    except stripe.StripeError as error:
        raise GatewayError(str(error)) from error
    return refund["id"]


def webhook_event(*, payload: bytes, signature: str) -> dict:
    """The event of a webhook delivery, if Stripe's signature over it holds.

    Stripe's own check: HMAC-SHA256 of "<timestamp>.<raw body>" with the
    endpoint secret, and a timestamp within Stripe's 5-minute tolerance.
    """
    try:
        event = stripe.Webhook.construct_event(
            payload, signature, settings.STRIPE_WEBHOOK_SECRET
        )
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise SignatureError(str(error)) from error
    return event.to_dict()
