"""A service's own rules: times, delivery, fee, department; template files are PDFs."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from tests.factories.public_services import PublicServiceFactory
from tests.factories.townships import DepartmentFactory, TownshipFactory
from townships.public_services.models import RequiredMaterial

pytestmark = pytest.mark.django_db

PLAIN_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _errors(service) -> dict:
    with pytest.raises(ValidationError) as caught:
        service.full_clean()
    return caught.value.message_dict


def test_refuses_a_promise_longer_than_the_legal_time_limit():
    # given
    service = PublicServiceFactory.build(
        township=TownshipFactory(), legal_time_limit_days=5, promised_time_days=6
    )
    service.department = DepartmentFactory(township=service.township)
    # when
    errors = _errors(service)
    # then
    assert list(errors) == ["promised_time_days"]


def test_accepts_a_promise_equal_to_the_legal_limit_and_on_the_spot():
    # given
    township = TownshipFactory()
    department = DepartmentFactory(township=township)
    # when / then: no error
    for legal, promised in ((5, 5), (0, 0)):
        PublicServiceFactory.build(
            township=township,
            department=department,
            legal_time_limit_days=legal,
            promised_time_days=promised,
        ).full_clean()


def test_refuses_a_service_without_any_delivery_option():
    # given
    township = TownshipFactory()
    service = PublicServiceFactory.build(
        township=township,
        department=DepartmentFactory(township=township),
        offers_pickup=False,
        offers_courier=False,
        offers_e_certificate=False,
    )
    # when
    errors = _errors(service)
    # then
    assert list(errors) == ["offers_pickup"]


@pytest.mark.parametrize(
    ("currency", "fee"),
    [("CNY", Decimal("-1.00")), ("VND", Decimal("2000.50"))],
)
def test_refuses_a_bad_fee(currency, fee):
    # given: a negative fee; dong have no cents
    township = TownshipFactory(currency=currency)
    service = PublicServiceFactory.build(
        township=township, department=DepartmentFactory(township=township), fee=fee
    )
    # when
    errors = _errors(service)
    # then
    assert list(errors) == ["fee"]


def test_accepts_cents_in_yuan_and_whole_dong():
    for currency, fee in (("CNY", Decimal("1.50")), ("VND", Decimal("2000"))):
        # given
        township = TownshipFactory(currency=currency)
        service = PublicServiceFactory.build(
            township=township, department=DepartmentFactory(township=township), fee=fee
        )
        # when / then: no error
        service.full_clean()


def test_refuses_a_department_of_another_township():
    # given
    service = PublicServiceFactory.build(
        township=TownshipFactory(), department=DepartmentFactory()
    )
    # when
    errors = _errors(service)
    # then
    assert list(errors) == ["department"]


def test_refuses_a_second_service_with_the_same_slug_in_the_township():
    # given
    existing = PublicServiceFactory(slug="birth-registration")
    twin = PublicServiceFactory.build(
        township=existing.township,
        department=existing.department,
        slug="birth-registration",
    )
    # when
    errors = _errors(twin)
    # then
    assert "__all__" in errors


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"GIF89a not a pdf", "form.pdf", "not_a_pdf"),
        (
            PLAIN_PDF.replace(
                b"/Catalog", b"/Catalog /OpenAction << /S /JavaScript >>"
            ),
            "form.pdf",
            "active_content",
        ),
        (PLAIN_PDF, "form.exe", "invalid_extension"),
    ],
)
def test_refuses_a_template_that_is_not_a_plain_pdf(content, name, code):
    # given
    material = RequiredMaterial(
        service=PublicServiceFactory(),
        name_zh_hans="申请表",
        template_file=SimpleUploadedFile(name, content),
    )
    # when
    with pytest.raises(ValidationError) as caught:
        material.full_clean()
    # then
    assert [e.code for e in caught.value.error_dict["template_file"]] == [code]


def test_accepts_a_plain_pdf_template():
    # given
    material = RequiredMaterial(
        service=PublicServiceFactory(),
        name_zh_hans="申请表",
        template_file=SimpleUploadedFile("form.pdf", PLAIN_PDF),
    )
    # when / then: no error
    material.full_clean()
