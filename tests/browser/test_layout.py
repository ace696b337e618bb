"""The one layout on a cheap phone: fits 360 px, switches language, passes contrast.

The colour-contrast check runs axe-core in Chromium (the `axe_source` fixture,
tests/fixtures/browser.py).
"""

import pytest

pytestmark = [
    pytest.mark.browser,
    # Wagtail's root page is created by a migration: keep it across the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE_WIDTH = 360
TOWNSHIP_NAMES = {  # the `township` fixture's name in each language
    "zh-Hans": "小鱼洞镇",
    "vi": "Thị trấn Tiểu Ngư Động",
    "en": "Xiaoyudong Town",
}


def visit(page, url: str) -> list[str]:
    """Open url; return the requests that left the site or failed (e.g. a 404)."""
    origin = url.split("/", 3)[:3]
    problems: list[str] = []

    def check(response):
        if response.url.split("/", 3)[:3] != origin and not response.url.startswith(
            "data:"
        ):
            problems.append(f"external: {response.url}")
        elif response.status >= 400 and "/media/" not in response.url:
            problems.append(f"{response.status}: {response.url}")

    page.on("response", check)
    page.goto(url)
    page.wait_for_load_state("load")
    page.remove_listener("response", check)
    return problems


@pytest.mark.parametrize("path", ["/", "/shop/catalogue/", "/townships/xiaoyudong/"])
def test_page_fits_a_phone_screen_without_sideways_scrolling(
    live_server, phone_page, township, path
):
    # when
    problems = visit(phone_page, live_server.url + path)
    # then
    assert phone_page.evaluate("document.scrollingElement.scrollWidth") <= PHONE_WIDTH
    assert problems == []


def test_switcher_changes_the_language_of_the_page(live_server, phone_page, township):
    # given
    phone_page.goto(live_server.url + "/")
    assert phone_page.get_attribute("html", "lang") == "en"
    assert phone_page.get_by_text(TOWNSHIP_NAMES["en"]).is_visible()
    for tag, name in (("vi", "Tiếng Việt"), ("zh-Hans", "简体中文"), ("en", "English")):
        # when
        phone_page.get_by_role("button", name=name, exact=True).click()
        phone_page.wait_for_load_state("load")
        # then
        assert phone_page.get_attribute("html", "lang") == tag
        assert phone_page.get_by_text(TOWNSHIP_NAMES[tag]).is_visible()
        current = phone_page.locator(".language-switcher [aria-current]")
        assert current.get_attribute("lang") == tag
        assert phone_page.url == live_server.url + "/"


def test_switcher_works_without_javascript_and_stays_on_the_shop_page(
    live_server, chromium
):
    # given: a phone with JavaScript off
    context = chromium.new_context(
        viewport={"width": PHONE_WIDTH, "height": 740}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/shop/catalogue/")
        # when
        page.get_by_role("button", name="Tiếng Việt", exact=True).click()
        page.wait_for_load_state("load")
        # then
        assert page.url == live_server.url + "/shop/catalogue/"
        assert page.get_attribute("html", "lang") == "vi"
    finally:
        context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/townships/xiaoyudong/",
        "/shop/catalogue/",
        "/shop/search/?q=egg",
        "/shop/basket/",
        "{product}",
        "/accounts/login/",
    ],
)
def test_page_has_no_colour_contrast_violations(
    live_server, phone_page, township, product, axe_source, path
):
    # given
    url = live_server.url + path.format(product=product.get_absolute_url())
    assert visit(phone_page, url) == []
    # when
    phone_page.evaluate(axe_source)
    results = phone_page.evaluate(
        "axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}})"
    )
    # then
    failures = [
        f"{node['target']}: {node['failureSummary']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]
    assert failures == []
    assert results["passes"], "axe checked no text at all"
