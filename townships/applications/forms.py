"""Application forms built from a service's FormFields, one step at a time.

A step's form is bound either to what the citizen typed (a POST) or to the
answers kept on the draft (the review re-checks every step that way), so the
same rules hold wherever the answers come from. Answers are kept as the text
typed; a question that depends on another one is required only when it applies,
and its answer is dropped when it does not.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import phonenumbers

from townships.core.constants import Country

from .form_definition import FieldKind, FormField

PREFIX = "q"
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
# Weights and check characters of GB 11643-1999 (18-character resident ID).
CN_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CN_ID_CHECK = "10X98765432"
PHONE_REGION = {Country.CHINA: "CN", Country.VIETNAM: "VN"}


def validate_cn_id_number(value: str) -> None:
    """An 18-character Chinese resident ID: birth date and check character."""
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise ValidationError(
            _("An ID number has 17 digits and a last digit or X."), code="id_format"
        )
    try:
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError as exc:
        raise ValidationError(
            _("The birth date in this ID number is not a real date."),
            code="id_birth_date",
        ) from exc
    total = sum(
        int(digit) * weight
        for digit, weight in zip(value[:17], CN_ID_WEIGHTS, strict=True)
    )
    if CN_ID_CHECK[total % 11] != value[17]:
        raise ValidationError(
            _("This ID number has a typing mistake (its last character is wrong)."),
            code="id_checksum",
        )


def validate_vn_citizen_id(value: str) -> None:
    """A 12-digit Vietnamese citizen identity card (CCCD) number."""
    if not re.fullmatch(r"\d{12}", value):
        raise ValidationError(
            _("A citizen identity card number has 12 digits."), code="id_format"
        )
    # The first three digits are the province of birth registration, 001-096.
    if not 1 <= int(value[:3]) <= 96:
        raise ValidationError(
            _("The first three digits of this number are not a province code."),
            code="id_province",
        )


class IdNumberField(forms.CharField):
    def __init__(self, *, country: str, **kwargs):
        self.country = country
        super().__init__(max_length=20, **kwargs)

    def clean(self, value):
        value = super().clean(value).replace(" ", "").upper()
        if value:
            if self.country == Country.VIETNAM:
                validate_vn_citizen_id(value)
            else:
                validate_cn_id_number(value)
        return value


class PhoneField(forms.CharField):
    def __init__(self, *, country: str, **kwargs):
        self.region = PHONE_REGION.get(country, "CN")
        super().__init__(max_length=30, **kwargs)
        self.widget.input_type = "tel"

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            number = phonenumbers.parse(value, self.region)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise ValidationError(
                _("This is not a phone number we can call."), code="phone"
            )
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _django_field(field: FormField, country: str) -> forms.Field:
    common = {"label": field.label, "required": False}
    if field.kind == FieldKind.LONG_TEXT:
        return forms.CharField(max_length=2000, widget=forms.Textarea, **common)
    if field.kind == FieldKind.NUMBER:
        return forms.DecimalField(max_digits=15, decimal_places=4, **common)
    if field.kind == FieldKind.DATE:
        return forms.DateField(
            input_formats=["%Y-%m-%d"],
            widget=forms.DateInput(attrs={"type": "date"}),
            error_messages={"invalid": _("Enter a date like 2026-03-31.")},
            **common,
        )
    if field.kind == FieldKind.CHOICE:
        options = [(choice, choice) for choice in field.choice_list]
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if field.kind == FieldKind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if field.kind == FieldKind.PHONE:
        return PhoneField(country=country, **common)
    if field.kind == FieldKind.ID_NUMBER:
        return IdNumberField(country=country, **common)
    return forms.CharField(max_length=200, **common)


def applies(field: FormField, answers: dict) -> bool:
    """Whether the question is asked, given the other answers."""
    if not field.shown_if_key:
        return True
    return str(answers.get(field.shown_if_key, "")).strip() == field.shown_if_value


class ApplicationStepForm(forms.Form):
    """The questions of one step; ``answers`` are those of the whole draft."""

    def __init__(
        self, *args, questions: list[FormField], answers: dict, country: str, **kwargs
    ):
        kwargs.setdefault("prefix", PREFIX)
        kwargs.setdefault("initial", {q.key: answers.get(q.key, "") for q in questions})
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.answers = answers
        for question in questions:
            django_field = _django_field(question, country)
            if question.is_required and not question.shown_if_key:
                django_field.required = True
            if question.shown_if_key:
                django_field.help_text = _(
                    "Answer only if “%(key)s” is “%(value)s”."
                ) % {
                    "key": self._label_of(question.shown_if_key),
                    "value": question.shown_if_value,
                }
            self.fields[question.key] = django_field

    def _label_of(self, key: str) -> str:
        return next((q.label for q in self.questions if q.key == key), key)

    def raw_answers(self) -> dict[str, str]:
        """What was typed on this step, valid or not: a draft keeps it all."""
        return {
            q.key: (self.data.get(self.add_prefix(q.key)) or "").strip()
            for q in self.questions
        }

    def clean(self):
        cleaned = super().clean()
        seen = {**self.answers, **self.raw_answers()}
        for question in self.questions:
            if not question.shown_if_key:
                continue
            if not applies(question, seen):
                cleaned[question.key] = ""
                self.errors.pop(question.key, None)
            elif question.is_required and cleaned.get(question.key) in ("", None):
                if question.key not in self.errors:
                    self.add_error(
                        question.key,
                        ValidationError(
                            _("This question applies to you: please answer it."),
                            code="required_when_shown",
                        ),
                    )
        return cleaned

    def cleaned_answers(self) -> dict[str, str]:
        """The valid answers as text (dates ISO, numbers plain, phones E.164)."""
        return {
            key: "" if value is None else str(value)
            for key, value in self.cleaned_data.items()
        }


class MaterialUploadForm(forms.Form):
    material = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG, 10 MB at most)"))


class AgentStartForm(forms.Form):
    """A service-centre agent names the villager and records their consent."""

    phone = forms.CharField(
        label=_("Villager's phone number"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    consent = forms.CharField(
        label=_("How the villager agreed"),
        max_length=255,
        help_text=_("E.g. “Came to the centre in person on 3 March, signed the form.”"),
    )


class DeliveryChoiceForm(forms.Form):
    """How the applicant wants the result, among what the service offers."""

    # Not required: a form sent without it gets the service's first way.
    delivery = forms.ChoiceField(
        label=_("How do you want the result?"),
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["delivery"]
        field.choices = [
            (option.value, option.label) for option in service.delivery_options
        ]
        field.initial = field.choices[0][0] if field.choices else None


class RatingForm(forms.Form):
    """1 to 5 stars for a decided application, and why."""

    rating = forms.TypedChoiceField(
        label=_("How well was this handled?"),
        choices=[(value, f"{value} ★") for value in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose 1 to 5 stars.")},
    )
    reason = forms.CharField(
        label=_("Why? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
