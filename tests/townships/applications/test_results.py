"""Results after approval: e-certificate, courier shipment or pickup; the download."""

from django.urls import reverse

import pytest
from oscar.test.factories import UserAddressFactory

from hub.core.exceptions import ApplicationError
from hub.couriers.constants import ShipmentKind
from hub.couriers.models import Shipment
from tests.factories.accounts import UserFactory
from tests.factories.townships import DepartmentFactory, TownshipFactory
from tests.townships.applications.results_helpers import (
    approve,
    officer_of,
    submitted_application,
    township_new,
)
from townships.applications.constants import ApplicationStatus
from townships.applications.models import ApplicationEvent, Certificate
from townships.applications.results import application_result_issue
from townships.applications.services import application_step
from townships.applications.tasks import certificate_pdf_render_task
from townships.public_services.constants import DeliveryOption

pytestmark = pytest.mark.django_db


def _notes(application) -> list[str]:
    return list(
        ApplicationEvent.objects.filter(
            application=application, status=ApplicationStatus.APPROVED
        )
        .exclude(note="")
        .values_list("note", flat=True)
    )


def test_approval_issues_one_certificate_and_renders_its_pdf_after_commit(
    citizen, celery_eager, django_capture_on_commit_callbacks
):
    # given
    township = township_new()
    application = submitted_application(
        applicant=citizen,
        delivery=DeliveryOption.E_CERTIFICATE,
        township=township,
        offers_e_certificate=True,
    )
    officer = officer_of(application.department)
    # when
    with django_capture_on_commit_callbacks() as callbacks:
        approve(application, officer)
        application_result_issue(application=application, actor=officer)
    certificate = Certificate.objects.get(application=application)
    assert not certificate.pdf  # not inside the approval's transaction
    for callback in callbacks:
        callback()
    # then
    certificate.refresh_from_db()
    assert certificate.pdf.name.endswith(".pdf")
    assert certificate.revoked_at is None
    assert len(_notes(application)) == 1


def test_pdf_task_stores_one_file_when_run_twice(citizen):
    # given
    township = township_new()
    application = submitted_application(
        applicant=citizen,
        delivery=DeliveryOption.E_CERTIFICATE,
        township=township,
        offers_e_certificate=True,
    )
    approve(application, officer_of(application.department))
    certificate = Certificate.objects.get(application=application)
    # when
    certificate_pdf_render_task(certificate.pk)
    certificate.refresh_from_db()
    first_name = certificate.pdf.name
    certificate_pdf_render_task(certificate.pk)
    # then
    certificate.refresh_from_db()
    assert certificate.pdf.name == first_name
    with certificate.pdf.open("rb") as pdf_file:
        assert pdf_file.read(5) == b"%PDF-"


def test_courier_delivery_creates_one_shipment_even_when_approved_twice(citizen):
    # given
    township = township_new()
    application = submitted_application(
        applicant=citizen,
        delivery=DeliveryOption.COURIER,
        township=township,
        offers_courier=True,
        department__address="1 Town Hall Road",
    )
    application.answers = {"address": "3 Bamboo Lane, Longmen village"}
    application.save(update_fields=["answers"])
    officer = officer_of(application.department)
    # when
    approve(application, officer)
    application_step(
        application=application, to=ApplicationStatus.APPROVED, actor=officer
    )
    application_result_issue(application=application, actor=officer)
    # then
    shipment = Shipment.objects.get(reference=f"application:{application.reference}")
    assert shipment.kind == ShipmentKind.DOCUMENT
    assert shipment.township_id == township.pk
    assert shipment.recipient == citizen
    assert shipment.recipient_name == citizen.profile.real_name
    assert shipment.address == "3 Bamboo Lane, Longmen village"
    assert shipment.pickup_place == "1 Town Hall Road"
    assert application.department.name_zh_hans in shipment.sender_name
    assert not Certificate.objects.filter(application=application).exists()
    assert len(_notes(application)) == 1


def test_courier_address_falls_back_to_the_default_shipping_address(citizen):
    # given
    township = township_new()
    UserAddressFactory(
        user=citizen,
        line1="8 Tea Garden Road",
        line4="Pengzhou",
        is_default_for_shipping=True,
    )
    application = submitted_application(
        applicant=citizen,
        delivery=DeliveryOption.COURIER,
        township=township,
        offers_courier=True,
    )
    # when
    approve(application, officer_of(application.department))
    # then
    shipment = Shipment.objects.get(reference=f"application:{application.reference}")
    assert "8 Tea Garden Road" in shipment.address
    assert "Pengzhou" in shipment.address


def test_pickup_adds_a_timeline_note_only(citizen):
    # given
    township = township_new()
    application = submitted_application(
        applicant=citizen,
        delivery=DeliveryOption.PICKUP,
        township=township,
        department__address="1 Town Hall Road",
    )
    # when
    approve(application, officer_of(application.department))
    # then
    assert not Certificate.objects.filter(application=application).exists()
    assert not Shipment.objects.filter(
        reference=f"application:{application.reference}"
    ).exists()
    (note,) = _notes(application)
    assert "1 Town Hall Road" in note


def test_no_delivery_chosen_uses_the_first_the_service_offers(citizen):
    # given
    township = township_new()
    application = submitted_application(
        applicant=citizen,
        township=township,
        offers_e_certificate=True,
        offers_courier=True,
    )
    # when
    approve(application, officer_of(application.department))
    # then
    assert Certificate.objects.filter(application=application).exists()


def test_no_result_before_approval(citizen):
    # given
    township = township_new()
    application = submitted_application(
        applicant=citizen,
        delivery=DeliveryOption.E_CERTIFICATE,
        township=township,
        offers_e_certificate=True,
    )
    # when
    with pytest.raises(ApplicationError):
        application_result_issue(
            application=application, actor=officer_of(application.department)
        )
    # then
    assert not Certificate.objects.filter(application=application).exists()


# --- download matrix ---------------------------------------------------------


@pytest.fixture
def issued(citizen):
    township = township_new()
    application = submitted_application(
        applicant=citizen,
        delivery=DeliveryOption.E_CERTIFICATE,
        township=township,
        offers_e_certificate=True,
    )
    approve(application, officer_of(application.department))
    return Certificate.objects.get(application=application)


def _who(name: str, certificate: Certificate):
    department = certificate.application.department
    return {
        "anonymous": lambda: None,
        "holder": lambda: certificate.application.applicant,
        "other_citizen": UserFactory,
        "officer_of_department": lambda: officer_of(department),
        "officer_of_other_department": lambda: officer_of(
            DepartmentFactory(township=department.township)
        ),
        "officer_of_other_township": lambda: officer_of(
            DepartmentFactory(township=TownshipFactory())
        ),
    }[name]()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("holder", 200),
        ("other_citizen", 404),
        ("officer_of_department", 200),
        ("officer_of_other_department", 404),
        ("officer_of_other_township", 404),
    ],
)
def test_certificate_download_matrix(client, issued, who, status):
    # given
    user = _who(who, issued)
    if user is not None:
        client.force_login(user)
    url = reverse("certificates:download", args=[issued.application.uuid])
    # when
    response = client.get(url)
    # then
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:login"))
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    else:
        issued.refresh_from_db()
        assert not issued.pdf  # nothing rendered for someone who may not see it


def test_download_of_an_application_without_certificate_is_404(client, citizen):
    # given
    township = township_new()
    application = submitted_application(
        applicant=citizen, township=township, delivery=DeliveryOption.PICKUP
    )
    client.force_login(citizen)
    # when
    response = client.get(reverse("certificates:download", args=[application.uuid]))
    # then
    assert response.status_code == 404
