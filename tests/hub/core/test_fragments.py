"""The costly part of a public page kept rendered for every visitor ({% keep %}):
a logged-in citizen gets the listings without their queries, in their own
language, with their own menu and CSRF token, and sees a change at once."""

import re
from decimal import Decimal

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import _does_token_match, get_token
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

import pytest

from hub.core import page_cache
from hub.core.page_cache import page_cache_clear
from tests.factories.cms import notice_add

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keeping")]

CATALOGUE = reverse("catalogue:index")
BOARD = reverse("consultations:board")


@pytest.mark.parametrize("url", [CATALOGUE, BOARD, "home", "township"])
def test_a_logged_in_citizen_gets_the_kept_listing_without_its_queries(
    client, citizen, township, product, url, page_queries
):
    url = {"home": "/", "township": f"/townships/{township.slug}/"}.get(url, url)
    client.force_login(citizen)
    first = page_queries(client, url)
    second = page_queries(client, url)
    assert second < first
    assert client.get(url).content.decode().count("Log out") == 1


def test_the_kept_catalogue_is_the_same_page(client, citizen, product):
    client.force_login(citizen)
    first = client.get(CATALOGUE).content
    second = client.get(CATALOGUE).content
    assert b"Free-range eggs" in second
    assert _without_tokens(first) == _without_tokens(second)


def test_the_kept_figures_are_the_same_page_in_each_language(client, citizen, township):
    client.force_login(citizen)
    url = reverse("transparency:township", args=[township.slug])
    english = client.get(url, headers={"accept-language": "en"}).content
    chinese = client.get(url, headers={"accept-language": "zh-hans"}).content
    again = client.get(url, headers={"accept-language": "en"}).content
    assert b"<svg" in again
    assert _without_tokens(again) == _without_tokens(english)
    assert _without_tokens(chinese) != _without_tokens(english)


def test_each_query_string_and_page_is_kept_apart(client, citizen, product):
    client.force_login(citizen)
    assert "Free-range eggs" in client.get(CATALOGUE).content.decode()
    nothing = client.get(CATALOGUE + "?q=durian").content.decode()
    assert "Free-range eggs" not in nothing
    assert "Nothing matches yet" in nothing
    assert client.get(CATALOGUE + "?page=2").status_code == 404


def test_each_language_is_kept_apart(client, citizen, township):
    client.force_login(citizen)
    home = f"/townships/{township.slug}/"
    english = client.get(home, headers={"accept-language": "en"}).content.decode()
    vietnamese = client.get(home, headers={"accept-language": "vi"}).content.decode()
    assert "No notices at the moment." in english
    assert "No notices at the moment." not in vietnamese


def test_a_kept_part_shows_nothing_of_the_visitor_who_rendered_it(
    client, citizen, admin_user, product
):
    client.force_login(admin_user)
    assert reverse("dashboard:index") in client.get(CATALOGUE).content.decode()
    client.force_login(citizen)
    page = client.get(CATALOGUE).content.decode()
    assert reverse("dashboard:index") not in page
    assert f'title="{citizen}"' in page


def test_a_price_change_is_shown_at_once(client, citizen, product):
    client.force_login(citizen)
    assert "28.00" in client.get(CATALOGUE).content.decode()
    record = product.stockrecords.get()
    record.price = Decimal("15.50")
    record.save()
    assert "15.50" in client.get(CATALOGUE).content.decode()


def test_a_published_notice_is_shown_at_once(client, citizen, township, notice_index):
    client.force_login(citizen)
    home = f"/townships/{township.slug}/"
    client.get(home)
    notice_add(index=notice_index, title="Road closed on Friday")
    assert "Road closed on Friday" in client.get(home).content.decode()


def test_nothing_is_kept_when_the_page_cache_is_off(
    settings, client, citizen, product, page_queries
):
    settings.HUB_PAGE_CACHE_SECONDS = 0
    client.force_login(citizen)
    first = page_queries(client, CATALOGUE)
    assert page_queries(client, CATALOGUE) == first


def _render(source: str, request: HttpRequest, **context) -> str:
    with translation.override("en"):
        return Template("{% load hub_tags %}" + source).render(
            Context({"request": request, **context})
        )


def test_a_kept_form_carries_each_visitors_own_csrf_token():
    source = '{% keep "form" %}<form>{% csrf_token %}</form>{% endkeep %}'
    first, second = RequestFactory().get("/"), RequestFactory().get("/")
    kept = _render(source, first, csrf_token=get_token(first))
    again = _render(source, second, csrf_token=get_token(second))
    assert _does_token_match(_token(kept), first.META["CSRF_COOKIE"])
    assert _does_token_match(_token(again), second.META["CSRF_COOKIE"])
    assert not _does_token_match(_token(again), first.META["CSRF_COOKIE"])


