"""The public catalogue: /services/, per township, and each service's page."""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.urls import reverse

import pytest

from tests.factories.public_services import (
    PublicServiceFactory,
    RequiredMaterialFactory,
)
from tests.factories.townships import DepartmentFactory

pytestmark = pytest.mark.django_db

PLAIN_PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def endorsement(township):
    service = PublicServiceFactory(
        township=township,
        department=DepartmentFactory(township=township, name_en="Service hall"),
        slug="hk-macao-endorsement",
        name_en="Hong Kong and Macao travel permit endorsement",
        name_zh_hans="往来港澳通行证再次签注",
        fee=Decimal("15.00"),
        legal_time_limit_days=10,
        promised_time_days=5,
        offers_courier=True,
        is_online=True,
    )
    RequiredMaterialFactory(
        service=service,
        name_en="Exit-entry application form",
        template_file=ContentFile(PLAIN_PDF, name="form.pdf"),
    )
    RequiredMaterialFactory(service=service, name_en="Identity card")
    return service


def test_lists_every_townships_services_and_searches_them(
    client, endorsement, other_township
):
    # given
    PublicServiceFactory(township=other_township, name_en="Birth registration")
    # when
    everything = client.get("/services/", HTTP_ACCEPT_LANGUAGE="en")
    found = client.get("/services/", {"q": "签注"}, HTTP_ACCEPT_LANGUAGE="en")
    filtered = client.get(
        "/services/", {"township": other_township.slug}, HTTP_ACCEPT_LANGUAGE="en"
    )
    # then
    assert everything.status_code == 200
    assert {s.name_en for s in everything.context["services"]} == {
        endorsement.name_en,
        "Birth registration",
    }
    assert [s.pk for s in found.context["services"]] == [endorsement.pk]
    assert "Hong Kong and Macao travel permit endorsement" in found.content.decode()
    assert [s.name_en for s in filtered.context["services"]] == ["Birth registration"]


def test_a_too_long_search_keeps_the_text_and_says_why(client, endorsement):
    # when
    response = client.get("/services/", {"q": "x" * 101}, HTTP_ACCEPT_LANGUAGE="en")
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["q"]
    assert 'value="' + "x" * 101 + '"' in response.content.decode()


def test_township_page_groups_its_services_by_department(
    client, township, endorsement, other_township
):
    # given
    civil = DepartmentFactory(
        township=township, slug="zz-civil", name_en="Civil affairs"
    )
    PublicServiceFactory(township=township, department=civil, name_en="Marriage")
    PublicServiceFactory(township=other_township, name_en="Not here")
    # when
    response = client.get(f"/services/{township.slug}/", HTTP_ACCEPT_LANGUAGE="en")
    # then
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Service hall") < body.index(endorsement.name_en)
    assert body.index(endorsement.name_en) < body.index("Civil affairs")
    assert body.index("Civil affairs") < body.index("Marriage")
    assert "Not here" not in body


def test_detail_shows_fee_times_delivery_materials_and_the_apply_link(
    client, township, endorsement
):
    # when
    response = client.get(
        reverse("public_services:detail", args=[township.slug, endorsement.slug]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    # then
    body = response.content.decode()
    assert response.status_code == 200
    assert "15 CNY" in body
    assert "10 working days" in body and "5 working days" in body
    assert "Sent by courier" in body and "Pick up at the service hall" in body
    assert "Exit-entry application form" in body and "Identity card" in body
    template = endorsement.materials.get(name_en="Exit-entry application form")
    assert f'href="{template.template_file.url}"' in body
    apply_url = reverse("applications:start", args=[township.slug, endorsement.slug])
    assert f'href="{apply_url}"' in body


def test_detail_of_an_offline_service_offers_no_online_application(client, township):
    # given
    service = PublicServiceFactory(township=township, is_online=False)
    # when
    response = client.get(service.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    # then
    assert "Apply online" not in response.content.decode()


def test_inactive_unknown_or_other_townships_service_is_a_404(
    client, township, other_township, endorsement
):
    # given
    retired = PublicServiceFactory(township=township, is_active=False)
    theirs = PublicServiceFactory(township=other_township, slug="theirs")
    # when
    urls = [
        f"/services/{township.slug}/{retired.slug}/",
        f"/services/{township.slug}/{theirs.slug}/",
        f"/services/{other_township.slug}/{endorsement.slug}/",
        "/services/nowhere/",
        f"/services/nowhere/{endorsement.slug}/",
    ]
    # then
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
