"""Transparency figures, computed from the data (no stored counters), and kept
in the cache for settings.HUB_STATS_CACHE_SECONDS: they read a year of orders,
applications and questions, and are shown on every township's home page.

Each figure family costs a fixed number of queries whatever the number of cases:
one aggregate for its counts and, where a median is needed, one values_list read
whose median is taken in Python, since neither backend offers a portable median
aggregate. Working days need each township's calendar corrections: one more
query per township with decided applications (townships.core.workdays), never
one per application.

Who is compared: the townships of the hub on /stats/, the departments of one
township on /stats/<slug>/. A unit with fewer cases than
settings.HUB_STATS_MIN_SAMPLE shows "too few cases" and gets no rank, so that
one fast case never tops a table.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import get_language

from shop.order.constants import (
    LINE_INACTIVE_STATUSES,
    ORDER_CANCELLED,
    ORDER_PENDING_PAYMENT,
)
from shop.order.models import Line
from shop.partner.constants import StallStatus
from shop.partner.models import Partner, StockRecord
from townships.applications.constants import ApplicationStatus
from townships.applications.models import Application
from townships.consultations.models import Consultation
from townships.core.models import Township
from townships.core.workdays import working_days_to_each

ZERO = Decimal("0.00")
TENTH = Decimal("0.1")
CENT = Decimal("0.01")
DECIDED = (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(TENTH, rounding=ROUND_HALF_UP)


def _tenth(value: float | Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP)


def _median(values: list[float]) -> Decimal | None:
    return _tenth(statistics.median(values)) if values else None


@dataclass(frozen=True)
class Period:
    """The months the figures cover: from the first day of the oldest to now."""

    months: tuple[date, ...]
    start: datetime
    end: datetime


def stats_period(*, now: datetime | None = None) -> Period:
    """The last settings.HUB_STATS_MONTHS calendar months, this one included.

    Months are those of the hub's time zone (settings.TIME_ZONE), in which the
    sales are also grouped by month, so that every township's columns line up.
    """
    now = now or timezone.now()
    current = timezone.localtime(now).date().replace(day=1)
    index = current.year * 12 + current.month - 1
    months = tuple(
        date(month_index // 12, month_index % 12 + 1, 1)
        for month_index in range(index - settings.HUB_STATS_MONTHS + 1, index + 1)
    )
    start = timezone.make_aware(datetime.combine(months[0], time.min))
    return Period(months=months, start=start, end=now)


@dataclass
class ApplicationFigures:
    """Applications of one unit: how filed, how fast decided."""

    online: int = 0
    counter: int = 0
    decided: int = 0
    on_time: int = 0
    median_working_days: Decimal | None = None

    @property
    def on_time_percent(self) -> Decimal | None:
        return _percent(self.on_time, self.decided)

    @property
    def cases(self) -> int:
        return self.decided


@dataclass
class QuestionFigures:
    """Questions, complaints and suggestions of one unit."""

    asked: int = 0
    answered: int = 0
    on_time: int = 0
    rated: int = 0
    satisfaction: Decimal | None = None
    median_first_reply_hours: Decimal | None = None

    @property
    def on_time_percent(self) -> Decimal | None:
        return _percent(self.on_time, self.answered)

    @property
    def cases(self) -> int:
        return self.answered


@dataclass
class Unit:
    """One row of a table: a township on /stats/, a department on a township's."""

    pk: int
    slug: str
    name: str
    applications: ApplicationFigures = field(default_factory=ApplicationFigures)
    questions: QuestionFigures = field(default_factory=QuestionFigures)
    min_sample: int = 0
    applications_rank: int | None = None
    questions_rank: int | None = None

    @property
    def applications_enough(self) -> bool:
        # Never fewer than one case: a share of nothing is no figure.
        return self.applications.cases >= max(self.min_sample, 1)

    @property
    def questions_enough(self) -> bool:
        return self.questions.cases >= max(self.min_sample, 1)


@dataclass(frozen=True)
class MonthSales:
    month: date
    orders: int
    sales: Decimal


@dataclass
class Market:
    """Village produce sold by the stalls of one township."""

    township: Township
    active_stalls: int = 0
    months: list[MonthSales] = field(default_factory=list)

    @property
    def orders(self) -> int:
        return sum(month.orders for month in self.months)

    @property
    def sales(self) -> Decimal:
        return sum((month.sales for month in self.months), ZERO)


@dataclass
class Stats:
    """Everything /stats/ or /stats/<slug>/ shows, and its CSV and JSON."""

    period: Period
    min_sample: int
    units: list[Unit]
    markets: list[Market]
    township: Township | None = None

    def ranked(self, family: str) -> list[Unit]:
        """Units with enough cases by rank, then the others by name."""
        rank = f"{family}_rank"
        ranked = sorted(
            (unit for unit in self.units if getattr(unit, rank) is not None),
            key=lambda unit: getattr(unit, rank),
        )
        return ranked + [unit for unit in self.units if getattr(unit, rank) is None]


