"""Notices and pages in three languages: one URL, the visitor's language if it exists.

The `township` fixture is Chinese (default_language zh-hans), so its pages are
originals in the zh-hans tree; translations are copies in the vi and en trees.
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from cms.pages.models import NoticePage, TownshipHomePage
from tests.factories.cms import notice_add, notice_index_add, translation_add

pytestmark = pytest.mark.django_db

VI = {"accept-language": "vi-VN,vi;q=0.9"}
EN = {"accept-language": "en-US,en;q=0.9"}
ZH = {"accept-language": "zh-CN,zh;q=0.9"}


@pytest.fixture
def home(township) -> TownshipHomePage:
    return TownshipHomePage.objects.get(township=township)


@pytest.fixture
def notice(home) -> NoticePage:
    index = notice_index_add(home=home)
    return notice_add(index=index, title="湔江汛期预警")


@pytest.fixture
def vi_notice(notice) -> NoticePage:
    return translation_add(
        page=notice,
        language="vi",
        title="Cảnh báo lũ sông Tiễn",
        summary="Mực nước sông dâng cao, bà con tránh xa bờ sông.",
    )


def _html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def test_originals_are_in_the_township_language(home, notice):
    assert home.locale.language_code == "zh-hans"
    assert notice.locale.language_code == "zh-hans"


def test_vietnamese_visitor_gets_the_vietnamese_translation(client, notice, vi_notice):
    # when
    response = client.get(notice.url, headers=VI)
    # then
    assert response.status_code == 200
    assert response.context["page"].pk == vi_notice.pk
    html = response.content.decode()
    assert "Cảnh báo lũ sông Tiễn" in html
    assert "湔江汛期预警" not in html
    assert _html_lang(html) == "vi"
    assert "Not yet translated" not in html
    assert 'value="zh-hans"' in html  # "also in" the original, via the switcher


def test_english_visitor_gets_the_original_and_is_told_so(client, notice, vi_notice):
    # when
    response = client.get(notice.url, headers=EN)
    # then
    assert response.context["page"].pk == notice.pk
    html = response.content.decode()
    assert "湔江汛期预警" in html
    assert "Cảnh báo lũ sông Tiễn" not in html
    assert "Not yet translated into English; shown in the original (简体中文)." in html
    # the content is Chinese; the site's own header stays English
    assert _html_lang(html) == "zh-Hans"
    assert '<div class="site-header__inner" lang="en">' in html
    assert 'lang="vi"' in html and "Tiếng Việt</button>" in html


def test_chinese_visitor_gets_the_original_with_the_other_version(
    client, notice, vi_notice
):
    html = client.get(notice.url, headers=ZH).content.decode()
    assert "湔江汛期预警" in html
    assert _html_lang(html) == "zh-Hans"
    assert "Tiếng Việt</button>" in html


def test_the_language_switcher_wins_over_the_browser(client, notice, vi_notice):
    # given: the switcher's form, posted from the notice (no JavaScript)
    switched = client.post("/i18n/setlang/", {"language": "vi", "next": notice.url})
    # when
    response = client.get(switched["Location"], headers=EN)
    # then
    assert response.context["page"].pk == vi_notice.pk


def test_a_translation_has_the_same_url_and_no_second_one(client, notice, vi_notice):
    # then: one URL for both versions, not /home-hub-vi/... nor /vi/...
    assert vi_notice.url == notice.url
    assert notice.url.startswith("/townships/xiaoyudong/notices/")
    assert vi_notice.url_path.startswith("/home-hub-vi/")
    assert client.get(vi_notice.url, headers=VI).status_code == 200
    assert client.get(vi_notice.url_path, headers=VI).status_code == 404
    assert client.get("/vi" + notice.url, headers=VI).status_code == 404
    # the untranslated parents in the Vietnamese tree are aliases, served as
    # their originals
    index = vi_notice.get_parent().specific
    assert index.alias_of_id is not None
    response = client.get(index.url, headers=VI)
    assert response.status_code == 200
    assert response.context["page"].alias_of_id is None


def test_a_draft_translation_is_never_shown(client, notice):
    # given
    translation_add(page=notice, language="vi", title="Bản nháp", publish=False)
    # when
    html = client.get(notice.url, headers=VI).content.decode()
    # then
    assert "Bản nháp" not in html
    assert "湔江汛期预警" in html


def test_listings_show_each_notice_once_in_the_visitor_language(
    client, home, notice, vi_notice
):
    # given: a second notice, not translated
    notice_add(index=notice.get_parent().specific, title="杨坪村停水通知")
    for url in (home.url, notice.get_parent().url, "/"):
        # when
        vi_html = client.get(url, headers=VI).content.decode()
        en_html = client.get(url, headers=EN).content.decode()
        # then
        assert "Cảnh báo lũ sông Tiễn" in vi_html, url
        assert "湔江汛期预警" not in vi_html, url
        assert "杨坪村停水通知" in vi_html, url
        assert "湔江汛期预警" in en_html, url
        assert "Cảnh báo lũ sông Tiễn" not in en_html, url
        assert '<span lang="vi">Cảnh báo lũ sông Tiễn</span>' in vi_html, url
        assert '<span lang="zh-Hans">杨坪村停水通知</span>' in vi_html, url


def test_the_feed_gives_the_visitor_language(client, notice, vi_notice):
    feed = client.get(notice.get_parent().url + "feed/", headers=VI)
    body = feed.content.decode()
    assert "Cảnh báo lũ sông Tiễn" in body
    assert body.count("<entry>") == 1


def test_a_translated_home_is_served_with_the_township_lists(client, home, notice):
    # given
    vi_home = translation_add(
        page=home, language="vi", intro="<p>Thị trấn dưới chân núi Long Môn.</p>"
    )
    # when
    response = client.get(home.url, headers=VI)
    # then: the Vietnamese home, with the township's notices from the original tree
    assert response.context["page"].pk == vi_home.pk
    html = response.content.decode()
    assert "Thị trấn dưới chân núi Long Môn." in html
    assert "湔江汛期预警" in html
    assert _html_lang(html) == "vi"
    # and its editors got the same rights on it when the township is provisioned
    assert vi_home.url == home.url


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers=VI).status_code == 200
    return len(queries)


def _translated_notices(index, start: int, stop: int) -> None:
    for n in range(start, stop):
        notice = notice_add(index=index, title=f"通知 {n}")
        translation_add(
            page=notice, language="vi", title=f"Thông báo {n}", summary="Tóm tắt"
        )


def test_listings_in_the_visitor_language_cost_the_same_queries(
    client, home, django_assert_num_queries
):
    # given 2 notices translated into Vietnamese
    index = notice_index_add(home=home)
    _translated_notices(index, 0, 2)
    urls = [home.url, index.url, "/"]
    for url in urls:
        client.get(url, headers=VI)  # warm Wagtail's caches
    with_2 = {url: _queries(client, url) for url in urls}
    # when there are 8
    _translated_notices(index, 2, 8)
    # then
    for url in urls:
        with django_assert_num_queries(with_2[url]):
            html = client.get(url, headers=VI).content.decode()
        assert "Thông báo 7" in html and "通知 7" not in html


def test_finding_a_page_costs_the_same_whichever_tree_holds_it(client, notice):
    # given: the notice is only in the Chinese tree; the Vietnamese tree has
    # the hub's pages but not this township's
    for headers in (ZH, VI):
        client.get(notice.url, headers=headers)  # warm Wagtail's caches
    # when
    in_own_tree = _queries_with(client, notice.url, ZH)
    in_other_tree = _queries_with(client, notice.url, VI)
    # then: the path is looked up once in all trees, not level by level in each
    assert in_other_tree == in_own_tree


def _queries_with(client, url: str, headers: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    assert "湔江汛期预警" in response.content.decode()
    return len(queries)
