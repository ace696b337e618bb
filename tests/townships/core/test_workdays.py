from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError

import holidays
import pytest

from tests.factories.townships import CalendarDayFactory, TownshipFactory
from townships.core.workdays import (
    deadline_for,
    is_working_day,
    working_day_add,
    working_days_between,
    working_days_to_each,
)

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
HO_CHI_MINH = ZoneInfo("Asia/Ho_Chi_Minh")


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.fixture
def chinese_township():
    return TownshipFactory(slug="xiaoyudong", country="CN", timezone="Asia/Shanghai")


@pytest.fixture
def vietnamese_township():
    return TownshipFactory(slug="ta-van", country="VN", timezone="Asia/Ho_Chi_Minh")


def test_national_day_week_2025_is_off_with_its_make_up_weekend_days_worked():
    # given the State Council's 2025 notice: Oct 1-8 off (National Day and
    # Mid-Autumn), Sunday Sep 28 and Saturday Oct 11 worked instead
    make_up_sunday, make_up_saturday = date(2025, 9, 28), date(2025, 10, 11)

    # when / then
    assert make_up_sunday.weekday() == 6 and make_up_saturday.weekday() == 5
    assert is_working_day(day=make_up_sunday, country="CN")
    assert is_working_day(day=make_up_saturday, country="CN")
    assert not any(
        is_working_day(day=day, country="CN")
        for day in _days(date(2025, 10, 1), date(2025, 10, 8))
    )
    assert is_working_day(day=date(2025, 10, 9), country="CN")
    assert not is_working_day(day=date(2025, 10, 12), country="CN")


def test_agrees_with_the_library_day_by_day_around_national_day_2025():
    # given
    library = holidays.country_holidays("CN", years=2025)
    span = _days(date(2025, 9, 15), date(2025, 10, 31))

    # when
    ours = [is_working_day(day=day, country="CN") for day in span]

    # then
    assert ours == [library.is_working_day(day) for day in span]
    assert {date(2025, 9, 28), date(2025, 10, 11)} <= library.weekend_workdays


def test_spring_festival_2026_is_off_from_feb_15_to_23_with_two_saturdays_worked():
    # given the 2026 notice: Feb 15-23 off, Saturdays Feb 14 and Feb 28 worked
    off = _days(date(2026, 2, 15), date(2026, 2, 23))

    # when / then
    assert not any(is_working_day(day=day, country="CN") for day in off)
    assert is_working_day(day=date(2026, 2, 14), country="CN")
    assert is_working_day(day=date(2026, 2, 28), country="CN")
    assert is_working_day(day=date(2026, 2, 24), country="CN")


def test_tet_2026_in_vietnam_is_off_from_feb_14_to_22():
    # given Lunar New Year on Tuesday Feb 17 2026, with eve and days 2 to 4 off
    off = _days(date(2026, 2, 14), date(2026, 2, 22))

    # when / then
    assert not any(is_working_day(day=day, country="VN") for day in off)
    assert is_working_day(day=date(2026, 2, 13), country="VN")
    assert is_working_day(day=date(2026, 2, 23), country="VN")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 4, 29), True),
        (date(2026, 4, 30), False),  # Reunification Day, Thursday
        (date(2026, 5, 1), False),  # Labour Day, Friday
        (date(2026, 5, 4), True),
        (date(2025, 4, 26), True),  # Saturday worked to bridge Friday May 2
        (date(2025, 4, 30), False),
        (date(2025, 5, 1), False),
        (date(2025, 5, 2), False),
        (date(2025, 5, 5), True),
    ],
)
def test_reunification_and_labour_day_in_vietnam(day, expected):
    assert is_working_day(day=day, country="VN") is expected


def test_township_override_beats_country_override_beats_library(
    chinese_township,
):
    # given a country-wide day off on a Tuesday and a worked Saturday, which
    # one township reverses
    other = TownshipFactory(slug="huaqiao", country="CN")
    tuesday, saturday = date(2026, 3, 10), date(2026, 3, 14)
    CalendarDayFactory(country="CN", date=tuesday, is_working_day=False)
    CalendarDayFactory(country="CN", date=saturday, is_working_day=True)
    CalendarDayFactory(township=chinese_township, date=tuesday, is_working_day=True)
    CalendarDayFactory(township=chinese_township, date=saturday, is_working_day=False)

    # when / then
    assert not is_working_day(day=tuesday, country="CN")
    assert is_working_day(day=saturday, country="CN")
    assert not is_working_day(day=tuesday, country="CN", township=other)
    assert is_working_day(day=saturday, country="CN", township=other)
    assert is_working_day(day=tuesday, country="CN", township=chinese_township)
    assert not is_working_day(day=saturday, country="CN", township=chinese_township)
    assert is_working_day(day=tuesday, country="VN")


