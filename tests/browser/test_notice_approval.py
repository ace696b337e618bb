"""J4 in Chromium: staff draft a notice, the head approves, it is published."""

import pytest

from cms.pages.models import NoticePage, TownshipHomePage
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory
from tests.factories.cms import notice_index_add
from townships.core.constants import MembershipRole
from townships.core.services import membership_grant

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def desk_page(chromium):
    """A township office's desktop browser."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _member(township, role):
    user = UserFactory()
    membership_grant(user=user, township=township, role=role)
    return user


def _log_in(page, base_url, user, next_url):
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/?next={next_url}")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base_url}{next_url}")


def test_staff_draft_head_approves_notice_is_published(
    live_server, desk_page, township
):
    page = desk_page
    home = TownshipHomePage.objects.get(township=township)
    index = notice_index_add(home=home)
    staff = _member(township, MembershipRole.STAFF)
    head = _member(township, MembershipRole.HEAD)
    add_url = f"/cms/pages/add/pages/noticepage/{index.pk}/"
    # given: staff draft a notice in /cms/
    _log_in(page, live_server.url, staff, add_url)
    page.fill("#id_title", "Road to the upper village closed")
    page.select_option("#id_category", "public_notice")
    page.fill("#id_summary", "Closed for repairs until Friday.")
    page.get_by_role("button", name="More actions").click()
    assert page.get_by_role("button", name="Publish", exact=True).count() == 0
    page.get_by_role("button", name="Submit to xiaoyudong: head approval").click()
    page.wait_for_url(f"{live_server.url}/cms/pages/{index.pk}/")
    notice = NoticePage.objects.get(title="Road to the upper village closed")
    assert not notice.live
    # when: the head opens it from the dashboard and approves it
    _log_in(page, live_server.url, head, "/cms/")
    page.get_by_role("link", name="Road to the upper village closed").first.click()
    page.wait_for_url("**/edit/")
    page.get_by_role("button", name="More actions").wait_for()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve with comment and Publish").click()
    page.get_by_role("dialog").locator("textarea").fill("Good, publish it.")
    page.get_by_role("dialog").get_by_role("button", name="Approve").click()
    page.wait_for_url(f"{live_server.url}/cms/pages/{index.pk}/")
    # then: the notice is live on the township page, for anyone
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/townships/{township.slug}/")
    assert page.get_by_role(
        "link", name="Road to the upper village closed"
    ).is_visible()
    notice.refresh_from_db()
    assert notice.live
    state = notice.workflow_states.get()
    assert state.status == "approved"
    assert state.task_states.get().comment == "Good, publish it."
