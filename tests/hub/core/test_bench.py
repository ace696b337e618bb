"""What the benchmark's settings add (hub.core.bench): the bare ceiling view,
the query count header, and requests served as to the first visitor after a
change."""

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

CATALOGUE = reverse("catalogue:index")


@pytest.fixture
def bench_settings(keeping):
    keeping.ROOT_URLCONF = "hub.bench_urls"
    keeping.MIDDLEWARE = [
        "hub.core.bench.QueryCountMiddleware",
        "hub.core.bench.ColdMiddleware",
        *keeping.MIDDLEWARE,
    ]
    return keeping


def _queries(response) -> int:
    assert response.status_code == 200
    return int(response["X-Bench-Queries"])


def test_the_bare_view_reads_one_row(bench_settings, client, citizen):
    response = client.get("/bench/bare/")
    assert _queries(response) == 1
    assert f"<p>{citizen.pk}</p>" in response.content.decode()


def test_a_cold_request_renders_what_a_change_would_have_forgotten(
    bench_settings, client, citizen, product
):
    client.force_login(citizen)
    first = _queries(client.get(CATALOGUE))
    assert _queries(client.get(CATALOGUE)) < first  # the listing is kept
    client.cookies["bench"] = "cold"
    assert _queries(client.get(CATALOGUE)) == first
    assert _queries(client.get(CATALOGUE)) == first
