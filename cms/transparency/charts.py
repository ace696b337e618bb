"""Horizontal bar charts laid out on the server, drawn as inline SVG (no JavaScript).

Horizontal bars keep long township and department names readable on a narrow
phone. The geometry is whole numbers, so that no locale's decimal comma ever
reaches an SVG attribute; the template gives the chart a title and a
description for screen readers, and the page prints the same figures as text.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .selectors import Market, Stats

WIDTH = 320
LABEL_WIDTH = 120
BAR_AREA = 150
BAR_HEIGHT = 18
ROW_HEIGHT = 28


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 4


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT


def bar_chart(
    *,
    chart_id: str,
    title: str,
    items: Sequence[tuple[str, Decimal | int, str]],
    maximum: Decimal | int | None = None,
) -> BarChart:
    """Lay out one bar per (label, value, value as text), longest = `maximum`.

    The description lists every label with its value in words, which is what a
    screen reader announces for the picture.
    """
    top = maximum if maximum is not None else max((v for _l, v, _t in items), default=0)
    bars = tuple(
        Bar(
            label=label,
            value_text=text,
            y=index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2,
            width=round(BAR_AREA * value / top) if top else 0,
        )
        for index, (label, value, text) in enumerate(items)
    )
    description = "; ".join(f"{label}: {text}" for label, _value, text in items)
    return BarChart(chart_id=chart_id, title=title, description=description, bars=bars)


def _percent_text(value: Decimal) -> str:
    return _("%(percent)s %%") % {"percent": number_format(value, 1)}


def on_time_chart(*, stats: Stats, family: str, title: str) -> BarChart | None:
    """On-time share of the ranked units (those with enough cases), best first."""
    ranked = [unit for unit in stats.ranked(family) if getattr(unit, f"{family}_rank")]
    if not ranked:
        return None
    items = [
        (
            unit.name,
            getattr(unit, family).on_time_percent,
            _percent_text(getattr(unit, family).on_time_percent),
        )
        for unit in ranked
    ]
    return bar_chart(
        chart_id=f"chart-{family}", title=title, items=items, maximum=Decimal(100)
    )


def sales_chart(*, market: Market) -> BarChart:
    """Sales of one township's stalls, month by month."""
    currency = market.township.currency
    items = [
        (
            date_format(month.month, "YEAR_MONTH_FORMAT"),
            month.sales,
            f"{number_format(month.sales, 2)} {currency}",
        )
        for month in market.months
    ]
    return bar_chart(
        chart_id=f"chart-sales-{market.township.slug}",
        title=_("Sales of village produce by month (%(currency)s)")
        % {"currency": currency},
        items=items,
    )
