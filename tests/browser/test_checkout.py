"""J2 in Chromium on a phone: two stalls, one card payment with 3-D Secure."""

import pytest
from oscar.apps.order.models import Order

from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEEDS_3DS = "4000002760003184"


@pytest.fixture
def stripe_in_browser(stripe_settings, localstripe_url, settings):
    """The pay page loads localstripe's Stripe.js, with a publishable key."""
    settings.STRIPE_JS_URL = f"{localstripe_url}/js.stripe.com/v3/"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return settings


def _in_stock(product):
    record = product.stockrecords.get()
    record.num_in_stock, record.num_allocated = 10, 0
    record.save()


def test_shopper_pays_once_for_two_sellers_and_sees_both_parcels(
    live_server, phone_page, stripe_in_browser, product, other_product
):
    page, base = phone_page, live_server.url
    _in_stock(product)
    _in_stock(other_product)
    shopper = UserFactory(email="lan@example.com")
    # given: signed in, one product from each stall in the basket
    page.goto(f"{base}/accounts/login/?next={product.get_absolute_url()}")
    page.fill("input[name=username]", shopper.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}{product.get_absolute_url()}")
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(f"{base}{other_product.get_absolute_url()}")
    page.locator("#add_to_basket_form button[type=submit]").click()
    # when: address, card, place the order
    page.goto(f"{base}/shop/checkout/shipping-address/")
    page.fill("#id_first_name", "Lan")
    page.fill("#id_last_name", "Chen")
    page.fill("#id_line1", "12 River Road")
    page.fill("#id_line4", "Chengdu")
    page.fill("#id_postcode", "610000")
    page.select_option("#id_country", "CN")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Card").check()
    page.get_by_role("button", name="Continue").click()
    page.locator("#place-order").click()
    # then: the pay page; the card needs the bank's check (3-D Secure)
    page.wait_for_selector("#payment-element input[placeholder=number]")
    page.fill("#payment-element input[placeholder=number]", NEEDS_3DS)
    page.fill("#payment-element input[placeholder=exp_month]", "12")
    page.fill("#payment-element input[placeholder=exp_year]", "30")
    page.fill("#payment-element input[placeholder=cvc]", "123")
    page.fill("#payment-element input[placeholder=postal_code]", "61000")
    page.locator("#pay-button").click()
    page.get_by_role("button", name="Complete authentication").click()
    page.wait_for_url(f"{base}/shop/checkout/thank-you/")
    # then: paid once, both sellers' parcels shown
    assert page.locator("[data-payment-summary]").inner_text() == "Paid by card."
    assert page.get_by_text("2 parcels, one per seller").is_visible()
    for stall in (product.stall, other_product.stall):
        assert page.locator(f'[data-group="{stall.name}"]').is_visible()
    order = Order.objects.get()
    assert order.status == "Placed"
    assert order.seller_groups.count() == 2
    assert all(group.is_paid for group in order.seller_groups.all())