def _application_figures(
    *, scope: Q, key: str, period: Period, townships: dict[int, Township]
) -> dict[int, ApplicationFigures]:
    """Count applications per unit (one query) and time the decided ones (one
    query, plus one calendar query per township)."""
    submitted = Application.objects.filter(
        scope, submitted_at__gte=period.start, submitted_at__lte=period.end
    ).exclude(status=ApplicationStatus.DRAFT)
    # At the counter: a service-centre agent filed it for the applicant (J8).
    at_counter = Q(filed_by__isnull=False) & ~Q(filed_by=F("applicant"))
    figures: dict[int, ApplicationFigures] = defaultdict(ApplicationFigures)
    for row in (
        submitted.values(key)
        .annotate(
            everyone=Count("pk"),
            counter=Count("pk", filter=at_counter),
            decided=Count("pk", filter=Q(status__in=DECIDED)),
        )
        .order_by()
    ):
        unit = figures[row[key]]
        unit.online = row["everyone"] - row["counter"]
        unit.counter = row["counter"]
        unit.decided = row["decided"]
    decisions = submitted.filter(
        status__in=DECIDED, decided_at__isnull=False
    ).values_list(key, "township_id", "submitted_at", "decided_at", "deadline")
    # The deadline is a local date of the township: compare local dates.
    by_township: dict[int, list[tuple[int, date, date]]] = defaultdict(list)
    for unit_pk, township_pk, submitted_at, decided_at, deadline in decisions:
        zone = ZoneInfo(townships[township_pk].timezone)
        decided_on = decided_at.astimezone(zone).date()
        figures[unit_pk].on_time += deadline is not None and decided_on <= deadline
        by_township[township_pk].append(
            (unit_pk, submitted_at.astimezone(zone).date(), decided_on)
        )
    durations: dict[int, list[int]] = defaultdict(list)
    for township_pk, spans in by_township.items():
        township = townships[township_pk]
        first = min(submitted_on for _unit, submitted_on, _decided in spans)
        counted = working_days_to_each(
            start=first,
            ends=[day for _unit, *days in spans for day in days],
            country=township.country,
            township=township,
        )
        for unit_pk, submitted_on, decided_on in spans:
            durations[unit_pk].append(counted[decided_on] - counted[submitted_on])
    for unit_pk, days in durations.items():
        figures[unit_pk].median_working_days = _median(days)
    return figures


def _question_figures(
    *, scope: Q, key: str, period: Period
) -> dict[int, QuestionFigures]:
    """Count, time and rate the questions per unit: two queries."""
    asked = Consultation.objects.filter(
        scope, created_at__gte=period.start, created_at__lte=period.end
    )
    figures: dict[int, QuestionFigures] = defaultdict(QuestionFigures)
    for row in (
        asked.values(key)
        .annotate(
            asked=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            on_time=Count("pk", filter=Q(answered_at__lte=F("answer_due"))),
            rated=Count("rating"),
            satisfaction=Avg("rating"),
        )
        .order_by()
    ):
        figures[row[key]] = QuestionFigures(
            asked=row["asked"],
            answered=row["answered"],
            on_time=row["on_time"],
            rated=row["rated"],
            satisfaction=_tenth(row["satisfaction"]),
        )
    replies: dict[int, list[float]] = defaultdict(list)
    for unit_pk, created_at, first_reply_at in asked.filter(
        first_reply_at__isnull=False
    ).values_list(key, "created_at", "first_reply_at"):
        replies[unit_pk].append((first_reply_at - created_at).total_seconds() / 3600)
    for unit_pk, hours in replies.items():
        figures[unit_pk].median_first_reply_hours = _median(hours)
    return figures


def _sold_lines(period: Period) -> QuerySet[Line]:
    """Order lines still sold (not refused, cancelled or awaiting card payment)."""
    return (
        Line.objects.filter(
            order__date_placed__gte=period.start, order__date_placed__lte=period.end
        )
        .exclude(status__in=LINE_INACTIVE_STATUSES)
        .exclude(order__status__in=(ORDER_CANCELLED, ORDER_PENDING_PAYMENT))
    )


def _markets(*, townships: list[Township], period: Period) -> list[Market]:
    """Active stalls (one query) and sales by month (one query) per township.

    A stall is active when it is verified and has a product in stock or sold
    something in the period.
    """
    in_stock = StockRecord.objects.filter(
        partner=OuterRef("pk"), num_in_stock__gt=Coalesce(F("num_allocated"), 0)
    )
    sold = _sold_lines(period).filter(partner=OuterRef("pk"))
    active = dict(
        Partner.objects.filter(status=StallStatus.VERIFIED, township__in=townships)
        .filter(Exists(in_stock) | Exists(sold))
        .values("township")
        .annotate(stalls=Count("pk"))
        .values_list("township", "stalls")
        .order_by()
    )
    monthly: dict[tuple[int, date], tuple[int, Decimal]] = {}
    for row in (
        _sold_lines(period)
        .filter(partner__township__in=townships)
        .annotate(month=TruncMonth("order__date_placed"))
        .values("partner__township", "month")
        .annotate(
            orders=Count("order", distinct=True), sales=Sum("line_price_incl_tax")
        )
        .order_by()
    ):
        month = timezone.localtime(row["month"]).date()
        # SQLite sums decimals without their places: give every sum its cents.
        sales = Decimal(row["sales"]).quantize(CENT, rounding=ROUND_HALF_UP)
        monthly[row["partner__township"], month] = (row["orders"], sales)
    return [
        Market(
            township=township,
            active_stalls=active.get(township.pk, 0),
            months=[
                MonthSales(month, *monthly.get((township.pk, month), (0, ZERO)))
                for month in period.months
            ],
        )
        for township in townships
    ]


