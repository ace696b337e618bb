"""Forms of the courier app. They parse what the courier typed; services decide
(a wrong code, the wrong amount of cash, a step out of order)."""

import re
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from oscar.templatetags.currency_filters import currency

from hub.core.images import validate_photo
from hub.payments.models import Payment

from .constants import DELIVERY_CODE_LENGTH, TRANSITIONS, FailureReason, ShipmentStatus
from .models import Shipment
from .selectors import shipment_cash_due

S = ShipmentStatus


class ConfirmForm(forms.Form):
    """A button with nothing to type: pickup, on my way."""

    def service_kwargs(self) -> dict[str, Any]:
        return {}


class _DeliverForm(forms.Form):
    """Delivery; for cash on delivery, also the cash collected (required)."""

    def __init__(self, *args, cash_due: Payment | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if cash_due is not None:
            owed = currency(cash_due.amount, cash_due.currency)
            self.fields["cash"] = forms.DecimalField(
                label=_("Cash collected"),
                help_text=_("Owed: %(owed)s") % {"owed": owed},
                min_value=0,
                max_digits=12,
                decimal_places=2,
                # Text, not type=number: what was typed comes back as typed.
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "autocomplete": "off"}
                ),
                error_messages={
                    "required": _("Collect %(owed)s and type the amount.")
                    % {"owed": owed},
                    "invalid": _("Type the amount as a number, e.g. %(amount)s.")
                    % {"amount": cash_due.amount},
                    "min_value": _("The amount cannot be negative."),
                    "max_digits": _("This amount is too large."),
                    "max_whole_digits": _("This amount is too large."),
                    "max_decimal_places": _("Use at most 2 decimals."),
                },
            )

    def service_kwargs(self) -> dict[str, Any]:
        return {"cash": self.cleaned_data.get("cash")}


class CodeDeliverForm(_DeliverForm):
    """Delivered: the recipient reads the 6-digit code from their phone."""

    code = forms.CharField(
        label=_("Recipient's delivery code"),
        help_text=_("The recipient reads you the 6 digits from their phone."),
        error_messages={"required": _("Type the recipient's 6-digit code.")},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9]*",
                "maxlength": DELIVERY_CODE_LENGTH,
                "size": DELIVERY_CODE_LENGTH,
            }
        ),
    )
    field_order = ["code", "cash"]

    def clean_code(self) -> str:
        # Full-width digits (a Chinese keyboard) are digits too; spaces are not.
        code = "".join(unicodedata.normalize("NFKC", self.cleaned_data["code"]).split())
        if not re.fullmatch(r"[0-9]+", code):
            raise ValidationError(
                _("The code has digits only (0 to 9)."), code="not_digits"
            )
        if len(code) != DELIVERY_CODE_LENGTH:
            raise ValidationError(
                _("The code has %(length)d digits; you typed %(typed)d."),
                code="length",
                params={"length": DELIVERY_CODE_LENGTH, "typed": len(code)},
            )
        return code

    def service_kwargs(self) -> dict[str, Any]:
        return {"code": self.cleaned_data["code"], **super().service_kwargs()}


class PhotoDeliverForm(_DeliverForm):
    """Delivered without the code: a photo and the name of who took it."""

    photo = forms.FileField(
        label=_("Photo of the parcel handed over"),
        error_messages={
            "required": _("Take a photo of the parcel with the person who took it."),
            "empty": _("This photo is empty; take it again."),
        },
        widget=forms.FileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    received_by = forms.CharField(
        label=_("Name of the person who took it"),
        max_length=200,
        error_messages={"required": _("Write the name of the person who took it.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    field_order = ["photo", "received_by", "cash"]

    def clean_photo(self):
        photo = self.cleaned_data["photo"]
        validate_photo(photo)
        return photo

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "photo": self.cleaned_data["photo"],
            "received_by": self.cleaned_data["received_by"],
            **super().service_kwargs(),
        }


class FailForm(forms.Form):
    """Could not deliver: why (and, for "other", what happened)."""

    reason = forms.ChoiceField(
        label=_("What happened?"),
        choices=[("", _("Choose a reason")), *FailureReason.choices],
        error_messages={
            "required": _("Choose why the delivery failed."),
            "invalid_choice": _("Choose why the delivery failed."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Needed for “Other”; dispatch and the recipient read it."),
        required=False,
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "reason": self.cleaned_data["reason"],
            "note": self.cleaned_data["note"],
        }


class ReturnForm(forms.Form):
    """Give up: the parcel goes back to its sender."""

    note = forms.CharField(
        label=_("Note for the sender (optional)"),
        required=False,
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def service_kwargs(self) -> dict[str, Any]:
        return {"note": self.cleaned_data["note"]}


# The courier's actions, each with its form and the status it leads to, in the
# order the task page shows them.
ACTION_FORMS: dict[str, tuple[type[forms.Form], str]] = {
    "pickup": (ConfirmForm, S.PICKED_UP),
    "depart": (ConfirmForm, S.IN_TRANSIT),
    "deliver": (CodeDeliverForm, S.DELIVERED),
    "deliver_photo": (PhotoDeliverForm, S.DELIVERED),
    "fail": (FailForm, S.FAILED_ATTEMPT),
    "return": (ReturnForm, S.RETURNED),
}


def action_form(action: str, shipment: Shipment, data=None, files=None) -> forms.Form:
    """The form of one action on the shipment, bound to what was posted if given."""
    form_class, _status = ACTION_FORMS[action]
    kwargs: dict[str, Any] = {"auto_id": f"{action}_%s"}
    if issubclass(form_class, _DeliverForm):
        kwargs["cash_due"] = shipment_cash_due(shipment)
    return form_class(data, files, **kwargs)


def action_names(shipment: Shipment) -> list[str]:
    """The actions the shipment's status allows next (constants.TRANSITIONS)."""
    return [
        action
        for action, (_form_class, status) in ACTION_FORMS.items()
        if status in TRANSITIONS[shipment.status]
    ]


def action_forms(shipment: Shipment) -> dict[str, forms.Form]:
    """Unbound forms of the actions the shipment's status allows next."""
    return {action: action_form(action, shipment) for action in action_names(shipment)}
