"""Questions, complaints and suggestions: routed to a department, answered
within the category's promised times, escalated once when late, rated.

Every step is a ConsultationEvent (the trail). Public items carry their text
already masked (masking.py), so nothing published holds a phone or ID number.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.core.models import TimeStampedModel
from hub.core.storage import private_storage
from townships.core.models import TranslatedNameMixin

from .constants import (
    ANSWERED_STATUSES,
    BODY_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    ConsultationEventKind,
    ConsultationKind,
    ConsultationStatus,
)


class Category(TranslatedNameMixin, TimeStampedModel):
    """What an item is about, and the times promised for it (hub-wide)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    first_reply_hours = models.PositiveIntegerField(
        _("first reply within (hours)"), validators=[MinValueValidator(1)]
    )
    resolve_hours = models.PositiveIntegerField(
        _("answer within (hours)"), validators=[MinValueValidator(1)]
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.first_reply_hours
            and self.resolve_hours
            and self.first_reply_hours > self.resolve_hours
        ):
            raise ValidationError(
                _("The first reply cannot be promised later than the answer.")
            )


class RoutingRule(TimeStampedModel):
    """Which department of a township takes a category (none: everything else)."""

    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.CASCADE,
        related_name="routing_rules",
        verbose_name=_("township"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("category"),
        help_text=_("Empty: every category without a rule of its own."),
    )
    department = models.ForeignKey(
        "townships.Department",
        on_delete=models.CASCADE,
        related_name="routing_rules",
        verbose_name=_("department"),
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["township", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "category"],
                name="consultations_one_rule_per_category",
            ),
            # NULLs are distinct in the constraint above: one catch-all apart.
            models.UniqueConstraint(
                fields=["township"],
                condition=models.Q(category__isnull=True),
                name="consultations_one_catch_all",
            ),
        ]

    def __str__(self) -> str:
        category = self.category.name if self.category_id else _("everything else")
        return f"{self.township}: {category} → {self.department.name}"

    def clean(self) -> None:
        if (
            self.township_id
            and self.department_id
            and self.department.township_id != self.township_id
        ):
            raise ValidationError(
                {"department": _("Choose a department of this township.")}
            )


class ConsultationQuerySet(models.QuerySet):
    def public_answered(self) -> "ConsultationQuerySet":
        return self.filter(is_public=True, status__in=ANSWERED_STATUSES)


class Consultation(TimeStampedModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=16, unique=True)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ConsultationKind.choices,
        default=ConsultationKind.QUESTION,
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("category"),
    )
    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("township"),
    )
    department = models.ForeignKey(
        "townships.Department",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("department"),
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("asked by"),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH)
    photo = models.FileField(
        _("photo"),
        upload_to="consultation-photos/",
        storage=private_storage,
        blank=True,
    )
    place = models.CharField(_("place"), max_length=PLACE_MAX_LENGTH, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.OPEN,
    )
    first_reply_due = models.DateTimeField(_("first reply due"))
    answer_due = models.DateTimeField(_("answer due"))
    first_reply_at = models.DateTimeField(_("first reply at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["department", "status", "answer_due"]),
            models.Index(fields=["status", "escalated_at", "answer_due"]),
            models.Index(fields=["township", "is_public", "status"]),
            # The public board: answered public items, newest answer first.
            models.Index(
                fields=["-answered_at", "-id"],
                name="consultation_board",
                condition=models.Q(is_public=True, status__in=ANSWERED_STATUSES),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True)
                | models.Q(rating__gte=1, rating__lte=5),
                name="consultation_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("consultations:public_detail", args=[self.uuid])

    @property
    def is_on_time(self) -> bool | None:
        """Answered by the promised time; None while unanswered."""
        if self.answered_at is None:
            return None
        return self.answered_at <= self.answer_due

    @property
    def time_taken(self):
        """From asking to the answer (None while unanswered)."""
        if self.answered_at is None:
            return None
        return self.answered_at - self.created_at


class ConsultationEvent(models.Model):
    """One step of an item: who, when, what; the trail the asker reads."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("question"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ConsultationEventKind.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_department = models.ForeignKey(
        "townships.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from department"),
    )
    to_department = models.ForeignKey(
        "townships.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to department"),
    )
    text = models.TextField(_("text"), blank=True)
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("question step")
        verbose_name_plural = _("question steps")
        ordering = ["consultation", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.consultation} {self.kind}"


class MeToo(models.Model):
    """Another citizen has the same question: counted instead of a duplicate."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="me_toos",
        verbose_name=_("question"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("citizen"),
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("me too")
        verbose_name_plural = _("me too")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="consultations_one_me_too"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation} {self.user_id}"
