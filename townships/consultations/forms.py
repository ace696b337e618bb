"""Forms of asking, rating, reopening, the board's filter and the officer's steps.

Forms check the shape of what was typed; the rules (routing, rate limit,
who may act) are the services'. A refused form keeps what was typed.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.images import validate_photo
from townships.core.models import Township

from .constants import (
    BODY_MAX_LENGTH,
    FORWARD_HOLDING_REPLY,
    PLACE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    ConsultationKind,
)
from .models import Category

ANSWER_MAX_LENGTH = 4000
REASON_MAX_LENGTH = 1000


def _township_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Township"),
        queryset=Township.objects.active(),
        to_field_name="slug",
        error_messages={"required": _("Choose the township.")},
    )


def _category_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("About"),
        queryset=Category.objects.filter(is_active=True),
        to_field_name="slug",
        error_messages={"required": _("Choose what it is about.")},
    )


def _title_field() -> forms.CharField:
    return forms.CharField(
        label=_("Your question in a few words"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={"required": _("Write your question in a few words.")},
    )


class AskStartForm(forms.Form):
    """Step one (a GET): where, what about and the question in a few words,
    so that similar public items can be shown before the full form."""

    township = _township_field()
    category = _category_field()
    title = _title_field()


class AskForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("This is a"),
        choices=ConsultationKind.choices,
        initial=ConsultationKind.QUESTION,
        widget=forms.RadioSelect,
    )
    township = _township_field()
    category = _category_field()
    title = _title_field()
    body = forms.CharField(
        label=_("Details"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Tell the department what it is about.")},
    )
    place = forms.CharField(
        label=_("Where (optional)"), max_length=PLACE_MAX_LENGTH, required=False
    )
    photo = forms.FileField(
        label=_("A photo (optional)"),
        required=False,
        validators=[validate_photo],
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    is_public = forms.TypedChoiceField(
        label=_("Who may read it"),
        choices=[
            ("yes", _("Everyone, with the answer (phone and ID numbers are hidden)")),
            ("no", _("Only me and the department")),
        ],
        initial="yes",
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How good was the answer?"),
        choices=[(value, f"{value} ★") for value in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose 1 to 5 stars.")},
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("What is not resolved?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what is not resolved.")},
    )


class BoardFilterForm(forms.Form):
    township = forms.ModelChoiceField(
        label=_("Township"),
        queryset=Township.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("All townships"),
    )
    category = forms.ModelChoiceField(
        label=_("About"),
        queryset=Category.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
        empty_label=_("Everything"),
    )
    q = forms.CharField(label=_("Search"), max_length=100, required=False)

    def filters(self) -> dict[str, str]:
        """Valid filters as slugs and words; an invalid one is ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        township, category = data.get("township"), data.get("category")
        return {
            "township_slug": township.slug if township else "",
            "category_slug": category.slug if category else "",
            "query": data.get("q", ""),
        }


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply to the citizen"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the text the citizen reads.")},
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Final answer"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Public questions publish it; phone and ID numbers are hidden."),
        error_messages={"required": _("Write the text the citizen reads.")},
    )


class ForwardForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Forward to"),
        queryset=None,
        error_messages={"required": _("Choose the department.")},
    )
    text = forms.CharField(
        label=_("Holding reply to the citizen"),
        max_length=ANSWER_MAX_LENGTH,
        initial=FORWARD_HOLDING_REPLY,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the text the citizen reads.")},
    )

    def __init__(self, *args, departments, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
