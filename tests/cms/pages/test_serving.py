"""Where each address of the page tree leads, kept (cms.pages.serving): a second
visit finds its page without routing, in the visitor's language, and a page
withdrawn, moved or made private is so at once."""

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from wagtail.models import PageViewRestriction

from cms.pages.models import NoticePage, TownshipHomePage
from tests.factories.cms import notice_add, notice_index_add, translation_add

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keeping")]

VI = {"accept-language": "vi-VN,vi;q=0.9"}
ZH = {"accept-language": "zh-CN,zh;q=0.9"}


@pytest.fixture
def notice(notice_index) -> NoticePage:
    return notice_add(index=notice_index, title="湔江汛期预警")


def _visit(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers or ZH)
    return response, len(queries)


def test_a_second_visit_finds_the_page_without_routing(client, citizen, notice):
    client.force_login(citizen)
    first, routed = _visit(client, notice.url)
    second, kept = _visit(client, notice.url)
    assert second.status_code == 200
    assert second.context["page"].pk == notice.pk
    assert kept < routed
    assert second.content.decode().count(
        "湔江汛期预警"
    ) == first.content.decode().count("湔江汛期预警")


def test_each_language_is_led_to_its_own_version(client, citizen, notice):
    client.force_login(citizen)  # past the page cache
    vietnamese = translation_add(page=notice, language="vi", title="Cảnh báo lũ")
    for _ in range(2):
        chinese = client.get(notice.url, headers=ZH)
        assert chinese.context["page"].pk == notice.pk
        assert '<html lang="zh-Hans">' in chinese.content.decode()
        in_vietnamese = client.get(notice.url, headers=VI)
        assert in_vietnamese.context["page"].pk == vietnamese.pk
        assert '<html lang="vi">' in in_vietnamese.content.decode()


def test_a_withdrawn_page_is_gone_at_once(client, citizen, notice):
    client.force_login(citizen)
    assert client.get(notice.url).status_code == 200
    notice.unpublish()
    assert client.get(notice.url).status_code == 404


def test_a_moved_page_is_found_at_its_new_address(
    client, citizen, notice, other_township
):
    client.force_login(citizen)
    old_url = notice.url
    other_home = TownshipHomePage.objects.get(township=other_township)
    other_index = notice_index_add(home=other_home)
    assert client.get(old_url).status_code == 200
    notice.move(other_index, pos="last-child")
    moved = NoticePage.objects.get(pk=notice.pk)
    assert moved.url != old_url
    old = client.get(old_url)
    assert old.status_code == 301  # Wagtail's redirect, not the kept route
    assert old["Location"] == moved.url
    assert client.get(moved.url).context["page"].pk == notice.pk


def test_a_page_made_private_asks_for_a_password_at_once(client, notice):
    assert client.get(notice.url).status_code == 200  # kept whole, too
    PageViewRestriction.objects.create(
        page=notice, restriction_type=PageViewRestriction.PASSWORD, password="flood"
    )
    response = client.get(notice.url)
    assert "湔江汛期预警" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_a_first_visit_reads_the_view_restrictions_once(client, citizen, notice):
    client.force_login(citizen)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(notice.url, headers=ZH).status_code == 200
    read = [q["sql"] for q in queries if "wagtailcore_pageviewrestriction" in q["sql"]]
    assert len(read) == 1  # Wagtail's check; the route keeps what it found


def test_a_second_visit_reads_no_ancestor_for_view_restrictions(
    client, citizen, notice
):
    client.force_login(citizen)
    _visit(client, notice.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(notice.url, headers=ZH)
    read = " ".join(query["sql"] for query in queries)
    assert "wagtailcore_pageviewrestriction" not in read
    assert '"wagtailcore_page"."path" IN' not in read  # Wagtail's ancestor read


@pytest.mark.parametrize("below", [False, True], ids=["the page", "its section"])
def test_a_private_page_stays_private_on_every_visit(
    client, citizen, other_citizen, notice, notice_index, below
):
    """Restricted to a group before anyone came: the kept route carries the
    restriction, checked for each visitor, whether it is on the page or above."""
    group = Group.objects.create(name="湔江 flood wardens")
    citizen.groups.add(group)
    restriction = PageViewRestriction.objects.create(
        page=notice_index if below else notice,
        restriction_type=PageViewRestriction.GROUPS,
    )
    restriction.groups.add(group)
    client.force_login(other_citizen)
    for _ in range(2):
        refused = client.get(notice.url, headers=ZH)
        assert refused.status_code == 302  # Wagtail: log in as someone allowed
        assert "湔江汛期预警" not in refused.content.decode()
    client.force_login(citizen)
    for _ in range(2):
        assert "湔江汛期预警" in client.get(notice.url, headers=ZH).content.decode()
    client.logout()
    assert client.get(notice.url, headers=ZH).status_code == 302


def test_a_routable_page_keeps_its_sub_routes(client, citizen, township_home, notice):
    client.force_login(citizen)
    search = township_home.url + "search/?q=汛期"
    for _ in range(2):
        response = client.get(search)
        assert response.status_code == 200
        assert "湔江汛期预警" in response.content.decode()