def test_override_can_restore_a_library_holiday_as_a_working_day(chinese_township):
    # given National Day 2025 declared a working day for one township
    CalendarDayFactory(
        township=chinese_township, date=date(2025, 10, 2), is_working_day=True
    )

    # when
    deadline = working_day_add(
        start=date(2025, 9, 30), days=1, country="CN", township=chinese_township
    )

    # then
    assert deadline == date(2025, 10, 2)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2025, 9, 30), 1, date(2025, 10, 9)),
        (date(2025, 9, 30), 3, date(2025, 10, 11)),  # the make-up Saturday counts
        (date(2025, 9, 26), 1, date(2025, 9, 28)),  # the make-up Sunday counts
        (date(2025, 10, 3), 0, date(2025, 10, 9)),
        (date(2025, 9, 30), 0, date(2025, 9, 30)),
        (date(2026, 2, 13), 1, date(2026, 2, 14)),  # Spring Festival make-up
        (date(2026, 2, 13), 2, date(2026, 2, 24)),
    ],
)
def test_working_day_add_across_holiday_weeks(start, days, expected):
    assert working_day_add(start=start, days=days, country="CN") == expected


def test_working_day_add_refuses_negative_days():
    with pytest.raises(ValueError):
        working_day_add(start=date(2025, 9, 30), days=-1, country="CN")


def test_working_day_add_refuses_a_township_of_another_country(vietnamese_township):
    with pytest.raises(ValueError):
        working_day_add(
            start=date(2025, 9, 30),
            days=1,
            country="CN",
            township=vietnamese_township,
        )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 9, 30), date(2025, 10, 11), 3),
        (date(2025, 10, 11), date(2025, 9, 30), -3),
        (date(2025, 9, 30), date(2025, 9, 30), 0),
        (date(2025, 9, 26), date(2025, 9, 30), 3),
        (date(2025, 10, 1), date(2025, 10, 8), 0),
    ],
)
def test_working_days_between_counts_after_start_up_to_end(start, end, expected):
    assert working_days_between(start=start, end=end, country="CN") == expected


def test_working_days_between_inverts_working_day_add():
    # given
    start = date(2026, 1, 20)
    end = working_day_add(start=start, days=25, country="CN")

    # when / then
    assert working_days_between(start=start, end=end, country="CN") == 25


def test_pause_pushes_the_deadline_by_exactly_the_working_days_paused(
    chinese_township,
):
    # given a Monday submission and a correction asked on Tuesday and
    # resubmitted on Friday: Wednesday, Thursday and Friday are lost
    submitted_at = datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)
    pause = (
        datetime(2026, 3, 3, 9, 0, tzinfo=SHANGHAI),
        datetime(2026, 3, 6, 16, 0, tzinfo=SHANGHAI),
    )

    # when
    unpaused = deadline_for(
        submitted_at=submitted_at, days=5, township=chinese_township
    )
    paused = deadline_for(
        submitted_at=submitted_at, days=5, township=chinese_township, paused=[pause]
    )

    # then
    assert unpaused == date(2026, 3, 9)
    assert paused == date(2026, 3, 12)
    assert working_days_between(start=unpaused, end=paused, country="CN") == 3


def test_pause_over_a_holiday_week_loses_only_its_working_days(
    chinese_township, django_assert_num_queries
):
    # given a Friday submission, paused from Sep 30 to Oct 9 2025: only Oct 9 is lost
    submitted_at = datetime(2025, 9, 26, 9, 0, tzinfo=SHANGHAI)
    pause = (
        datetime(2025, 9, 30, 11, 0, tzinfo=SHANGHAI),
        datetime(2025, 10, 9, 8, 30, tzinfo=SHANGHAI),
    )

    # when
    with django_assert_num_queries(1):
        deadline = deadline_for(
            submitted_at=submitted_at,
            days=5,
            township=chinese_township,
            paused=[pause],
        )

    # then: Sep 28, 29, 30, Oct 9, 10 are the five days, the lost Oct 9 gives Oct 11
    assert deadline == date(2025, 10, 11)


def test_overlapping_pauses_count_once(chinese_township):
    # given two pauses that overlap, together Tuesday to Friday
    submitted_at = datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)
    pauses = [
        (
            datetime(2026, 3, 4, 10, 0, tzinfo=SHANGHAI),
            datetime(2026, 3, 6, 16, 0, tzinfo=SHANGHAI),
        ),
        (
            datetime(2026, 3, 3, 9, 0, tzinfo=SHANGHAI),
            datetime(2026, 3, 5, 12, 0, tzinfo=SHANGHAI),
        ),
    ]

    # when
    deadline = deadline_for(
        submitted_at=submitted_at, days=5, township=chinese_township, paused=pauses
    )

    # then
    assert deadline == date(2026, 3, 12)


def test_pause_within_one_day_does_not_move_the_deadline(chinese_township):
    submitted_at = datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)
    pause = (
        datetime(2026, 3, 3, 9, 0, tzinfo=SHANGHAI),
        datetime(2026, 3, 3, 17, 0, tzinfo=SHANGHAI),
    )

    deadline = deadline_for(
        submitted_at=submitted_at, days=5, township=chinese_township, paused=[pause]
    )

    assert deadline == date(2026, 3, 9)


