"""Search within a township (/townships/<slug>/search/), across all (/search/),
and the township index filter (/townships/?q=)."""

from datetime import timedelta

from django.utils import timezone

import pytest

from cms.pages.constants import SEARCH_QUERY_MAX_LENGTH
from cms.pages.models import ServiceGuidePage, TownshipHomePage
from cms.pages.services import township_site_provision
from tests.factories.cms import notice_add, notice_index_add, translation_add
from tests.factories.townships import TownshipFactory

pytestmark = pytest.mark.django_db

SEARCH_A = "/townships/xiaoyudong/search/"


@pytest.fixture
def home(township) -> TownshipHomePage:
    return TownshipHomePage.objects.get(township=township)


@pytest.fixture
def notices(home):
    return notice_index_add(home=home)


@pytest.fixture
def other_notices(other_township):
    return notice_index_add(home=TownshipHomePage.objects.get(township=other_township))


def _search(client, url: str, query: str, **headers) -> str:
    response = client.get(url, {"q": query}, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def test_finds_live_notices_and_guides_of_the_township(client, home, notices):
    # given
    notice_add(index=notices, title="Vaccination day at the health centre")
    guide = ServiceGuidePage(title="Vaccination certificate", slug="vaccination")
    home.add_child(instance=guide)
    guide.save_revision().publish()
    # when
    html = _search(client, SEARCH_A, "vaccination")
    # then
    assert "Vaccination day at the health centre" in html
    assert "Vaccination certificate" in html
    assert 'value="vaccination"' in html  # the form keeps what was typed


def test_a_draft_never_appears(client, notices):
    # given: a draft, and a live notice whose newer draft is not published
    notice_add(index=notices, title="Secret budget draft", publish=False)
    live = notice_add(index=notices, title="Budget meeting")
    live.title = "Budget meeting moved (secret draft change)"
    live.save_revision()
    # when
    for url in (SEARCH_A, "/search/"):
        html = _search(client, url, "secret")
        html_budget = _search(client, url, "budget")
        # then
        assert "Secret budget draft" not in html + html_budget
        assert "secret draft change" not in html + html_budget
        assert "Budget meeting" in html_budget


def test_another_township_stays_out_of_this_township_search(
    client, notices, other_notices
):
    # given
    notice_add(index=notices, title="Market day in Xiaoyudong")
    notice_add(index=other_notices, title="Market day in Huaqiao")
    # when
    here = _search(client, SEARCH_A, "market")
    everywhere = _search(client, "/search/", "market")
    # then
    assert "Market day in Xiaoyudong" in here
    assert "Market day in Huaqiao" not in here
    assert "Market day in Xiaoyudong" in everywhere
    assert "Market day in Huaqiao" in everywhere


def test_expired_and_scheduled_notices_do_not_appear(client, notices):
    # given: expiry passed (before Wagtail's publish_scheduled ran) and a future one
    now = timezone.now()
    notice_add(index=notices, title="Water cut expired", expire_at=now - timedelta(1))
    notice_add(index=notices, title="Water cut future", go_live_at=now + timedelta(1))
    notice_add(index=notices, title="Water cut today")
    # when
    for url in (SEARCH_A, "/search/"):
        html = _search(client, url, "water")
        # then
        assert "Water cut today" in html
        assert "Water cut expired" not in html
        assert "Water cut future" not in html


def test_a_notice_and_its_translation_are_one_result(client, notices):
    # given
    notice = notice_add(index=notices, title="Flood alert Jian river")
    translation_add(
        page=notice, language="vi", title="Flood alert sông Tiễn", summary="Lũ"
    )
    # when
    vi = _search(client, SEARCH_A, "flood", **{"accept-language": "vi"})
    en = _search(client, SEARCH_A, "flood", **{"accept-language": "en"})
    # then: the visitor's language wins, the other version is left out
    assert "Flood alert sông Tiễn" in vi and "Flood alert Jian river" not in vi
    assert "Flood alert Jian river" in en and "Flood alert sông Tiễn" not in en


@pytest.mark.parametrize("url", [SEARCH_A, "/search/"])
def test_empty_query_gets_a_message(client, notices, url):
    html = _search(client, url, "   ")
    assert "Type a word or two to search for." in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize("url", [SEARCH_A, "/search/", "/townships/"])
def test_too_long_query_gets_a_message_and_is_kept(client, notices, url):
    # given
    query = "a" * (SEARCH_QUERY_MAX_LENGTH + 1)
    # when
    html = _search(client, url, query)
    # then
    assert "Your search is too long" in html
    assert f'value="{query}"' in html


@pytest.mark.parametrize(
    "query",
    ['"', "*", "(", ")", "-", "OR", "AND NOT", 'market"', "NEAR(a b)", "%_", "'", "^"],
)
def test_odd_characters_are_searched_for_not_an_error(client, notices, query):
    notice_add(index=notices, title="Market day")
    for url in (SEARCH_A, "/search/"):
        html = _search(client, url, query)
        assert "result" in html


def test_no_query_shows_just_the_form(client, notices):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Type a word" not in response.content.decode()


def test_township_home_and_notice_index_have_the_search_form(client, home, notices):
    for url in (home.url, notices.url):
        html = client.get(url).content.decode()
        assert f'action="{SEARCH_A}"' in html


@pytest.fixture
def mau_son(db):
    township = TownshipFactory(
        slug="mau-son",
        name_zh_hans="母山乡",
        name_en="Mau Son Commune",
        name_vi="Xã Mẫu Sơn",
        county="Lộc Bình",
        province="Lạng Sơn",
        default_language="vi",
    )
    township_site_provision(township=township)
    return township


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("小鱼洞", ["xiaoyudong"]),
        ("Xiaoyudong", ["xiaoyudong"]),
        ("tiểu ngư", ["xiaoyudong"]),
        ("母山", ["mau-son"]),
        ("Mẫu Sơn", ["mau-son"]),
        ("mau son", ["mau-son"]),  # without its accents, through the slug
        ("Lạng Sơn", ["mau-son"]),
        ("Lộc Bình", ["mau-son"]),
        ("sichuan", ["huaqiao", "xiaoyudong"]),
    ],
)
def test_township_index_filters_by_any_name(
    client, township, other_township, mau_son, query, found
):
    # when
    response = client.get("/townships/", {"q": query})
    # then
    assert [p.township.slug for p in response.context["township_pages"]] == found


def test_township_index_lists_each_township_once(client, township, mau_son):
    # given: Mẫu Sơn's home is in the Vietnamese tree, with a Chinese translation
    home = TownshipHomePage.objects.get(township=mau_son)
    translation_add(page=home, language="zh-hans", intro="<p>母山乡</p>")
    # when
    response = client.get("/townships/", headers={"accept-language": "zh-CN"})
    # then
    slugs = [p.township.slug for p in response.context["township_pages"]]
    assert slugs == ["mau-son", "xiaoyudong"]


def test_township_index_says_when_nothing_matches(client, township):
    html = _search(client, "/townships/", "Hà Nội")
    assert "No township matches your search." in html
    assert 'value="Hà Nội"' in html


def test_chinese_words_are_found_inside_longer_words(client, home, notices):
    # given: no spaces between Chinese words, so 春笋 is not a word of its own
    notice_add(index=notices, title="大楠村的春笋上市了")
    notice_add(index=notices, title="杨坪村停水通知")
    # when
    html = _search(client, SEARCH_A, "春笋", **{"accept-language": "zh-CN"})
    # then
    assert "大楠村的春笋上市了" in html
    assert "杨坪村停水通知" not in html
