"""The transparency figures in the API: the same data as the pages' JSON."""

from django.urls import reverse

import pytest
import time_machine

from tests.cms.transparency.data import NOW, known_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_minimum(settings):
    settings.HUB_STATS_MIN_SAMPLE = 3


@pytest.fixture
def data():
    return known_data()


def test_anyone_reads_a_townships_figures_as_on_its_json_page(api_client, client, data):
    with time_machine.travel(NOW, tick=False):
        response = api_client.get(reverse("api:stats-township", args=["xiaoyudong"]))
        page = client.get(reverse("transparency:township_json", args=["xiaoyudong"]))

    assert response.status_code == 200
    assert response.json() == page.json()
    civil = next(u for u in response.json()["units"] if u["slug"] == "civil-affairs")
    assert civil["applications"]["on_time_percent"] == "66.7"
    assert civil["questions"]["satisfaction"] == "3.7"


def test_the_overview_ranks_townships_with_enough_cases(api_client, data):
    with time_machine.travel(NOW, tick=False):
        response = api_client.get(reverse("api:stats"))

    assert response.status_code == 200
    ranks = {
        unit["slug"]: unit["applications"]["rank"] for unit in response.json()["units"]
    }
    assert ranks == {"hongkou": None, "longmenshan": 1, "xiaoyudong": 2}


def test_an_unknown_township_is_a_404_in_the_apis_format(api_client, data):
    response = api_client.get(reverse("api:stats-township", args=["nowhere"]))

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