@pytest.mark.parametrize(
    "pause",
    [
        (
            datetime(2026, 3, 1, 9, 0, tzinfo=SHANGHAI),
            datetime(2026, 3, 3, 9, 0, tzinfo=SHANGHAI),
        ),
        (
            datetime(2026, 3, 4, 9, 0, tzinfo=SHANGHAI),
            datetime(2026, 3, 3, 9, 0, tzinfo=SHANGHAI),
        ),
        (datetime(2026, 3, 3, 9, 0), datetime(2026, 3, 4, 9, 0)),
    ],
    ids=["before-submission", "ends-before-start", "naive"],
)
def test_deadline_refuses_impossible_pauses(chinese_township, pause):
    with pytest.raises(ValueError):
        deadline_for(
            submitted_at=datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI),
            days=5,
            township=chinese_township,
            paused=[pause],
        )


@pytest.mark.parametrize("zone", [SHANGHAI, HO_CHI_MINH])
def test_township_time_zones_have_no_daylight_saving(zone):
    offsets = {
        datetime(2026, month, 1, 12, tzinfo=zone).utcoffset() for month in (1, 7)
    }
    assert len(offsets) == 1


@pytest.mark.parametrize(
    ("township_fixture", "submitted_at", "expected"),
    [
        # Thursday 23:30 in Shanghai, given in UTC (15:30): counts from Thursday.
        (
            "chinese_township",
            datetime(2026, 3, 5, 15, 30, tzinfo=UTC),
            date(2026, 3, 6),
        ),
        # Thursday 23:30 in Ho Chi Minh City is already Friday 00:30 in Shanghai,
        # the server's zone: it still counts from Thursday.
        (
            "vietnamese_township",
            datetime(2026, 3, 5, 23, 30, tzinfo=HO_CHI_MINH),
            date(2026, 3, 6),
        ),
        # Monday 06:30 in Ho Chi Minh City is Sunday 23:30 UTC: counts from Monday.
        (
            "vietnamese_township",
            datetime(2026, 3, 8, 23, 30, tzinfo=UTC),
            date(2026, 3, 10),
        ),
    ],
)
def test_deadline_counts_from_the_local_date_of_submission(
    request, settings, township_fixture, submitted_at, expected
):
    # given
    settings.TIME_ZONE = "Asia/Shanghai"
    township = request.getfixturevalue(township_fixture)

    # when
    deadline = deadline_for(submitted_at=submitted_at, days=1, township=township)

    # then
    assert deadline == expected


@pytest.mark.parametrize("days", [5, 60])
def test_working_day_add_reads_overrides_in_one_query(
    chinese_township, django_assert_num_queries, days
):
    # given overrides for the country and the township across the span
    start = date(2025, 9, 1)
    for offset in range(0, 90, 9):
        CalendarDayFactory(
            country="CN", date=start + timedelta(days=offset), name="Country notice"
        )
        CalendarDayFactory(
            township=chinese_township, date=start + timedelta(days=offset + 1)
        )
    library = holidays.country_holidays("CN", years=(2025, 2026))

    # when
    with django_assert_num_queries(1):
        deadline = working_day_add(
            start=start, days=days, country="CN", township=chinese_township
        )

    # then
    assert (
        working_days_between(
            start=start, end=deadline, country="CN", township=chinese_township
        )
        == days
    )
    assert deadline > library.get_nth_working_day(start, days)


def test_working_day_add_without_overrides_matches_the_library_over_60_days(
    django_assert_num_queries,
):
    # given
    start = date(2025, 9, 1)
    library = holidays.country_holidays("CN", years=(2025, 2026))

    # when
    with django_assert_num_queries(1):
        deadline = working_day_add(start=start, days=60, country="CN")

    # then
    assert deadline == library.get_nth_working_day(start, 60)


def test_calendar_day_of_a_township_must_be_in_its_country(vietnamese_township):
    day = CalendarDayFactory.build(
        country="CN", township=vietnamese_township, date=date(2026, 3, 10)
    )

    with pytest.raises(ValidationError) as raised:
        day.full_clean()

    assert "township" in raised.value.message_dict


def test_one_country_wide_correction_per_date():
    CalendarDayFactory(country="CN", date=date(2026, 3, 10))

    with pytest.raises(IntegrityError):
        CalendarDayFactory(country="CN", date=date(2026, 3, 10), is_working_day=True)


def test_counts_to_each_date_match_counting_each_alone(
    chinese_township, django_assert_num_queries
):
    # given: a township's own day off inside the Golden Week stretch
    CalendarDayFactory(
        township=chinese_township, date=date(2025, 9, 26), is_working_day=False
    )
    start = date(2025, 9, 20)
    ends = [start + timedelta(days=offset) for offset in range(-15, 40, 3)]

    # when: one call for every date
    with django_assert_num_queries(1):
        counted = working_days_to_each(
            start=start, ends=ends, country="CN", township=chinese_township
        )

    # then: each as working_days_between counts it, before the start too
    assert counted == {
        end: working_days_between(
            start=start, end=end, country="CN", township=chinese_township
        )
        for end in ends
    }
    assert counted[date(2025, 10, 8)] == 7  # Golden Week off, 28 Sept worked
