"""Townships, their departments, who works for which township in which role, and
corrections to their working-day calendar."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hub.core.models import TimeStampedModel

from .constants import Country, MembershipRole


class TranslatedNameMixin(models.Model):
    """A name in each of the three UI languages, shown in the visitor's language."""

    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=120)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        """The name in the active language, else English, else Chinese."""
        language = (get_language() or "en").replace("-", "_").lower()
        return (
            getattr(self, f"name_{language}", "") or self.name_en or self.name_zh_hans
        )


class TownshipQuerySet(models.QuerySet):
    def active(self) -> "TownshipQuerySet":
        return self.filter(is_active=True)


class Township(TranslatedNameMixin, TimeStampedModel):
    """A township (or Vietnamese commune): one micro-site, one set of offices."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    county = models.CharField(_("county"), max_length=120, blank=True)
    province = models.CharField(_("province"), max_length=120, blank=True)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.CHINA
    )
    timezone = models.CharField(_("time zone"), max_length=64, default="Asia/Shanghai")
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    default_language = models.CharField(
        _("default language"), max_length=10, default="zh-hans"
    )
    hostname = models.CharField(
        _("own hostname"),
        max_length=255,
        blank=True,
        help_text=_("Optional, e.g. xiaoyudong.example.org; served as its own site."),
    )
    # Where the township government sits, for a plain link to a map (WGS 84).
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    is_active = models.BooleanField(_("active"), default=True)
    # The groups that carry this township's CMS rights; cms provisions them.
    editors_group = models.OneToOneField(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="edited_township",
    )
    heads_group = models.OneToOneField(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_township",
    )

    objects = TownshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def map_url(self) -> str:
        """A link to the township on OpenStreetMap, or "" without a position."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = f"{self.latitude:f}", f"{self.longitude:f}"
        return (
            f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=14/{lat}/{lon}"
        )


class Department(TranslatedNameMixin, TimeStampedModel):
    """An office or department of a township that handles services and questions."""

    township = models.ForeignKey(
        "townships.Township", on_delete=models.CASCADE, related_name="departments"
    )
    slug = models.SlugField(_("slug"), max_length=60)
    address = models.CharField(_("address"), max_length=255, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["township", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "slug"], name="townships_department_unique_slug"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.township})"


class MembershipQuerySet(models.QuerySet):
    def for_township(self, township: Township) -> "MembershipQuerySet":
        return self.filter(township=township)


class Membership(TimeStampedModel):
    """A person working for one township in one role (officers: in one department)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    township = models.ForeignKey(
        "townships.Township", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices)
    department = models.ForeignKey(
        "townships.Department",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "township", "role"],
                name="townships_membership_unique_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.township}"


class CalendarDayQuerySet(models.QuerySet):
    def applying_to(
        self, *, country: str, township: Township | None
    ) -> "CalendarDayQuerySet":
        """The country's own corrections, plus the township's when one is given."""
        scope = models.Q(township__isnull=True)
        if township is not None:
            scope |= models.Q(township=township)
        return self.filter(scope, country=country)


class CalendarDay(TimeStampedModel):
    """A correction to the working-day calendar of a country or of one township.

    The holidays library knows the statutory calendar; staff add a row here when
    it is wrong or late (a State Council notice published after the release) or
    for a local holiday. A township's row beats its country's row, which beats
    the library (see townships.core.workdays).
    """

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_days",
        help_text=_("Leave empty to correct the calendar of the whole country."),
    )
    date = models.DateField(_("date"))
    is_working_day = models.BooleanField(_("working day"))
    name = models.CharField(
        _("name"),
        max_length=120,
        blank=True,
        help_text=_("The holiday, or why the day is worked, e.g. the notice."),
    )

    objects = CalendarDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date", "country"]
        # Two partial constraints, because NULL townships never collide in a plain
        # unique constraint (SQL treats NULLs as distinct).
        constraints = [
            models.UniqueConstraint(
                fields=["country", "township", "date"],
                condition=models.Q(township__isnull=False),
                name="townships_calendarday_unique_township_date",
            ),
            models.UniqueConstraint(
                fields=["country", "date"],
                condition=models.Q(township__isnull=True),
                name="townships_calendarday_unique_country_date",
            ),
        ]

    def __str__(self) -> str:
        place = self.township or self.get_country_display()
        kind = _("working day") if self.is_working_day else _("day off")
        return f"{self.date:%Y-%m-%d} · {place} · {kind}"

    def clean(self) -> None:
        if self.township_id is not None and self.township.country != self.country:
            raise ValidationError(
                {"township": _("This township is not in the chosen country.")}
            )
