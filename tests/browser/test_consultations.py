"""J6 in Chromium on a phone: a citizen asks a public question, the officer it
is routed to forwards it to another department, whose officer answers; the
citizen rates the answer and the public board shows it, on time."""

import pytest

from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory
from tests.factories.consultations import CategoryFactory, RoutingRuleFactory
from tests.factories.townships import DepartmentFactory
from townships.consultations.constants import ConsultationStatus
from townships.consultations.models import Consultation
from townships.core.constants import MembershipRole
from townships.core.services import membership_grant

pytestmark = [
    pytest.mark.browser,
    # Wagtail's root page is created by a migration: keep it across the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _officer(department):
    user = UserFactory()
    membership_grant(
        user=user,
        township=department.township,
        role=MembershipRole.OFFICER,
        department=department,
    )
    return user


def _log_in(page, base: str, user, next_path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.fill("input[name=username]", str(user.phone))
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}{next_path}")


def _step(page, action: str) -> None:
    step = page.locator(f'[data-action="{action}"]')
    step.locator("summary").click()
    return step


def test_citizen_asks_officers_forward_and_answer_citizen_rates_board_shows(
    live_server, phone_page, township, citizen
):
    page, base = phone_page, live_server.url
    agriculture = DepartmentFactory(
        township=township, slug="agriculture", name_en="Agriculture office"
    )
    civil = DepartmentFactory(
        township=township, slug="civil-affairs", name_en="Civil affairs office"
    )
    category = CategoryFactory(slug="farming", name_en="Farming")
    RoutingRuleFactory(township=township, category=category, department=agriculture)
    first_officer, second_officer = _officer(agriculture), _officer(civil)

    # given the citizen, signed in, starts a question
    _log_in(page, base, citizen, "/ask/new/")
    page.select_option("#id_township", township.slug)
    page.select_option("#id_category", category.slug)
    page.fill("#id_title", "Who pays for the broken irrigation pump?")
    page.get_by_role("button", name="Next", exact=True).click()
    # when they add details with a phone number and send it publicly
    page.fill("#id_body", "The pump of group 3 broke; call me on 13800138000.")
    page.get_by_role("button", name="Send", exact=True).click()
    item = Consultation.objects.get()
    page.wait_for_url(f"{base}/me/questions/{item.uuid}/")
    assert page.get_by_text(item.reference, exact=True).is_visible()

    # then the agriculture officer sees it and forwards it to civil affairs
    _log_in(page, base, first_officer, "/hall/questions/")
    page.get_by_role("link", name=item.reference).click()
    page.wait_for_url(f"{base}/hall/questions/{item.uuid}/")
    step = _step(page, "forward")
    step.locator("select").select_option(str(civil.pk))
    step.locator("button[type=submit]").click()
    assert page.get_by_text(
        "Forwarded; the citizen has the holding reply."
    ).is_visible()

    # and the civil affairs officer answers it
    _log_in(page, base, second_officer, "/hall/questions/")
    page.get_by_role("link", name=item.reference).click()
    step = _step(page, "answer")
    step.locator("textarea").fill("The township pays; the pump is fixed Friday.")
    step.locator("button[type=submit]").click()
    assert page.get_by_text("Answer sent.").is_visible()

    # the citizen reads the answer and the forward in the trail, and rates it
    _log_in(page, base, citizen, f"/me/questions/{item.uuid}/")
    assert page.locator('[data-kind="forwarded"]').is_visible()
    assert "pump is fixed Friday" in page.locator("[data-answer]").inner_text()
    page.locator("[data-rate] label", has_text="5").click()
    page.get_by_role("button", name="Send my rating").click()
    assert page.get_by_text("Thank you for your rating.").is_visible()
    item.refresh_from_db()
    assert (item.status, item.rating) == (ConsultationStatus.CLOSED, 5)

    # and anyone sees it on the board, answered on time, the number hidden
    page.context.clear_cookies()
    page.goto(f"{base}/ask/?q=pump")
    row = page.locator(f'[data-reference="{item.reference}"]')
    assert row.locator('[data-on-time="yes"]').is_visible()
    row.get_by_role("link").click()
    assert "13800138000" not in page.locator("[data-body]").inner_text()
    assert "pump is fixed Friday" in page.locator("[data-answer]").inner_text()
