"""Working days on each country's holiday calendar, as corrected by staff.

Legal time limits ("decided within 20 working days") are counted here. A date is a
working day when, in this order of precedence:

1. a `CalendarDay` row of the township says so, else
2. a `CalendarDay` row of the country says so, else
3. the `holidays` library says so: Monday to Friday unless a public holiday, and a
   Saturday or Sunday only when it is worked to make up for a bridged holiday
   (China's 调休 from the State Council's yearly notice, Vietnam's swapped days),
   which the library keeps in `HolidayBase.weekend_workdays`.

Counting convention: the day something happens does not count. The first working
day of a time limit is the first working day *after* the submission date, so a
limit of n working days ends at the end of the n-th working day after it. Dates are
the township's local dates: a submission at 23:30 in Asia/Shanghai counts from that
date, whatever the server's or UTC's date is.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from .models import CalendarDay, Township

ONE_DAY = timedelta(days=1)
# How far past the start the override query first reaches for n working days:
# five working days per week plus two golden weeks fit well inside 2n + 31 calendar
# days. A walk that goes further loads the next stretch with one more query.
_MARGIN = timedelta(days=31)


def _reach(working_days: int) -> timedelta:
    return timedelta(days=2 * working_days) + _MARGIN


@lru_cache(maxsize=128)
def _statutory_calendar(country: str, year: int) -> holidays.HolidayBase:
    """Return the library's holidays of one country and year, built once per process.

    `expand=False` stops lookups from populating further years, so the cached object
    is never written to after construction and threads can share it. Make-up working
    days that fall in an adjacent year (a Sunday in late December worked for a
    January bridge) are derived by the library at construction from all years.
    """
    return holidays.country_holidays(country, years=year, expand=False)


class _Calendar:
    """The working days of a country, or of one township, with overrides loaded
    lazily: one query per contiguous stretch of dates, never one per day."""

    def __init__(self, *, country: str, township: Township | None) -> None:
        if township is not None and township.country != country:
            raise ValueError(
                f"Township {township.slug!r} is in {township.country}, not {country}."
            )
        self.country = country
        self.township = township
        self._overrides: dict[date, bool] = {}
        self._loaded: tuple[date, date] | None = None

    def load(self, start: date, end: date) -> None:
        """Read the overrides from `start` to `end` (inclusive) not read yet."""
        if self._loaded is None:
            self._load_stretch(start, end)
            self._loaded = (start, end)
            return
        low, high = self._loaded
        if start < low:
            self._load_stretch(start, low - ONE_DAY)
        if end > high:
            self._load_stretch(high + ONE_DAY, end)
        self._loaded = (min(start, low), max(end, high))

    def _load_stretch(self, start: date, end: date) -> None:
        rows = (
            CalendarDay.objects.applying_to(
                country=self.country, township=self.township
            )
            .filter(date__range=(start, end))
            .values_list("date", "township_id", "is_working_day")
        )
        # Country rows first, so that the township's row for the same date wins.
        for day, _township_id, is_working in sorted(
            rows, key=lambda row: row[1] is not None
        ):
            self._overrides[day] = is_working

    def is_working_day(self, day: date) -> bool:
        if self._loaded is None or not self._loaded[0] <= day <= self._loaded[1]:
            self.load(day, day + _reach(0))
        override = self._overrides.get(day)
        if override is not None:
            return override
        return _statutory_calendar(self.country, day.year).is_working_day(day)

    def add(self, start: date, days: int) -> date:
        if days == 0:
            day = start
            while not self.is_working_day(day):
                day += ONE_DAY
            return day
        day, counted = start, 0
        while counted < days:
            day += ONE_DAY
            counted += self.is_working_day(day)
        return day

    def count_between(self, start: date, end: date) -> int:
        if end <= start:
            return -self.count_between(end, start) if end < start else 0
        self.load(start + ONE_DAY, end)
        return sum(
            self.is_working_day(start + timedelta(days=offset))
            for offset in range(1, (end - start).days + 1)
        )


def is_working_day(
    *, day: date, country: str, township: Township | None = None
) -> bool:
    """Tell whether `day` is a working day in `country`, or in `township` of it.

    Reads the overrides of that one date in one query.
    """
    calendar = _Calendar(country=country, township=township)
    calendar.load(day, day)
    return calendar.is_working_day(day)


def working_day_add(
    *, start: date, days: int, country: str, township: Township | None = None
) -> date:
    """Return the date on which the `days`-th working day after `start` ends.

    `start` itself never counts (the day of submission does not count), so
    `days=1` is the next working day. `days=0` returns `start` when it is a
    working day, else the next working day. One query for the overrides,
    whatever `days` is, unless staff marked most of the stretch as days off.
    """
    if days < 0:
        raise ValueError("Count working days forward only: days must be >= 0.")
    calendar = _Calendar(country=country, township=township)
    calendar.load(start, start + _reach(days))
    return calendar.add(start, days)


def working_days_between(
    *, start: date, end: date, country: str, township: Township | None = None
) -> int:
    """Count the working days after `start` up to and including `end`.

    Zero when `end == start`; negative (the count from `end` to `start`, negated)
    when `end` is before `start`. One query for the overrides.
    """
    calendar = _Calendar(country=country, township=township)
    return calendar.count_between(start, end)


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment!r} is naive; pass a timezone-aware datetime.")
    return moment


def working_days_to_each(
    *,
    start: date,
    ends: Iterable[date],
    country: str,
    township: Township | None = None,
) -> dict[date, int]:
    """Count, for each date of `ends`, what working_days_between would.

    One query for the overrides of the whole stretch, whatever the number of
    dates, and one walk over its days: a running count from the earliest date,
    so that a year of deadlines costs a year of days, not a year per deadline.
    """
    ends = set(ends)
    if not ends:
        return {}
    low, high = min(start, *ends), max(start, *ends)
    calendar = _Calendar(country=country, township=township)
    calendar.load(low, high)
    # running[day]: the working days after `low` up to and including `day`.
    running = {low: 0}
    day, total = low, 0
    while day < high:
        day += ONE_DAY
        total += calendar.is_working_day(day)
        running[day] = total
    return {end: running[end] - running[start] for end in ends}


def _local_date(moment: datetime, zone: ZoneInfo) -> date:
    return _require_aware(moment).astimezone(zone).date()


def _merged(
    paused: Sequence[tuple[datetime, datetime]],
) -> list[tuple[datetime, datetime]]:
    """Sort the pauses and merge those that overlap, so no day is counted twice."""
    aware = [(_require_aware(start), _require_aware(end)) for start, end in paused]
    merged: list[tuple[datetime, datetime]] = []
    for pause_start, pause_end in sorted(aware):
        if pause_end < pause_start:
            raise ValueError(f"Pause ends before it starts: {pause_start}..{pause_end}")
        if merged and pause_start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], pause_end))
        else:
            merged.append((pause_start, pause_end))
    return merged


def deadline_for(
    *,
    submitted_at: datetime,
    days: int,
    township: Township,
    paused: Sequence[tuple[datetime, datetime]] = (),
) -> date:
    """Return the last local date of a legal time limit of `days` working days.

    The limit runs on the township's calendar from the local date of
    `submitted_at` in `township.timezone`, which does not count. Each pause (from
    asking the citizen for a correction to the resubmission) stops the clock: it
    pushes the deadline by the working days after the local date it began, up to
    and including the local date it ended, like a fresh submission. Overlapping
    pauses count once. The decision is due by the end of the returned date.
    """
    zone = ZoneInfo(township.timezone)
    submitted_on = _local_date(submitted_at, zone)
    merged = _merged(paused)
    if merged and merged[0][0] < submitted_at:
        raise ValueError("A pause cannot begin before the submission.")
    pauses = [
        (_local_date(pause_start, zone), _local_date(pause_end, zone))
        for pause_start, pause_end in merged
    ]
    paused_calendar_days = sum((end - start).days for start, end in pauses)
    latest = max([submitted_on, *(end for _start, end in pauses)])
    calendar = _Calendar(country=township.country, township=township)
    calendar.load(submitted_on, latest + _reach(days + paused_calendar_days))
    paused_days = sum(calendar.count_between(start, end) for start, end in pauses)
    return calendar.add(submitted_on, days + paused_days)
