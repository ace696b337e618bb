"""/stats/ and /stats/<slug>/: the figures as a page, as CSV and as JSON.

Public and read-only; each view reads one selector and answers in the format
its URL names. The CSV and JSON come from the same Stats as the page.
"""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hub.core.fragments import deferred
from hub.core.page_cache import for_visitors
from townships.core.models import Township

from .charts import on_time_chart, sales_chart
from .export import stats_csv, stats_data
from .selectors import (
    Stats,
    stats_for_township,
    stats_for_townships,
    township_get_public,
)


def _township(slug: str) -> Township:
    try:
        return township_get_public(slug=slug)
    except Township.DoesNotExist as missing:
        raise Http404(_("No such township.")) from missing


def _page(request: HttpRequest, stats: Stats, template: str) -> HttpResponse:
    # Read only where the template's kept part is rendered (hub.core.fragments).
    return render(
        request,
        template,
        {
            "stats": stats,
            "charts": deferred(_charts, stats),
            "markets": deferred(_markets, stats),
            "applications_units": deferred(stats.ranked, "applications"),
            "questions_units": deferred(stats.ranked, "questions"),
        },
    )


def _charts(stats: Stats) -> dict:
    return {
        "applications": on_time_chart(
            stats=stats,
            family="applications",
            title=_("Applications decided on time"),
        ),
        "questions": on_time_chart(
            stats=stats, family="questions", title=_("Questions answered on time")
        ),
    }


def _markets(stats: Stats) -> list:
    return [(market, sales_chart(market=market)) for market in stats.markets]


def _csv(stats: Stats, name: str) -> HttpResponse:
    response = HttpResponse(
        stats_csv(stats_data(stats)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@for_visitors
def overview(request: HttpRequest) -> HttpResponse:
    """Every township side by side."""
    return _page(request, stats_for_townships(), "transparency/overview.html")


@for_visitors
def overview_csv(request: HttpRequest) -> HttpResponse:
    return _csv(stats_for_townships(), "township-figures")


@for_visitors
def overview_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(stats_data(stats_for_townships()))


@for_visitors
def township(request: HttpRequest, slug: str) -> HttpResponse:
    """One township's departments side by side."""
    stats = stats_for_township(township=_township(slug))
    return _page(request, stats, "transparency/township.html")


@for_visitors
def township_csv(request: HttpRequest, slug: str) -> HttpResponse:
    return _csv(stats_for_township(township=_township(slug)), f"{slug}-figures")


@for_visitors
def township_json(request: HttpRequest, slug: str) -> JsonResponse:
    return JsonResponse(stats_data(stats_for_township(township=_township(slug))))
