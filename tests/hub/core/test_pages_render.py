"""Every top-level page answers in the three languages, inside the one base template."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

# (Django code, what a phone's browser sends, the BCP 47 tag for <html lang>)
LANGUAGES = [
    ("zh-hans", "zh-CN,zh;q=0.9", "zh-Hans"),
    ("vi", "vi-VN,vi;q=0.9,en;q=0.5", "vi"),
    ("en", "en-US,en;q=0.9", "en"),
]
OUR_PAGES = [
    "/",
    "/townships/",
    "/townships/xiaoyudong/",  # the `township` fixture
    "/shop/",  # redirects to the catalogue
    "/shop/catalogue/",
    "/shop/basket/",
    "/shop/search/?q=egg",
    "/accounts/login/",
]
# Django's and Wagtail's admin templates write the tag in lower case
# ("zh-hans"); BCP 47 tags compare case-insensitively (RFC 5646, 2.1.1).
ADMIN_PAGES = ["/cms/login/", "/django-admin/login/"]
# Pages drawn by Oscar's templates (oscar/layout.html) inside our base.html.
OSCAR_PAGES = ["/shop/basket/", "/shop/search/?q=egg", "/shop/offers/"]
LOCAL_HOSTS = {None, "testserver", "localhost", "127.0.0.1"}


class _AssetCollector(HTMLParser):
    """Collects the URLs a browser would fetch: scripts, stylesheets, icons, images."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag in ("script", "img", "iframe", "source") and attributes.get("src"):
            self.urls.append(attributes["src"])
        elif tag == "link" and attributes.get("href"):
            self.urls.append(attributes["href"])


def html_lang(response) -> str:
    match = re.search(r"<html[^>]*\slang=\"([^\"]+)\"", response.content.decode())
    assert match, "no <html lang>"
    return match.group(1)


def external_assets(response) -> list[str]:
    collector = _AssetCollector()
    collector.feed(response.content.decode())
    return [url for url in collector.urls if urlsplit(url).hostname not in LOCAL_HOSTS]


@pytest.mark.django_db
@pytest.mark.parametrize("path", OUR_PAGES + ADMIN_PAGES)
@pytest.mark.parametrize("language,accept_language,tag", LANGUAGES)
def test_page_answers_in_the_language_the_browser_asks_for(
    client, township, path, language, accept_language, tag
):
    # when
    response = client.get(
        path, follow=True, headers={"accept-language": accept_language}
    )
    # then
    assert response.status_code == 200
    assert external_assets(response) == []
    if path in ADMIN_PAGES:
        assert html_lang(response).lower() == tag.lower()
    else:
        assert html_lang(response) == tag
        html = response.content.decode()
        assert html.count('<header class="site-header">') == 1
        assert html.count('class="language-switcher"') == 1


@pytest.mark.django_db
@pytest.mark.parametrize("path", OUR_PAGES + ADMIN_PAGES)
@pytest.mark.parametrize("language,accept_language,tag", LANGUAGES)
def test_language_chosen_with_the_switcher_wins_over_the_browser(
    client, township, path, language, accept_language, tag
):
    # given: a browser that asks for another language
    other = "vi" if language != "vi" else "en"
    # when: the switcher's form is posted (no JavaScript needed)
    switched = client.post("/i18n/setlang/", {"language": language, "next": path})
    response = client.get(path, follow=True, headers={"accept-language": other})
    # then
    assert switched.status_code == 302
    assert switched["Location"] == path
    assert response.status_code == 200
    if path in ADMIN_PAGES:
        assert html_lang(response).lower() == tag.lower()
    else:
        assert html_lang(response) == tag


@pytest.mark.django_db
def test_shop_root_redirects_to_the_catalogue(client):
    response = client.get("/shop/", follow=True)
    assert response.redirect_chain[-1][0] == "/shop/catalogue/"
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_200(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", OSCAR_PAGES)
def test_oscar_pages_render_inside_the_one_header(client, product, path):
    # when
    response = client.get(path.format(product=product.get_absolute_url()))
    html = response.content.decode()
    # then: our header, account menu and language switcher, once
    assert response.status_code == 200
    assert html.count('<header class="site-header">') == 1
    assert html.count('class="account-menu"') == 1
    assert html.count('class="language-switcher"') == 1
    assert html.count('action="/i18n/setlang/"') == 1
    assert 'href="/accounts/login/"' in html
    # and Oscar's own top bar and brand are gone, its shop navigation stays
    assert 'id="top_page"' not in html
    assert 'id="language_selector"' not in html
    assert 'id="login_link"' not in html
    assert 'id="navbarSupportedContent"' in html
    assert 'id="messages"' in html
    # and jQuery is served locally, not from a CDN
    assert '<script src="/static/oscar/js/jquery/jquery.min.js"></script>' in html
    assert "googleapis" not in html


@pytest.mark.django_db
def test_the_product_page_is_light_and_adds_to_the_basket_without_script(
    client, product
):
    html = client.get(product.get_absolute_url()).content.decode()
    assert html.count('<header class="site-header">') == 1
    assert "<script" not in html
    assert "oscar/css/styles.css" not in html
    assert 'id="navbarSupportedContent"' not in html
    assert f'action="/shop/basket/add/{product.pk}/"' in html
    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    assert response.status_code == 302
    assert client.get("/shop/basket/").context["basket"].num_items == 1


@pytest.mark.django_db
def test_signed_in_account_menu_replaces_oscars(client, citizen):
    # given
    client.force_login(citizen)
    # when
    html = client.get("/shop/accounts/", follow=True).content.decode()
    # then
    assert html.count('class="account-menu"') == 1
    assert 'href="/accounts/profile/"' in html
    assert 'action="/accounts/logout/"' in html
    assert 'id="logout_link"' not in html


@pytest.mark.django_db
def test_dashboard_loads_nothing_from_a_cdn(admin_client):
    response = admin_client.get("/shop/dashboard/")
    assert response.status_code == 200
    assert external_assets(response) == []
    assert response.content.decode().count('class="language-switcher"') == 1


@pytest.mark.django_db
@pytest.mark.parametrize("language,accept_language,tag", LANGUAGES)
def test_switcher_names_each_language_in_itself_and_marks_the_current_one(
    client, township, language, accept_language, tag
):
    # when
    html = client.get("/", headers={"accept-language": accept_language})
    html = html.content.decode()
    # then
    for code, name in (
        ("zh-hans", "简体中文"),
        ("vi", "Tiếng Việt"),
        ("en", "English"),
    ):
        assert re.search(rf'value="{code}" lang="[^"]+"[^>]*>{name}</button>', html)
    current = re.findall(r'value="([^"]+)"[^>]*aria-current="true"', html)
    assert current == [language]


@pytest.mark.django_db
def test_pages_name_a_local_svg_icon_so_browsers_skip_favicon_ico(client, township):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
