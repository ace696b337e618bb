"""What a card's bank answered, in words a shopper understands."""

from django.utils.translation import gettext as _

from hub.payments.gateway import IntentState


def card_failure_message(state: IntentState) -> str:
    """'' while nothing went wrong; otherwise what happened and what to do next."""
    if not state.error_code and not state.error_message:
        return ""
    by_code = {
        "card_declined": _("Your card was declined by your bank."),
        "insufficient_funds": _("Your card was declined: not enough money on it."),
        "expired_card": _("Your card has expired."),
        "incorrect_cvc": _("The security code (CVC) is not right."),
        "incorrect_number": _("The card number is not right."),
        "payment_intent_authentication_failure": _(
            "Your bank's check (3-D Secure) was cancelled or failed."
        ),
    }
    what = by_code.get(state.error_code) or _("Your card could not be charged.")
    return " ".join(
        [
            what,
            _("Nothing was charged."),
            _("Try again, use another card, or go back to your basket."),
        ]
    )
