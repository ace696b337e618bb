"""Forms of the officer workspace. They parse what the officer typed; the
services decide (a step out of order, a reason missing, too many days)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import TRANSITIONS, ApplicationStatus
from .models import Application

A = ApplicationStatus


class QueueFilterForm(forms.Form):
    """The queue's status filter: open ones by default, one status, or all."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Open (not decided)")),
            *[(status, A(status).label) for status in A.values if status != A.DRAFT],
            ("all", _("All")),
        ],
    )

    def status_value(self) -> str:
        return self.cleaned_data["status"] if self.is_valid() else ""


class StepForm(forms.Form):
    """A step with an optional or required reason that the applicant reads."""

    reason = forms.CharField(
        label=_("Reason (the applicant reads it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, to: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.to = to
        if to == A.APPROVED:
            self.fields["reason"].label = _("Note for the applicant (optional)")

    def service_kwargs(self) -> dict[str, Any]:
        return {"to": self.to, "reason": self.cleaned_data["reason"]}


class ExtendForm(forms.Form):
    """Extend the time limit by some working days, with a reason."""

    days = forms.IntegerField(
        label=_("Working days to add"),
        error_messages={
            "required": _("Type how many working days to add."),
            "invalid": _("Type a whole number of days, e.g. 5."),
        },
        # Text, not type=number: what was typed comes back as typed.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    reason = forms.CharField(
        label=_("Reason (the applicant reads it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "days": self.cleaned_data["days"],
            "reason": self.cleaned_data["reason"],
        }


# The officer's actions in the order the page shows them: the status each
# leads to, and the statuses it is offered from (TRANSITIONS decides).
STEP_ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "accept": (A.ACCEPTED, (A.SUBMITTED,)),
    "resume": (A.ACCEPTED, (A.SUSPENDED,)),
    "correction": (A.CORRECTION, (A.SUBMITTED, A.ACCEPTED)),
    "approve": (A.APPROVED, (A.ACCEPTED,)),
    "reject": (A.REJECTED, (A.SUBMITTED, A.ACCEPTED, A.SUSPENDED)),
    "suspend": (A.SUSPENDED, (A.ACCEPTED,)),
}
EXTEND_FROM = (A.SUBMITTED, A.ACCEPTED, A.SUSPENDED)
ACTIONS = (*STEP_ACTIONS, "extend")


def action_names(application: Application) -> list[str]:
    """The actions the application's status allows next."""
    names = [
        action
        for action, (to, sources) in STEP_ACTIONS.items()
        if application.status in sources and to in TRANSITIONS[application.status]
    ]
    if application.status in EXTEND_FROM:
        names.append("extend")
    return names


def action_form(action: str, data=None) -> forms.Form:
    """The form of one action, bound to what was posted if given."""
    kwargs: dict[str, Any] = {"auto_id": f"{action}_%s"}
    if action == "extend":
        return ExtendForm(data, **kwargs)
    return StepForm(data, to=STEP_ACTIONS[action][0], **kwargs)


def action_forms(application: Application) -> dict[str, forms.Form]:
    """Unbound forms of the actions the application's status allows next."""
    return {action: action_form(action) for action in action_names(application)}


class ReviewCloseForm(forms.Form):
    note = forms.CharField(
        label=_("What was found and done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class FeeCounterForm(forms.Form):
    receipt = forms.CharField(
        label=_("Counter receipt number"),
        max_length=40,
        error_messages={"required": _("Type the number of the counter's receipt.")},
    )
