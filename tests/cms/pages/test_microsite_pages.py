"""The township micro-site pages: tree rules, rendering, notice listings."""

from datetime import timedelta
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from wagtail.models import Page

from cms.pages.constants import NoticeCategory
from cms.pages.models import (
    HubHomePage,
    NoticeIndexPage,
    NoticePage,
    ProduceStoryPage,
    ServiceGuidePage,
    StandardPage,
    TownshipHomePage,
    TownshipIndexPage,
)
from tests.factories.cms import notice_add, notice_index_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(township) -> TownshipHomePage:
    return TownshipHomePage.objects.get(township=township)


@pytest.fixture
def notices(home) -> NoticeIndexPage:
    return notice_index_add(home=home)


def _titles(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    ("child", "parents"),
    [
        (NoticeIndexPage, {TownshipHomePage}),
        (NoticePage, {NoticeIndexPage}),
        (ServiceGuidePage, {TownshipHomePage}),
        (ProduceStoryPage, {TownshipHomePage}),
        (StandardPage, {TownshipHomePage, StandardPage}),
    ],
)
def test_micro_site_pages_live_only_under_their_parents(child, parents):
    # then
    for parent in (
        HubHomePage,
        TownshipIndexPage,
        TownshipHomePage,
        NoticeIndexPage,
        NoticePage,
        ServiceGuidePage,
        ProduceStoryPage,
        StandardPage,
    ):
        allowed = child in parent.allowed_subpage_models()
        assert allowed == (parent in parents), parent
        assert (parent in child.allowed_parent_page_models()) == allowed


def test_township_home_allows_its_micro_site_pages():
    allowed = set(TownshipHomePage.clean_subpage_models())
    assert allowed == {
        NoticeIndexPage,
        ServiceGuidePage,
        ProduceStoryPage,
        StandardPage,
    }


def test_one_notice_index_per_township_home(home, notices):
    assert not NoticeIndexPage.can_create_at(home)
    assert notices.url == "/townships/xiaoyudong/notices/"


def test_every_page_type_renders(client, home, notices):
    # given
    notice = notice_add(
        index=notices, title="Road closed", category=NoticeCategory.EMERGENCY_ALERT
    )
    guide = ServiceGuidePage(
        title="Birth registration",
        slug="birth",
        fee=Decimal("10.00"),
        legal_time_limit_days=20,
        promised_time_days=5,
        visits_needed=1,
        materials=[("material", "ID card"), ("material", "Hukou booklet")],
    )
    home.add_child(instance=guide)
    guide.save_revision().publish()
    story = ProduceStoryPage(title="Eggs of the hillside", slug="eggs")
    home.add_child(instance=story)
    story.save_revision().publish()
    standard = StandardPage(title="About us", slug="about", intro="Hello")
    home.add_child(instance=standard)
    standard.save_revision().publish()
    # when / then
    for page in (home, notices, notice, guide, story, standard):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()
    home_html = client.get(home.url).content.decode()
    assert "Road closed" in home_html
    assert "Birth registration" in home_html
    assert "Eggs of the hillside" in home_html
    guide_html = client.get(guide.url).content.decode()
    assert "Hukou booklet" in guide_html
    assert "10.00 CNY" in guide_html


def test_notices_list_newest_first_and_filter_by_category(client, notices):
    # given
    notice_add(index=notices, title="Old policy", category=NoticeCategory.POLICY)
    notice_add(index=notices, title="New event", category=NoticeCategory.EVENT)
    # when
    listing = client.get(notices.url).content.decode()
    events = client.get(notices.url, {"category": "event"}).content.decode()
    # then
    assert listing.index("New event") < listing.index("Old policy")
    assert "New event" in events
    assert "Old policy" not in events


def test_expired_notice_leaves_the_index_and_the_feed(client, notices):
    # given: expiry has passed but Wagtail's publish_scheduled has not run yet
    notice_add(index=notices, title="Still valid")
    expired = notice_add(
        index=notices,
        title="Water cut yesterday",
        expire_at=timezone.now() - timedelta(hours=1),
    )
    # then
    assert "Water cut yesterday" not in client.get(notices.url).content.decode()
    feed = client.get(notices.url + "feed/")
    assert feed.status_code == 200
    assert "Water cut yesterday" not in feed.content.decode()
    assert "Still valid" in feed.content.decode()
    # when Wagtail processes the expiry, the page is unpublished too
    call_command("publish_scheduled")
    expired.refresh_from_db()
    assert not expired.live
    assert expired.expired
    assert "Water cut yesterday" not in client.get(notices.url).content.decode()


def test_scheduled_notice_is_not_shown_before_it_goes_live(client, home, notices):
    # given
    scheduled = notice_add(
        index=notices,
        title="Market day next week",
        go_live_at=timezone.now() + timedelta(days=2),
    )
    # then
    assert not scheduled.live
    assert "Market day next week" not in client.get(notices.url).content.decode()
    assert "Market day next week" not in client.get(home.url).content.decode()
    assert "Market day next week" not in (
        client.get(notices.url + "feed/").content.decode()
    )
    assert client.get(notices.url + scheduled.slug + "/").status_code == 404


def test_feed_is_atom_with_the_township_notices(client, notices, other_township):
    # given
    notice_add(index=notices, title="Vaccination day")
    other_index = notice_index_add(
        home=TownshipHomePage.objects.get(township=other_township)
    )
    notice_add(index=other_index, title="Other township notice")
    # when
    response = client.get("/townships/xiaoyudong/notices/feed/")
    # then
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Vaccination day" in body
    assert "Other township notice" not in body
    assert "/townships/xiaoyudong/notices/" in body


def _home_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_home_and_index_query_counts_do_not_grow_with_notices(
    client, home, notices, django_assert_num_queries
):
    # given 3 notices
    for n in range(3):
        notice_add(index=notices, title=f"Notice {n}")
    client.get(home.url)  # warm Wagtail's site-root cache
    home_3 = _home_queries(client, home.url)
    index_3 = _home_queries(client, notices.url)
    # when there are 30
    for n in range(3, 30):
        notice_add(index=notices, title=f"Notice {n}")
    # then
    with django_assert_num_queries(home_3):
        client.get(home.url)
    with django_assert_num_queries(index_3):
        client.get(notices.url)


def test_notice_pages_stay_in_the_township_tree(home, notices):
    notice = notice_add(index=notices, title="Tree")
    assert Page.objects.ancestor_of(notice).filter(pk=home.pk).exists()
