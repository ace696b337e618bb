"""E-certificates: signed codes, the PDF and its QR code, the public check."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

import pypdfium2
import pytest
import zxingcpp

from hub.core.exceptions import ApplicationError
from tests.factories.accounts import UserFactory
from tests.factories.townships import DepartmentFactory
from tests.townships.applications.results_helpers import (
    approve,
    officer_of,
    submitted_application,
    township_new,
)
from townships.applications.certificates import (
    CODE_SALT,
    CODE_SEPARATOR,
    certificate_code_is_signed,
    certificate_code_new,
    certificate_pdf,
    certificate_verify_url,
    name_masked,
)
from townships.applications.models import Certificate
from townships.applications.results import certificate_revoke
from townships.applications.tasks import certificate_pdf_render_task
from townships.public_services.constants import DeliveryOption

pytestmark = pytest.mark.django_db

HOLDERS = {"zh-hans": "张小明", "vi": "Nguyễn Văn An", "en": "Mary Jane Smith"}


def _certificate(township, *, language="zh-hans") -> Certificate:
    applicant = UserFactory()
    applicant.profile.real_name = HOLDERS[language]
    applicant.profile.save()
    application = submitted_application(
        applicant=applicant,
        language=language,
        delivery=DeliveryOption.E_CERTIFICATE,
        township=township,
        offers_e_certificate=True,
    )
    approve(application, officer_of(application.department))
    return Certificate.objects.get(application=application)


def _altered(code: str) -> str:
    """The same code with its first character changed."""
    return ("B" if code[0] == "A" else "A") + code[1:]


def _pdf_text(content: bytes) -> str:
    page = pypdfium2.PdfDocument(content)[0]
    return page.get_textpage().get_text_bounded()


def test_code_is_signed_and_a_changed_character_is_not():
    # given
    code = certificate_code_new()
    # then
    assert certificate_code_is_signed(code)
    assert not certificate_code_is_signed(_altered(code))
    assert not certificate_code_is_signed(code[:-1])
    assert not certificate_code_is_signed("made-up-code")


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张小明", "张*明"),
        ("李四", "李*"),
        ("欧阳小明", "欧**明"),
        ("Nguyễn Văn An", "N***** V** A*"),
        ("  Mary   Smith ", "M*** S****"),
        ("", ""),
    ],
)
def test_name_masked_keeps_first_letters_only(name, masked):
    assert name_masked(name) == masked


def test_qr_code_in_the_pdf_decodes_to_the_verify_url():
    # given
    township = township_new()
    certificate = _certificate(township)
    # when
    certificate_pdf_render_task(certificate.pk)
    # then: a phone camera would read what pdfium renders
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as pdf_file:
        page = pypdfium2.PdfDocument(pdf_file.read())[0]
    image = page.render(scale=2).to_pil()
    (barcode,) = zxingcpp.read_barcodes(image)
    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    assert barcode.text == certificate_verify_url(certificate)
    assert barcode.text == (
        settings.HUB_BASE_URL.rstrip("/") + f"/verify/{certificate.code}/"
    )


@pytest.mark.parametrize("language", ["zh-hans", "vi", "en"])
def test_pdf_is_written_in_the_application_language(language):
    # given
    township = township_new()
    certificate = _certificate(township, language=language)
    service = certificate.application.service
    # when
    content = certificate_pdf(certificate)
    # then: the text layer holds the holder's name and the names in that language
    assert content.startswith(b"%PDF-")
    text = _pdf_text(content)
    assert HOLDERS[language] in text
    assert certificate.code in text
    expected = {
        "zh-hans": (service.name_zh_hans, township.name_zh_hans),
        "vi": (service.name_vi, township.name_vi),
        "en": (service.name_en, township.name_en),
    }[language]
    for name in expected:
        assert name in text


def test_pdf_embeds_a_cjk_font_for_chinese():
    # given
    township = township_new()
    certificate = _certificate(township, language="zh-hans")
    # when
    content = certificate_pdf(certificate)
    # then: the Chinese glyphs come from an embedded subset, not a viewer's font
    assert b"WenQuanYiZenHei" in content
    assert b"/FontFile2" in content


def test_verify_page_says_valid_with_masked_name_and_nothing_else_personal(client):
    # given
    township = township_new()
    certificate = _certificate(township)
    application = certificate.application
    applicant = application.applicant
    # when
    response = client.get(f"/verify/{certificate.code}/")
    # then
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = response.content.decode()
    assert 'data-certificate-status="valid"' in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "张*明" in page
    assert township.name_en in page
    assert application.department.name_en in page
    assert application.service.name_en in page
    for personal in (
        "张小明",
        str(applicant.phone),
        applicant.email,
        application.reference,
        str(application.uuid),
    ):
        assert personal not in page


def test_verify_changed_code_is_unknown_404(client):
    # given
    township = township_new()
    certificate = _certificate(township)
    # when
    response = client.get(f"/verify/{_altered(certificate.code)}/")
    # then
    assert response.status_code == 404
    assert "No such certificate" in response.content.decode()
    assert 'data-certificate-status="unknown"' in response.content.decode()


def test_verify_signed_but_never_issued_code_is_unknown_404(client):
    # given: a correct signature over an id we never issued
    township = township_new()
    _certificate(township)
    code = signing.Signer(salt=CODE_SALT, sep=CODE_SEPARATOR).sign("neverissued1")
    # when
    response = client.get(reverse("certificates:verify", args=[code]))
    # then
    assert response.status_code == 404
    assert "No such certificate" in response.content.decode()


def test_revoked_certificate_says_revoked_with_the_date(client):
    # given
    township = township_new()
    certificate = _certificate(township)
    officer = officer_of(certificate.application.department)
    # when
    certificate_revoke(certificate=certificate, actor=officer, reason="Issued in error")
    response = client.get(f"/verify/{certificate.code}/")
    # then
    certificate.refresh_from_db()
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-certificate-status="revoked"' in page
    assert 'data-certificate-status="valid"' not in page
    assert certificate.revoked_at.strftime("%Y") in page
    assert "Issued in error" not in page  # the reason is for the holder, not the public


def test_officer_of_another_department_cannot_revoke():
    # given
    township = township_new()
    certificate = _certificate(township)
    stranger = officer_of(DepartmentFactory(township=township))
    # when
    with pytest.raises(ApplicationError):
        certificate_revoke(certificate=certificate, actor=stranger, reason="No")
    # then
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_revoke_needs_a_reason():
    # given
    township = township_new()
    certificate = _certificate(township)
    officer = officer_of(certificate.application.department)
    # when
    with pytest.raises(ApplicationError):
        certificate_revoke(certificate=certificate, actor=officer, reason="  ")
    # then
    certificate.refresh_from_db()
    assert certificate.is_valid
