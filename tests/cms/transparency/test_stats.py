"""/stats/ and /stats/<slug>/: exact figures from a small known data set."""

import csv
import io
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
import time_machine

from tests.cms.transparency.data import NOW, known_data, more_of_the_same

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_and_a_small_minimum(settings):
    settings.LANGUAGE_CODE = "en"
    settings.HUB_STATS_MIN_SAMPLE = 3
    settings.HUB_STATS_MONTHS = 12


@pytest.fixture
def data():
    return known_data()


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield


def _get(client, name, *args):
    return client.get(
        reverse(f"transparency:{name}", args=args), HTTP_ACCEPT_LANGUAGE="en"
    )


def _card(html: str, section: str, unit: str) -> str:
    """The card of one unit in one section of the page."""
    block = html.split(f'data-section="{section}"', 1)[1]
    return block.split(f'data-unit="{unit}"', 1)[1].split("</li>", 1)[0]


def _figure(card: str, figure: str) -> str:
    match = re.search(rf'data-figure="{figure}">([^<]*)<', card)
    assert match, f"{figure} not shown"
    return match.group(1).strip()


def test_a_township_page_shows_each_departments_exact_figures(client, data, now):
    response = _get(client, "township", "xiaoyudong")

    assert response.status_code == 200
    html = response.content.decode()
    civil = _card(html, "applications", "civil-affairs")
    assert _figure(civil, "online") == "3"
    assert _figure(civil, "counter") == "2"
    assert _figure(civil, "decided") == "3"
    assert _figure(civil, "on_time_percent") == "66.7 %"
    assert _figure(civil, "median_working_days") == "3.0"
    assert "No. 1" in civil
    questions = _card(html, "questions", "civil-affairs")
    assert _figure(questions, "asked") == "4"
    assert _figure(questions, "answered") == "3"
    assert _figure(questions, "on_time_percent") == "66.7 %"
    assert _figure(questions, "median_first_reply_hours") == "2.0"
    assert _figure(questions, "satisfaction") == "3.7 / 5 (3 ratings)"


def test_a_township_page_shows_its_marketplace_by_month(client, data, now):
    html = _get(client, "township", "xiaoyudong").content.decode()

    market = html.split('data-section="marketplace"', 1)[1]
    assert _figure(market, "active_stalls") == "2"
    assert _figure(market, "orders") == "4"
    assert _figure(market, "sales") == "94.00 CNY"
    assert 'data-month="2026-05">2 orders, 56.00 CNY<' in market
    assert 'data-month="2026-06">2 orders, 38.00 CNY<' in market
    assert 'data-month="2026-04">0 orders, 0.00 CNY<' in market
    assert 'data-month="2025-07">' in market and 'data-month="2025-06"' not in market


def test_the_overview_ranks_townships_with_enough_cases_only(client, data, now):
    response = _get(client, "overview")

    html = response.content.decode()
    xiaoyudong = _card(html, "applications", "xiaoyudong")
    assert _figure(xiaoyudong, "online") == "4"
    assert _figure(xiaoyudong, "counter") == "2"
    assert _figure(xiaoyudong, "on_time_percent") == "75.0 %"
    assert _figure(xiaoyudong, "median_working_days") == "2.5"
    assert "No. 2" in xiaoyudong
    longmenshan = _card(html, "applications", "longmenshan")
    assert _figure(longmenshan, "on_time_percent") == "100.0 %"
    assert _figure(longmenshan, "median_working_days") == "1.0"
    assert "No. 1" in longmenshan
    questions = _card(html, "questions", "xiaoyudong")
    assert _figure(questions, "on_time_percent") == "75.0 %"
    assert _figure(questions, "median_first_reply_hours") == "1.5"
    assert _figure(questions, "satisfaction") == "4.0 / 5 (4 ratings)"
    assert "No. 2" in questions
    market = _card(html, "marketplace", "longmenshan")
    assert _figure(market, "sales") == "50.00 CNY"


def test_one_fast_case_shows_too_few_cases_and_is_not_ranked(client, data, now):
    html = _get(client, "overview").content.decode()

    # Hongkou decided its one case in a day, on time: 100 %, yet not first.
    hongkou = _card(html, "applications", "hongkou")
    assert "Too few cases" in hongkou
    assert "data-rank" not in hongkou and "100" not in hongkou
    assert html.index('data-unit="longmenshan"') < html.index('data-unit="hongkou"')
    chart = html.split('data-chart="chart-applications"', 1)[1].split("</svg>", 1)[0]
    assert "Longmenshan" in chart and "Hongkou" not in chart
    agriculture = _card(
        _get(client, "township", "xiaoyudong").content.decode(),
        "applications",
        "agriculture",
    )
    assert "Too few cases" in agriculture and "data-rank" not in agriculture


def test_the_minimum_sample_is_a_setting(client, data, now, settings):
    settings.HUB_STATS_MIN_SAMPLE = 1

    html = _get(client, "overview").content.decode()

    hongkou = _card(html, "applications", "hongkou")
    assert _figure(hongkou, "on_time_percent") == "100.0 %"
    assert "No. " in hongkou


