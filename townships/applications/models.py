"""Applications for public services: answers, materials, steps and results.

A citizen (or a service-centre agent for a villager, with recorded consent)
applies for a PublicService; officers of its department take it through the
status machine of constants.TRANSITIONS. The legal deadline is computed in
working days (townships.core.workdays) and stops while the application waits
for the citizen's correction or is suspended (ClockPause rows). Every step is
an ApplicationEvent with who and when. Materials are private files; every
officer's look at one is an audit row.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.core.models import TimeStampedModel
from hub.core.storage import private_storage
from townships.public_services.constants import DeliveryOption

from .constants import ApplicationEventKind, ApplicationStatus
from .form_definition import FormField  # noqa: F401  (a model of this app)


class Application(TimeStampedModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("reference"), max_length=32, unique=True, null=True, blank=True
    )
    service = models.ForeignKey(
        "public_services.PublicService",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("service"),
    )
    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("township"),
    )
    department = models.ForeignKey(
        "townships.Department",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("department"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    # A service-centre agent who filed it for the applicant (journey J8).
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications_filed",
        verbose_name=_("filed by"),
    )
    consent = models.CharField(
        _("applicant's consent"),
        max_length=255,
        blank=True,
        help_text=_("How the applicant agreed that an agent files this for them."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    delivery = models.CharField(_("result delivered by"), max_length=20, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    deadline = models.DateField(_("legal deadline"), null=True, blank=True)
    promised_by = models.DateField(_("promised by"), null=True, blank=True)
    extended_days = models.PositiveSmallIntegerField(_("days extended"), default=0)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    is_near_flagged = models.BooleanField(_("told: deadline near"), default=False)
    is_overdue_flagged = models.BooleanField(_("told: deadline passed"), default=False)
    rating = models.PositiveSmallIntegerField(_("rating (1-5)"), null=True, blank=True)
    rating_reason = models.TextField(_("reason for the rating"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    review_opened_at = models.DateTimeField(
        _("review by the head opened"), null=True, blank=True
    )
    review_closed_at = models.DateTimeField(
        _("review by the head closed"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["department", "status", "deadline"]),
            models.Index(fields=["applicant", "status"]),
        ]
        constraints = [
            # One draft per citizen and service: "apply" resumes it on any device.
            models.UniqueConstraint(
                fields=["applicant", "service"],
                condition=models.Q(status="draft"),
                name="applications_one_draft_per_service",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True)
                | models.Q(rating__gte=1, rating__lte=5),
                name="application_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"draft {self.uuid}"

    @property
    def amount_due(self):
        """The service's fee, plus its courier fee when the result goes by courier;
        one payment."""
        amount = self.service.fee
        if self.delivery == DeliveryOption.COURIER:
            amount += self.service.courier_fee
        return amount

    @property
    def delivery_label(self) -> str:
        """How the result reaches the applicant, in words."""
        if self.delivery in DeliveryOption.values:
            return DeliveryOption(self.delivery).label
        return ""


class ApplicationEvent(models.Model):
    """One step of an application: who, when, what, why."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("application"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ApplicationEventKind.choices,
        default=ApplicationEventKind.STATUS,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices
    )
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")
        ordering = ["application", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} {self.status}"


class ClockPause(models.Model):
    """A span in which the legal clock stood still (correction, suspension)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="pauses",
        verbose_name=_("application"),
    )
    started_at = models.DateTimeField(_("from"))
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20)

    class Meta:
        verbose_name = _("clock pause")
        verbose_name_plural = _("clock pauses")
        ordering = ["application", "started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(ended_at__isnull=True),
                name="clock_one_open_pause",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.started_at:%Y-%m-%d}"


class Material(TimeStampedModel):
    """A file the applicant sent: private, its type sniffed from the content."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="materials",
        verbose_name=_("application"),
    )
    required_material = models.ForeignKey(
        "public_services.RequiredMaterial",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for"),
    )
    file = models.FileField(
        _("file"), upload_to="application-materials/", storage=private_storage
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.original_name


class MaterialView(models.Model):
    """Audit: an officer (or anyone but the applicant) opened a material."""

    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="views"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("material view")
        verbose_name_plural = _("material views")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.material} {self.viewer_id} {self.at:%Y-%m-%d %H:%M}"


class Certificate(TimeStampedModel):
    """The e-certificate of an approved application, verifiable by its code."""

    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("application"),
    )
    code = models.CharField(_("verification code"), max_length=120, unique=True)
    pdf = models.FileField(
        _("PDF"), upload_to="certificates/", storage=private_storage, blank=True
    )
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason revoked"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
