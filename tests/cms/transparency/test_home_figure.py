"""A township's home page shows its on-time shares and links to its figures."""

from datetime import date

from django.core.cache import cache

import pytest
import time_machine

from tests.cms.transparency.data import NOW, application, at
from tests.factories.townships import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_minimum(settings):
    settings.HUB_STATS_MIN_SAMPLE = 3


def _home(client) -> str:
    with time_machine.travel(NOW, tick=False):
        response = client.get("/townships/xiaoyudong/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_page_shows_the_share_decided_on_time(
    client, township, other_township
):
    # given 3 decided cases here, one late; 3 late ones in another township
    office = DepartmentFactory(township=township)
    for decided_on in (3, 4, 9):
        application(
            office, submitted=at(1), decided=at(decided_on), deadline=date(2026, 6, 5)
        )
    elsewhere = DepartmentFactory(township=other_township)
    for _ in range(3):
        application(
            elsewhere, submitted=at(1), decided=at(12), deadline=date(2026, 6, 5)
        )

    html = _home(client)

    assert 'data-figure="applications_on_time">66.7 %<' in html
    assert 'data-figure="questions_on_time">Too few cases<' in html
    assert 'href="/stats/xiaoyudong/"' in html


def test_with_too_few_cases_the_home_page_shows_no_share(client, township):
    office = DepartmentFactory(township=township)
    application(office, submitted=at(1), decided=at(2), deadline=date(2026, 6, 5))

    html = _home(client)

    assert 'data-figure="applications_on_time">Too few cases<' in html


def test_the_figure_is_kept_for_a_while_then_recomputed(client, township, settings):
    # given: figures kept for ten minutes, three cases decided on time
    settings.HUB_STATS_CACHE_SECONDS = 600
    cache.clear()
    office = DepartmentFactory(township=township)
    for _ in range(3):
        application(office, submitted=at(1), decided=at(3), deadline=date(2026, 6, 5))
    assert 'data-figure="applications_on_time">100.0 %<' in _home(client)

    # when: a late case is decided
    application(office, submitted=at(1), decided=at(12), deadline=date(2026, 6, 5))

    # then: the kept figure until it is recomputed
    assert 'data-figure="applications_on_time">100.0 %<' in _home(client)
    cache.clear()
    assert 'data-figure="applications_on_time">75.0 %<' in _home(client)
    cache.clear()