def test_charts_are_accessible_svg_with_the_figures_in_words(client, data, now):
    html = _get(client, "township", "xiaoyudong").content.decode()

    chart = html.split('data-chart="chart-applications"', 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in html and 'aria-labelledby="chart-applications-title' in html
    assert '<title id="chart-applications-title">' in chart
    assert "Civil affairs: 66.7 %" in chart  # the desc
    assert "<script" not in html
    assert 'data-chart="chart-sales-xiaoyudong"' in html


def test_json_and_csv_match_the_page(client, data, now):
    html = _get(client, "township", "xiaoyudong").content.decode()

    payload = _get(client, "township_json", "xiaoyudong").json()
    rows = list(
        csv.DictReader(
            io.StringIO(_get(client, "township_csv", "xiaoyudong").content.decode())
        )
    )

    civil = next(u for u in payload["units"] if u["slug"] == "civil-affairs")
    card = _card(html, "applications", "civil-affairs")
    assert civil["applications"] == {
        "online": 3,
        "counter": 2,
        "decided": 3,
        "too_few_cases": False,
        "rank": 1,
        "on_time_percent": "66.7",
        "median_working_days": "3.0",
    }
    assert (
        _figure(card, "on_time_percent")
        == f"{civil['applications']['on_time_percent']} %"
    )
    assert civil["questions"]["satisfaction"] == "3.7"
    assert civil["questions"]["median_first_reply_hours"] == "2.0"
    agriculture = next(u for u in payload["units"] if u["slug"] == "agriculture")
    assert agriculture["applications"]["too_few_cases"] is True
    assert agriculture["applications"]["on_time_percent"] is None
    (market,) = payload["marketplace"]
    assert (market["active_stalls"], market["orders"], market["sales"]) == (
        2,
        4,
        "94.00",
    )
    as_csv = {
        (r["section"], r["unit"], r["month"], r["figure"]): r["value"] for r in rows
    }
    assert as_csv["applications", "civil-affairs", "", "on_time_percent"] == "66.7"
    assert as_csv["applications", "civil-affairs", "", "median_working_days"] == "3.0"
    assert as_csv["questions", "civil-affairs", "", "satisfaction"] == "3.7"
    assert as_csv["applications", "agriculture", "", "on_time_percent"] == ""
    assert as_csv["marketplace", "xiaoyudong", "2026-05", "sales"] == "56.00"
    assert as_csv["marketplace", "xiaoyudong", "", "sales"] == "94.00"


def test_another_townships_figures_are_never_mixed_in(client, data, now):
    payload = _get(client, "township_json", "xiaoyudong").json()
    rows = _get(client, "township_csv", "xiaoyudong").content.decode()
    html = _get(client, "township", "xiaoyudong").content.decode()

    assert [u["slug"] for u in payload["units"]] == ["agriculture", "civil-affairs"]
    assert [m["township"] for m in payload["marketplace"]] == ["xiaoyudong"]
    assert "longmenshan" not in rows and "50.00" not in rows
    # Longmenshan also has a civil-affairs office, with 3 more decided cases.
    civil = next(u for u in payload["units"] if u["slug"] == "civil-affairs")
    assert civil["applications"]["decided"] == 3
    assert civil["questions"]["answered"] == 3
    assert "Longmenshan" not in html


def test_the_overview_data_lists_every_township(client, data, now):
    payload = _get(client, "overview_json").json()
    rows = _get(client, "overview_csv").content.decode()

    assert payload["unit"] == "township" and payload["min_sample"] == 3
    assert [u["slug"] for u in payload["units"]] == [
        "hongkou",
        "longmenshan",
        "xiaoyudong",
    ]
    assert payload["period"] == {"from": "2025-07-01", "to": "2026-06-15"}
    assert "applications,longmenshan,,rank,1\r\n" in rows
    assert "applications,hongkou,,rank,\r\n" in rows


def test_an_unknown_or_inactive_township_is_a_404(client, data, now):
    data.hongkou.is_active = False
    data.hongkou.save()

    assert _get(client, "township", "nowhere").status_code == 404
    assert _get(client, "township", "hongkou").status_code == 404
    assert _get(client, "township_json", "hongkou").status_code == 404
    assert "hongkou" not in _get(client, "overview_csv").content.decode()


@pytest.mark.parametrize(
    "name, args",
    [("overview", ()), ("overview_json", ()), ("township", ("xiaoyudong",))],
)
def test_queries_do_not_grow_with_the_cases(client, data, now, name, args):
    _get(client, name, *args)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as small:
        assert _get(client, name, *args).status_code == 200

    more_of_the_same(data)
    with CaptureQueriesContext(connection) as large:
        assert _get(client, name, *args).status_code == 200

    assert len(large) == len(small)


def test_with_no_minimum_a_unit_without_cases_still_shows_no_share(
    client, data, now, settings
):
    settings.HUB_STATS_MIN_SAMPLE = 0

    html = _get(client, "overview").content.decode()

    assert "Too few cases" in _card(html, "questions", "hongkou")


def test_in_vietnamese_the_figures_take_a_decimal_comma_but_the_svg_does_not(
    client, data, now
):
    response = client.get(
        reverse("transparency:township", args=["xiaoyudong"]),
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    html = response.content.decode()
    assert "66,7 %" in _card(html, "applications", "civil-affairs")
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert not re.search(r'(x|y|width|height)="[^"]*,', svg)