def _rank(units: Iterable[Unit], family: str) -> None:
    """Rank the units with enough cases: most on time first, then the quickest."""
    eligible = [unit for unit in units if getattr(unit, f"{family}_enough")]

    def speed(unit: Unit) -> Decimal:
        figures = getattr(unit, family)
        median = (
            figures.median_working_days
            if family == "applications"
            else figures.median_first_reply_hours
        )
        return median if median is not None else Decimal("Infinity")

    eligible.sort(
        key=lambda unit: (
            -getattr(unit, family).on_time_percent,
            speed(unit),
            unit.slug,
        )
    )
    for position, unit in enumerate(eligible, start=1):
        setattr(unit, f"{family}_rank", position)


def _stats(
    *,
    units: list[Unit],
    scope: Q,
    key: str,
    townships: list[Township],
    period: Period,
    township: Township | None = None,
) -> Stats:
    min_sample = settings.HUB_STATS_MIN_SAMPLE
    by_pk = {township.pk: township for township in townships}
    applications = _application_figures(
        scope=scope, key=key, period=period, townships=by_pk
    )
    questions = _question_figures(scope=scope, key=key, period=period)
    for unit in units:
        unit.min_sample = min_sample
        unit.applications = applications.get(unit.pk, ApplicationFigures())
        unit.questions = questions.get(unit.pk, QuestionFigures())
    _rank(units, "applications")
    _rank(units, "questions")
    return Stats(
        period=period,
        min_sample=min_sample,
        units=units,
        markets=_markets(townships=townships, period=period),
        township=township,
    )


def _kept(name: str, period: Period | None, compute):
    """compute(period), kept a while in the cache for the current months.

    An explicit period is computed afresh. The key holds the language (names
    are in it) and the first month (a new month starts new figures).
    """
    seconds = settings.HUB_STATS_CACHE_SECONDS
    if period is not None or seconds <= 0:
        return compute(period or stats_period())
    period = stats_period()
    key = f"hub:stats:{name}:{get_language()}:{period.months[0].isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = compute(period)
        cache.set(key, figures, seconds)
    return figures


def stats_for_townships(*, period: Period | None = None) -> Stats:
    """The figures of every active township, side by side."""
    return _kept("townships", period, _stats_for_townships)


def _stats_for_townships(period: Period) -> Stats:
    townships = list(Township.objects.active().order_by("slug"))
    units = [Unit(pk=t.pk, slug=t.slug, name=t.name) for t in townships]
    return _stats(
        units=units,
        scope=Q(township__in=townships),
        key="township",
        townships=townships,
        period=period,
    )


def stats_for_township(*, township: Township, period: Period | None = None) -> Stats:
    """The figures of one township's departments; nothing of another township."""
    return _kept(
        f"township:{township.pk}",
        period,
        lambda period: _stats_for_township(township, period),
    )


def _stats_for_township(township: Township, period: Period) -> Stats:
    units = [
        Unit(pk=department.pk, slug=department.slug, name=department.name)
        for department in township.departments.order_by("slug")
    ]
    return _stats(
        units=units,
        scope=Q(township=township),
        key="department",
        townships=[township],
        period=period,
        township=township,
    )


def township_get_public(*, slug: str) -> Township:
    """An active township by slug; Township.DoesNotExist otherwise."""
    return Township.objects.active().get(slug=slug)


def stats_headline_for_township(
    *, township: Township, period: Period | None = None
) -> Unit:
    """The township as one unit (no marketplace): the figure on its home page."""
    return _kept(
        f"headline:{township.pk}",
        period,
        lambda period: _stats_headline_for_township(township, period),
    )


def _stats_headline_for_township(township: Township, period: Period) -> Unit:
    unit = Unit(pk=township.pk, slug=township.slug, name=township.name)
    scope = Q(township=township)
    unit.min_sample = settings.HUB_STATS_MIN_SAMPLE
    unit.applications = _application_figures(
        scope=scope, key="township", period=period, townships={township.pk: township}
    ).get(township.pk, ApplicationFigures())
    unit.questions = _question_figures(scope=scope, key="township", period=period).get(
        township.pk, QuestionFigures()
    )
    return unit
