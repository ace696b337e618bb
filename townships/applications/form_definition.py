"""A service's application form, as data that township staff edit in /cms/.

Each FormField is an inline row of the PublicService (like RequiredMaterial):
its key, its label in the three languages, its kind, the step it is on, the
answer of another field it depends on, and the profile value it starts from.
Wagtail's form builder (wagtail.contrib.forms) was not used: its fields hang
off a form *page*, it has no steps, conditions or uploads, and it stores each
submission as a JSON blob with no status, deadline or owner.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.models import Orderable


class FieldKind(models.TextChoices):
    TEXT = "text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes or no")
    PHONE = "phone", _("Phone number")
    ID_NUMBER = "id_number", _("ID number")


class Prefill(models.TextChoices):
    """What the profile holds (hub.accounts): it has no ID number to offer."""

    NAME = "name", _("Real name")
    PHONE = "phone", _("Phone number")
    ADDRESS = "address", _("Village and township")


class FormField(Orderable):
    """One question of a service's application form."""

    service = ParentalKey(
        "public_services.PublicService",
        on_delete=models.CASCADE,
        related_name="form_fields",
        verbose_name=_("service"),
    )
    key = models.SlugField(
        _("key"),
        max_length=50,
        help_text=_("Short name of the answer, unique in this form, e.g. reason."),
    )
    label_zh_hans = models.CharField(_("question (Simplified Chinese)"), max_length=200)
    label_vi = models.CharField(_("question (Vietnamese)"), max_length=200, blank=True)
    label_en = models.CharField(_("question (English)"), max_length=200, blank=True)
    kind = models.CharField(
        _("kind of answer"), max_length=20, choices=FieldKind.choices
    )
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For a choice: one per line.")
    )
    is_required = models.BooleanField(_("required"), default=True)
    step = models.PositiveSmallIntegerField(
        _("step"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Questions with the same step number are on one page."),
    )
    shown_if_key = models.SlugField(
        _("only if the answer to (key)"),
        max_length=50,
        blank=True,
        help_text=_("Ask this only when another question has a given answer."),
    )
    shown_if_value = models.CharField(
        _("is"),
        max_length=200,
        blank=True,
        help_text=_(
            "The answer that makes this question apply (yes or no for a yes-or-no "
            "question)."
        ),
    )
    prefill = models.CharField(
        _("filled in from the profile"),
        max_length=20,
        choices=Prefill.choices,
        blank=True,
    )

    class Meta(Orderable.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "key"], name="applications_form_field_unique_key"
            )
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        errors = {}
        if self.kind == FieldKind.CHOICE and not self.choice_list:
            errors["choices"] = _("Give the choices, one per line.")
        if bool(self.shown_if_key) != bool(self.shown_if_value):
            errors["shown_if_value"] = _("Give both the question's key and the answer.")
        if self.shown_if_key and self.shown_if_key == self.key:
            errors["shown_if_key"] = _("A question cannot depend on itself.")
        if errors:
            raise ValidationError(errors)

    @property
    def label(self) -> str:
        """The question in the active language, else English, else Chinese."""
        language = (get_language() or "en").replace("-", "_").lower()
        return (
            getattr(self, f"label_{language}", "")
            or self.label_en
            or self.label_zh_hans
        )

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
