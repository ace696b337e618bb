from django.db import models
from django.utils.translation import gettext_lazy as _

# Currencies whose Stripe amounts are whole units, not cents (Stripe's list).
ZERO_DECIMAL_CURRENCIES = frozenset(
    "BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF".split()
)


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card")
    CASH = "cash", _("Cash on delivery")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for payment")
    REQUIRES_ACTION = "requires_action", _("Waiting for the card's bank")
    SUCCEEDED = "succeeded", _("Paid")
    FAILED = "failed", _("Payment failed")
    CANCELED = "canceled", _("Cancelled")


class PaymentEventKind(models.TextChoices):
    """Movements of money; a declined card moves none and is kept on the payment."""

    CARD_CAPTURED = "card_captured", _("Paid by card")
    CASH_COLLECTED = "cash_collected", _("Cash collected")
    REFUNDED = "refunded", _("Refunded")


# What each Stripe PaymentIntent status means for our payment.
INTENT_STATUS_TO_PAYMENT = {
    "requires_payment_method": PaymentStatus.PENDING,
    "requires_confirmation": PaymentStatus.PENDING,
    "requires_action": PaymentStatus.REQUIRES_ACTION,
    "processing": PaymentStatus.PENDING,
    "requires_capture": PaymentStatus.PENDING,
    "succeeded": PaymentStatus.SUCCEEDED,
    "canceled": PaymentStatus.CANCELED,
}
