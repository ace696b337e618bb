"""A service guide linked to a catalogue service presents that service's data."""

from decimal import Decimal

from django.urls import reverse

import pytest

from cms.pages.models import ServiceGuidePage
from tests.factories.public_services import (
    PublicServiceFactory,
    RequiredMaterialFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(township):
    service = PublicServiceFactory(
        township=township,
        fee=Decimal("15.00"),
        legal_time_limit_days=10,
        promised_time_days=4,
        offers_courier=True,
    )
    RequiredMaterialFactory(service=service, name_en="Exit-entry application form")
    RequiredMaterialFactory(service=service, name_en="Resident identity card")
    return service


def _guide(home, **fields) -> ServiceGuidePage:
    guide = ServiceGuidePage(
        title="Travel permit endorsement",
        slug="endorsement",
        fee=Decimal("99.00"),
        legal_time_limit_days=30,
        promised_time_days=20,
        materials=[("material", "Old page material")],
        **fields,
    )
    home.add_child(instance=guide)
    guide.save_revision().publish()
    return guide


def test_a_linked_guide_shows_the_services_fee_times_and_materials(
    client, township_home, service
):
    # given
    guide = _guide(township_home, service=service)
    # when
    response = client.get(guide.url, HTTP_ACCEPT_LANGUAGE="en")
    # then
    body = response.content.decode()
    assert response.status_code == 200
    assert "15 CNY" in body and "99" not in body
    assert "4 working days" in body and "20 working days" not in body
    assert "Exit-entry application form" in body and "Resident identity card" in body
    assert "Old page material" not in body
    assert "Sent by courier" in body
    assert service.get_absolute_url() in body


def test_an_unlinked_guide_shows_its_own_fields(client, township_home):
    # given
    guide = _guide(township_home)
    # when
    response = client.get(guide.url, HTTP_ACCEPT_LANGUAGE="en")
    # then
    body = response.content.decode()
    assert "99.00 CNY" in body and "Old page material" in body


def test_a_guide_linked_to_a_retired_service_shows_its_own_fields(
    client, township_home, service
):
    # given
    guide = _guide(township_home, service=service)
    service.is_active = False
    service.save()
    # when
    response = client.get(guide.url, HTTP_ACCEPT_LANGUAGE="en")
    # then
    assert "Old page material" in response.content.decode()


def test_the_editor_chooses_among_the_guides_townships_services_only(
    client, township_home, township_staff, service, other_township
):
    # given
    theirs = PublicServiceFactory(township=other_township)
    guide = _guide(township_home)
    client.force_login(township_staff)
    # when
    form = client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).context[
        "form"
    ]
    # then
    choices = list(form.fields["service"].queryset)
    assert choices == [service]
    assert theirs not in choices
