"""The figures of a stats page as plain data: JSON as is, CSV one figure a line.

Both come from `stats_data`, which reads the same Stats the page shows, so the
three never disagree. Figures hidden on the page for too few cases are null
here too. Decimals stay strings ("66.7"), so that no float rounding creeps in.
"""

import csv
import io
from typing import Any

from .selectors import Market, Stats, Unit

CSV_HEADER = ("section", "unit", "month", "figure", "value")


def _text(value: Any) -> Any:
    return None if value is None else str(value)


def _unit_data(unit: Unit) -> dict[str, Any]:
    applications, questions = unit.applications, unit.questions
    enough_applications, enough_questions = (
        unit.applications_enough,
        unit.questions_enough,
    )
    return {
        "slug": unit.slug,
        "name": unit.name,
        "applications": {
            "online": applications.online,
            "counter": applications.counter,
            "decided": applications.decided,
            "too_few_cases": not enough_applications,
            "rank": unit.applications_rank,
            "on_time_percent": _text(
                applications.on_time_percent if enough_applications else None
            ),
            "median_working_days": _text(
                applications.median_working_days if enough_applications else None
            ),
        },
        "questions": {
            "asked": questions.asked,
            "answered": questions.answered,
            "too_few_cases": not enough_questions,
            "rank": unit.questions_rank,
            "on_time_percent": _text(
                questions.on_time_percent if enough_questions else None
            ),
            "median_first_reply_hours": _text(
                questions.median_first_reply_hours if enough_questions else None
            ),
            "satisfaction": _text(questions.satisfaction if enough_questions else None),
            "rated": questions.rated,
        },
    }


def _market_data(market: Market) -> dict[str, Any]:
    return {
        "township": market.township.slug,
        "currency": market.township.currency,
        "active_stalls": market.active_stalls,
        "orders": market.orders,
        "sales": str(market.sales),
        "months": [
            {
                "month": month.month.strftime("%Y-%m"),
                "orders": month.orders,
                "sales": str(month.sales),
            }
            for month in market.months
        ],
    }


def stats_data(stats: Stats) -> dict[str, Any]:
    """The figures as JSON-ready data."""
    return {
        "township": stats.township.slug if stats.township else None,
        "unit": "department" if stats.township else "township",
        "period": {
            "from": stats.period.start.date().isoformat(),
            "to": stats.period.end.date().isoformat(),
        },
        "min_sample": stats.min_sample,
        "units": [_unit_data(unit) for unit in stats.units],
        "marketplace": [_market_data(market) for market in stats.markets],
    }


def stats_csv(data: dict[str, Any]) -> str:
    """The same data, one figure a line: section, unit, month, figure, value."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for unit in data["units"]:
        for section in ("applications", "questions"):
            for figure, value in unit[section].items():
                writer.writerow((section, unit["slug"], "", figure, value))
    for market in data["marketplace"]:
        for figure in ("currency", "active_stalls", "orders", "sales"):
            writer.writerow(
                ("marketplace", market["township"], "", figure, market[figure])
            )
        for month in market["months"]:
            for figure in ("orders", "sales"):
                writer.writerow(
                    (
                        "marketplace",
                        market["township"],
                        month["month"],
                        figure,
                        month[figure],
                    )
                )
    return out.getvalue()
