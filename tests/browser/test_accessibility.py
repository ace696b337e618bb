"""axe-core over every key page, in each language, on a 360 px phone screen.

One test per language visits all the pages in one browser page, as the
visitor, citizen, seller, courier or officer who sees them; any serious or
critical violation of WCAG 2.1 A/AA or axe's best practices fails it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.test import Client
from django.urls import reverse

import pytest
from oscar.core.loading import get_model

from cms.pages.models import ServiceGuidePage
from hub.accounts.models import User
from hub.couriers.services import shipments_assign
from shop.catalogue.services import product_update
from shop.partner.strategy import Selector
from tests.factories.cms import notice_add
from tests.factories.consultations import CategoryFactory, RoutingRuleFactory
from tests.factories.public_services import (
    PublicServiceFactory,
    RequiredMaterialFactory,
)
from tests.factories.shop import listing_data, photo_upload
from tests.factories.townships import DepartmentFactory
from tests.townships.applications.results_helpers import (
    approve,
    officer_of,
    submitted_application,
)
from townships.applications.citizen_services import application_draft_start
from townships.applications.form_definition import FieldKind, FormField, Prefill
from townships.applications.models import Certificate
from townships.consultations.constants import ConsultationKind
from townships.consultations.services import consultation_answer, consultation_ask
from townships.public_services.constants import DeliveryOption
from townships.public_services.models import PublicService

pytestmark = [
    pytest.mark.browser,
    # Wagtail's root page is created by a migration: keep it across the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Each language's tag (its switcher button's lang) and the button's name.
LANGUAGES = {
    "zh-Hans": "简体中文",
    "vi": "Tiếng Việt",
    "en": "English",
}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
SEVERE = ("serious", "critical")
LOGIN_BACKEND = "hub.accounts.backends.PhoneOrEmailPasswordBackend"


@dataclass
class KeyPage:
    path: str
    user: User | None = None  # who is signed in; None: an anonymous visitor
    status: int = 200


@pytest.fixture
def tasks_in_process(settings):
    """Tasks the setup queues (notifications, the certificate's PDF) run here."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return settings


def _online_service(department) -> PublicService:
    """A service with a fee, an e-certificate, a question of each kind, a material."""
    service = PublicServiceFactory(
        township=department.township,
        department=department,
        slug="business-scope-change",
        name_en="Change of business scope",
        fee=Decimal("20.00"),
        is_online=True,
        offers_e_certificate=True,
    )
    questions = [
        ("name", FieldKind.TEXT, Prefill.NAME, ""),
        ("born-on", FieldKind.DATE, "", ""),
        ("moved", FieldKind.YES_NO, "", ""),
        ("reason", FieldKind.CHOICE, "", "Birth\nMove"),
        ("details", FieldKind.LONG_TEXT, "", ""),
    ]
    for position, (key, kind, prefill, choices) in enumerate(questions):
        FormField.objects.create(
            service=service,
            key=key,
            label_zh_hans=key,
            label_en=key.capitalize(),
            kind=kind,
            prefill=prefill,
            choices=choices,
            sort_order=position,
        )
    RequiredMaterialFactory(service=service, name_en="ID card", is_required=True)
    return service


def _certificate_of(*, citizen, department, officer) -> Certificate:
    """The citizen's approved application's e-certificate."""
    application = submitted_application(
        applicant=citizen,
        language="en",
        delivery=DeliveryOption.E_CERTIFICATE,
        township=department.township,
        department=department,
        offers_e_certificate=True,
    )
    approve(application, officer)
    return Certificate.objects.get(application=application)


def _questions_asked(*, citizen, department, officer) -> None:
    """Two public questions of the citizen: one open, one answered."""
    category = CategoryFactory(slug="farming", name_en="Farming")
    RoutingRuleFactory(
        township=department.township, category=category, department=department
    )
    asked = [
        consultation_ask(
            asker=citizen,
            township=department.township,
            category=category,
            kind=ConsultationKind.QUESTION,
            title=title,
            body="Group 3 asks.",
            is_public=True,
        )
        for title in ("Who mends the irrigation pump?", "When is the subsidy paid?")
    ]
    consultation_answer(consultation=asked[-1], actor=officer, text="In June.")


@pytest.fixture
def key_pages(
    tasks_in_process,
    township,
    township_home,
    notice_index,
    product,
    seller,
    citizen,
    parcel,
    courier,
    logistics,
) -> list[KeyPage]:
    """A township with a page of each kind, and each role's pages over it."""
    product_update(
        actor=seller, product=product, data=listing_data(), photos=[photo_upload()]
    )
    notice = notice_add(index=notice_index, title="Road works on the old bridge")
    department = DepartmentFactory(
        township=township, slug="service-hall", name_en="Service hall"
    )
    officer = officer_of(department)
    service = _online_service(department)
    guide = ServiceGuidePage(
        title="Changing a business scope", slug="business-scope", service=service
    )
    township_home.add_child(instance=guide)
    guide.save_revision().publish()
    draft = application_draft_start(service=service, applicant=citizen, actor=citizen)
    submitted_application(applicant=citizen, township=township, department=department)
    certificate = _certificate_of(
        citizen=citizen, department=department, officer=officer
    )
    _questions_asked(citizen=citizen, department=department, officer=officer)
    basket = get_model("basket", "Basket").objects.create(owner=citizen)
    basket.strategy = Selector().strategy()
    basket.add_product(product)
    shipments_assign(shipment_pks=[parcel.pk], courier=courier, actor=logistics)
    return [
        KeyPage("/"),
        KeyPage(township_home.url),
        KeyPage(notice_index.url),
        KeyPage(notice.url),
        KeyPage(guide.url),
        KeyPage("/shop/catalogue/"),
        KeyPage(product.get_absolute_url()),
        KeyPage("/accounts/login/"),
        KeyPage("/accounts/signup/"),
        KeyPage("/accounts/sms/"),
        KeyPage("/services/"),
        KeyPage(service.get_absolute_url()),
        KeyPage("/ask/"),
        KeyPage("/stats/"),
        KeyPage(f"/stats/{township.slug}/"),
        KeyPage(f"/track/{parcel.uuid}/"),
        KeyPage(f"/verify/{certificate.code}/"),
        KeyPage("/verify/A1B2C3D4E5/", status=404),
        KeyPage("/no-such-page/", status=404),
        KeyPage("/shop/basket/", citizen),
        KeyPage("/shop/checkout/shipping-address/", citizen),
        KeyPage(reverse("applications:step", args=[draft.uuid, 1]), citizen),
        KeyPage("/ask/new/", citizen),
        KeyPage("/me/", citizen),
        KeyPage("/me/applications/", citizen),
        KeyPage("/me/questions/", citizen),
        KeyPage("/me/parcels/", citizen),
        KeyPage("/stall/", seller),
        KeyPage("/courier/", courier.user),
        KeyPage("/hall/", officer),
        KeyPage("/hall/questions/", officer),
    ]


def _session_cookie(user, url: str) -> dict:
    """The session cookie of a signed-in user (signing in is not under test)."""
    client = Client()
    client.force_login(user, backend=LOGIN_BACKEND)
    name = settings.SESSION_COOKIE_NAME
    return {"name": name, "value": client.cookies[name].value, "url": url}


def _severe_violations(results: dict) -> list[str]:
    """Each serious or critical violation: rule, impact, where, how to fix it."""
    return [
        f"{violation['id']} ({violation['impact']}) at "
        f"{', '.join(' '.join(node['target']) for node in violation['nodes'])}: "
        f"{violation['helpUrl']}"
        for violation in results["violations"]
        if violation["impact"] in SEVERE
    ]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_key_pages_have_no_serious_or_critical_violations(
    live_server, phone_page, axe_source, key_pages, language
):
    page, base = phone_page, live_server.url
    page.context.add_init_script(axe_source)
    # given: the visitor picks the language with the switcher
    page.goto(base + "/")
    with page.expect_navigation():
        page.get_by_role("button", name=LANGUAGES[language], exact=True).click()
    failures: list[str] = []
    signed_in = None
    for key_page in key_pages:
        if key_page.user != signed_in:
            page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
            if key_page.user is not None:
                page.context.add_cookies([_session_cookie(key_page.user, base)])
            signed_in = key_page.user
        # when
        response = page.goto(base + key_page.path)
        # then: the page itself, in the chosen language, is what axe checks
        # (a page's content may stay in its original language: <html lang>)
        assert (response.status, page.url) == (key_page.status, base + key_page.path)
        current = page.locator(".language-switcher [aria-current]")
        assert current.get_attribute("lang") == language, key_page.path
        results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
        failures += [f"{key_page.path}: {v}" for v in _severe_violations(results)]
    assert failures == [], "\n".join(failures)
