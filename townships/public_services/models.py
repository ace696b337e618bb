"""The service catalogue: what a township does for its citizens, and what it takes.

A PublicService belongs to one township and one of its departments; its
RequiredMaterials are what the citizen brings or uploads, each optionally with
a public sample or template file. The fee is in the township's currency.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from hub.core.models import TimeStampedModel
from townships.core.models import TranslatedNameMixin

from .constants import (
    CURRENCY_DECIMALS,
    DEFAULT_CURRENCY_DECIMALS,
    DeliveryOption,
    VisitsNeeded,
)
from .validators import validate_pdf_template


def _in_language(obj: models.Model, prefix: str) -> str:
    """``<prefix>_<language>`` in the active language, else English, else Chinese."""
    language = (get_language() or "en").replace("-", "_").lower()
    return (
        getattr(obj, f"{prefix}_{language}", "")
        or getattr(obj, f"{prefix}_en")
        or getattr(obj, f"{prefix}_zh_hans")
    )


class PublicServiceQuerySet(models.QuerySet):
    def active(self) -> "PublicServiceQuerySet":
        return self.filter(is_active=True, township__is_active=True)

    def for_townships(self, townships) -> "PublicServiceQuerySet":
        return self.filter(township__in=townships)


class PublicService(TranslatedNameMixin, TimeStampedModel, ClusterableModel):
    """One government service of a township, handled by one of its departments."""

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.CASCADE,
        related_name="public_services",
        verbose_name=_("township"),
    )
    department = models.ForeignKey(
        "townships.Department",
        on_delete=models.PROTECT,
        related_name="public_services",
        verbose_name=_("department"),
    )
    slug = models.SlugField(_("slug"), max_length=80)
    description_zh_hans = models.TextField(
        _("description (Simplified Chinese)"), blank=True
    )
    description_vi = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    eligibility_zh_hans = models.TextField(
        _("who may apply (Simplified Chinese)"), blank=True
    )
    eligibility_vi = models.TextField(_("who may apply (Vietnamese)"), blank=True)
    eligibility_en = models.TextField(_("who may apply (English)"), blank=True)
    legal_basis = models.TextField(
        _("legal basis"),
        blank=True,
        help_text=_("The laws and regulations, cited in their official language."),
    )
    fee = models.DecimalField(
        _("fee"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("In the township's currency; 0 when free."),
    )
    courier_fee = models.DecimalField(
        _("courier fee"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Added to the fee, in the same payment, when the result is sent by courier."
        ),
    )
    legal_time_limit_days = models.PositiveSmallIntegerField(
        _("legal time limit (working days)"),
        help_text=_("0 when the law asks for the result on the spot."),
    )
    promised_time_days = models.PositiveSmallIntegerField(
        _("promised time (working days)"),
        help_text=_("What the township promises; at most the legal time limit."),
    )
    offers_e_certificate = models.BooleanField(
        DeliveryOption.E_CERTIFICATE.label, default=False
    )
    offers_pickup = models.BooleanField(DeliveryOption.PICKUP.label, default=True)
    offers_courier = models.BooleanField(DeliveryOption.COURIER.label, default=False)
    visits_needed = models.PositiveSmallIntegerField(
        _("visits needed"), choices=VisitsNeeded.choices, default=VisitsNeeded.NONE
    )
    is_online = models.BooleanField(_("can be applied for online"), default=False)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive services are not shown.")
    )

    objects = PublicServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("public service")
        verbose_name_plural = _("public services")
        ordering = ["township__slug", "department__slug", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "slug"], name="public_services_unique_slug"
            ),
            models.CheckConstraint(
                condition=Q(promised_time_days__lte=models.F("legal_time_limit_days")),
                name="public_services_promise_within_legal_limit",
            ),
            models.CheckConstraint(
                condition=Q(offers_e_certificate=True)
                | Q(offers_pickup=True)
                | Q(offers_courier=True),
                name="public_services_some_delivery",
            ),
            models.CheckConstraint(
                condition=Q(fee__gte=0), name="public_services_fee_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(courier_fee__gte=0),
                name="public_services_courier_fee_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(visits_needed__lte=1),
                name="public_services_at_most_one_visit",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("public_services:detail", args=[self.township.slug, self.slug])

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if (
            self.legal_time_limit_days is not None
            and self.promised_time_days is not None
            and self.promised_time_days > self.legal_time_limit_days
        ):
            errors["promised_time_days"] = [
                ValidationError(
                    _(
                        "The promised time (%(promised)d days) cannot be longer "
                        "than the legal time limit (%(legal)d days)."
                    ),
                    code="promise_over_legal_limit",
                    params={
                        "promised": self.promised_time_days,
                        "legal": self.legal_time_limit_days,
                    },
                )
            ]
        if not self.delivery_options:
            errors["offers_pickup"] = [
                ValidationError(
                    _("Choose at least one way the citizen receives the result."),
                    code="no_delivery_option",
                )
            ]
        if (
            self.department_id
            and self.township_id
            and self.department.township_id != self.township_id
        ):
            errors["department"] = [
                ValidationError(
                    _("Choose a department of the service's township."),
                    code="department_of_other_township",
                )
            ]
        decimals = CURRENCY_DECIMALS.get(
            self.township.currency if self.township_id else "",
            DEFAULT_CURRENCY_DECIMALS,
        )
        for name in ("fee", "courier_fee"):
            amount = getattr(self, name)
            if (
                self.township_id
                and amount is not None
                and amount != round(amount, decimals)
            ):
                errors[name] = [
                    ValidationError(
                        _(
                            "Amounts in %(currency)s have at most %(decimals)d "
                            "digits after the decimal point."
                        ),
                        code="fee_precision",
                        params={
                            "currency": self.township.currency,
                            "decimals": decimals,
                        },
                    )
                ]
        if errors:
            raise ValidationError(errors)

    @property
    def description(self) -> str:
        return _in_language(self, "description")

    @property
    def eligibility(self) -> str:
        return _in_language(self, "eligibility")

    @property
    def currency(self) -> str:
        """The fee's currency: the township's."""
        return self.township.currency

    @property
    def delivery_options(self) -> list[DeliveryOption]:
        offered = [
            (self.offers_e_certificate, DeliveryOption.E_CERTIFICATE),
            (self.offers_pickup, DeliveryOption.PICKUP),
            (self.offers_courier, DeliveryOption.COURIER),
        ]
        return [option for is_offered, option in offered if is_offered]


class RequiredMaterial(TranslatedNameMixin, Orderable):
    """A document the applicant brings or uploads, with an optional public template."""

    service = ParentalKey(
        "public_services.PublicService",
        on_delete=models.CASCADE,
        related_name="materials",
        verbose_name=_("service"),
    )
    description = models.TextField(_("description"), blank=True)
    is_required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Untick when only some applicants need it."),
    )
    template_file = models.FileField(
        _("sample or template (PDF)"),
        upload_to="public_services/templates/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf_template],
    )

    class Meta(Orderable.Meta):
        verbose_name = _("required material")
        verbose_name_plural = _("required materials")

    def __str__(self) -> str:
        return self.name