def test_a_kept_part_varies_on_the_values_it_is_given():
    source = '{% keep "greeting" name %}Hello {{ name }}{% endkeep %}'
    assert _render(source, RequestFactory().get("/"), name="Lan") == "Hello Lan"
    assert _render(source, RequestFactory().get("/"), name="Wei") == "Hello Wei"
    assert _render(source, RequestFactory().get("/"), name="Lan") == "Hello Lan"


def test_each_host_keeps_its_own_part(settings):
    # Wagtail writes a link relative to the Site serving it, absolute to others.
    settings.ALLOWED_HOSTS = ["hub.example.org", "xiaoyudong.example.org"]
    source = '{% keep "links" %}{{ request.get_host }}{% endkeep %}'
    for host in ("hub.example.org", "xiaoyudong.example.org"):
        request = RequestFactory().get("/", HTTP_HOST=host)
        assert _render(source, request) == host


def test_a_request_that_changes_something_sees_its_change_in_a_kept_part():
    """A page reads the generation once; a POST reads it afresh each time, so
    what it renders after its own change is not the part kept before it."""
    source = '{% keep "stock" %}{{ stock }} left{% endkeep %}'
    request = RequestFactory().post("/")
    assert _render(source, request, stock=5) == "5 left"
    page_cache_clear()  # the POST sells two
    assert _render(source, request, stock=3) == "3 left"


def test_a_page_asks_for_the_generation_once(monkeypatch):
    source = '{% keep "a" %}A{% endkeep %}{% keep "b" %}B{% endkeep %}'
    request = RequestFactory().get("/")
    asked = []
    read = page_cache._read_generation

    def counted() -> int:
        asked.append(1)
        return read()

    monkeypatch.setattr(page_cache, "_read_generation", counted)
    assert _render(source, request) == "AB"
    assert len(asked) == 1


@pytest.mark.parametrize(
    "source", ["{% keep %}{% endkeep %}", "{% keep name %}{% endkeep %}"]
)
def test_a_keep_without_a_quoted_name_is_refused(source):
    with pytest.raises(TemplateSyntaxError, match="quoted name"):
        Template("{% load hub_tags %}" + source)


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _without_tokens(content: bytes) -> bytes:
    return re.sub(rb'value="[^"]{64}"', b"", content)


def test_an_app_gets_the_kept_product_list_and_sees_a_price_change(
    token_client, citizen, product, page_queries
):
    app = token_client(citizen)
    url = reverse("api:product-list")
    first = page_queries(app, url)
    assert page_queries(app, url) < first
    assert app.get(url).json()["results"][0]["price"]["amount"] == "28.00"
    record = product.stockrecords.get()
    record.price = Decimal("15.50")
    record.save()
    assert app.get(url).json()["results"][0]["price"]["amount"] == "15.50"
    assert app.get(url + "?page=9").status_code == 404


def test_the_kept_product_page_shows_a_stock_change_at_once(
    client, citizen, product, page_queries
):
    client.force_login(citizen)
    url = product.get_absolute_url()
    first = page_queries(client, url)
    assert page_queries(client, url) < first
    record = product.stockrecords.get()
    record.num_in_stock = 3
    record.save()
    assert "In stock (3 available)" in client.get(url).content.decode()


def test_the_kept_notice_shows_an_edit_once_published(
    client, citizen, notice_index, page_queries
):
    notice = notice_add(index=notice_index, title="Road closed on Friday")
    client.force_login(citizen)
    first = page_queries(client, notice.url)
    assert page_queries(client, notice.url) < first
    notice.title = "Road open again"
    notice.summary = "From Monday."
    notice.save_revision().publish()
    page = client.get(notice.url).content.decode()
    assert "<h1>Road open again</h1>" in page
    assert "Road closed on Friday" not in page


def test_an_editors_preview_shows_the_draft_and_leaves_nothing_kept(
    client, citizen, notice_index, rf
):
    notice = notice_add(index=notice_index, title="Road closed on Friday")
    client.force_login(citizen)
    editor = rf.get("/", HTTP_COOKIE="sessionid=editor")  # past the page cache
    for kept_before in (True, False):
        cache.clear()
        if kept_before:
            client.get(notice.url)
        notice.summary = "Draft: road open again"
        preview = notice.make_preview_request(original_request=editor)
        assert "Draft: road open again" in preview.content.decode()
        notice.refresh_from_db()
        assert "Draft: road open again" not in client.get(notice.url).content.decode()
