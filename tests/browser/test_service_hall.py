"""J5 in Chromium on a phone: a citizen applies with an upload and pays the fee by
card (localstripe), an officer of the department accepts and approves, the
citizen downloads the e-certificate and its public check says valid."""

import io
from decimal import Decimal

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from hub.payments.constants import PaymentStatus
from hub.payments.models import Payment
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory
from tests.factories.public_services import (
    PublicServiceFactory,
    RequiredMaterialFactory,
)
from tests.factories.townships import DepartmentFactory
from townships.applications.constants import ApplicationStatus
from townships.applications.form_definition import FieldKind, FormField, Prefill
from townships.applications.models import Application, Certificate
from townships.core.constants import MembershipRole
from townships.core.services import membership_grant

pytestmark = [
    pytest.mark.browser,
    # Wagtail's root page is created by a migration: keep it across the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CARD = "4242424242424242"


@pytest.fixture
def stripe_in_browser(stripe_settings, localstripe_url, settings):
    """The pay page loads localstripe's Stripe.js; tasks run in the server."""
    settings.STRIPE_JS_URL = f"{localstripe_url}/js.stripe.com/v3/"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return settings


@pytest.fixture
def department(township):
    return DepartmentFactory(township=township, slug="service-hall")


@pytest.fixture
def service(department):
    """Online, a fee, the result as an e-certificate, one required material."""
    service = PublicServiceFactory(
        township=department.township,
        department=department,
        slug="business-scope-change",
        name_en="Change of business scope",
        fee=Decimal("20.00"),
        is_online=True,
        offers_e_certificate=True,
        offers_pickup=False,
    )
    for position, (key, kind, prefill) in enumerate(
        [("name", FieldKind.TEXT, Prefill.NAME), ("business", FieldKind.TEXT, "")]
    ):
        FormField.objects.create(
            service=service,
            key=key,
            label_zh_hans=key,
            label_en=key.capitalize(),
            kind=kind,
            prefill=prefill,
            sort_order=position,
        )
    RequiredMaterialFactory(
        service=service, name_en="Application form", is_required=True
    )
    return service


@pytest.fixture
def officer(department):
    user = UserFactory()
    membership_grant(
        user=user,
        township=department.township,
        role=MembershipRole.OFFICER,
        department=department,
    )
    return user


def _pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawString(72, 770, "Application for a change of registration")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _log_in(page, base: str, user, next_path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.fill("input[name=username]", str(user.phone))
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}{next_path}")


def _step(page, action: str) -> None:
    """Open an officer's step on the detail page and take it."""
    step = page.locator(f'[data-action="{action}"]')
    step.locator("summary").click()
    step.locator("button[type=submit]").click()


def test_citizen_applies_and_pays_officer_approves_certificate_verifies(
    live_server, phone_page, stripe_in_browser, service, citizen, officer
):
    page, base = phone_page, live_server.url
    name = citizen.profile.real_name
    # given the citizen, signed in, on the service's page
    _log_in(page, base, citizen, service.get_absolute_url())
    # when they apply: the form starts with their name
    page.get_by_role("link", name="Apply online").click()
    page.get_by_role("button", name="Start my application").click()
    assert page.input_value("#id_q-name") == name
    page.fill("#id_q-business", "Yangping bacon cooperative")
    page.locator("button[name=action][value=next]").click()
    # upload the one required material, review, send
    page.set_input_files(
        "input[type=file]",
        {"name": "form.pdf", "mimeType": "application/pdf", "buffer": _pdf()},
    )
    page.get_by_role("button", name="Upload").click()
    assert page.get_by_text("File received.").is_visible()
    page.locator("a.button", has_text="Review and send").click()
    page.get_by_role("button", name="Send my application").click()
    # and pay the fee by card
    page.locator("button[name=method][value=card]").click()
    page.wait_for_selector("#payment-element input[placeholder=number]")
    page.fill("#payment-element input[placeholder=number]", CARD)
    page.fill("#payment-element input[placeholder=exp_month]", "12")
    page.fill("#payment-element input[placeholder=exp_year]", "30")
    page.fill("#payment-element input[placeholder=cvc]", "123")
    page.fill("#payment-element input[placeholder=postal_code]", "61000")
    page.locator("#pay-button").click()
    application = Application.objects.get(service=service)
    page.wait_for_url(f"{base}/apply/{application.uuid}/receipt/")
    # then: sent, a reference, the fee paid once through the ledger
    application.refresh_from_db()
    assert page.get_by_text(application.reference).is_visible()
    assert application.status == ApplicationStatus.SUBMITTED
    payment = Payment.objects.get(reference=f"fee:{application.reference}")
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.amount == service.fee
    # when an officer of the department accepts and approves it from the hall
    _log_in(page, base, officer, "/hall/")
    row = page.locator(f'[data-reference="{application.reference}"]')
    assert row.locator("[data-fee]").inner_text() == "Paid"
    row.get_by_role("link", name=application.reference).click()
    page.wait_for_url(f"{base}/hall/{application.uuid}/")
    _step(page, "accept")
    assert page.get_by_text("Accepted: the clock runs to the deadline.").is_visible()
    _step(page, "approve")
    assert page.get_by_text("Approved.", exact=True).is_visible()
    # then the citizen downloads the certificate from their application
    _log_in(page, base, citizen, f"/me/applications/{application.uuid}/")
    assert page.get_by_text("Approved").first.is_visible()
    # (fetched with the page's session: Chromium would show an inline PDF)
    link = page.locator("[data-certificate]").get_attribute("href")
    download = page.request.get(f"{base}{link}")
    assert download.ok
    assert download.headers["content-type"] == "application/pdf"
    assert download.body()[:5] == b"%PDF-"
    # and anyone who checks its code reads "valid"
    certificate = Certificate.objects.get(application=application)
    page.context.clear_cookies()
    page.goto(f"{base}/verify/{certificate.code}/")
    assert page.locator('[data-certificate-status="valid"]').is_visible()
    assert page.get_by_text(service.name_en).is_visible()
