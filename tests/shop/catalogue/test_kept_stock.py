"""Orders move stock all day; kept pages are forgotten only as far as a move
changes them (shop.catalogue.receivers): how many are left shows at once on the
product's page and in the API, while the township's pages and the market's
listings stay kept, until a price changes or the last one is sold."""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse

import pytest

from shop.catalogue.services import product_create
from tests.factories.shop import listing_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keeping")]

CATALOGUE = reverse("catalogue:index")
API = reverse("api:product-list")


def _sell(product, quantity: int) -> None:
    """As a checkout does: the units allocated inside the order's transaction."""
    with transaction.atomic():
        product.stockrecords.get().allocate(quantity)


def _left(client, product) -> str:
    return client.get(product.get_absolute_url()).content.decode()


@pytest.mark.parametrize("url", [CATALOGUE, "township"])
def test_a_sale_leaves_the_listings_kept(
    client, citizen, township, product, url, page_queries
):
    url = f"/townships/{township.slug}/" if url == "township" else url
    client.force_login(citizen)
    client.get(url)
    kept = page_queries(client, url)
    _sell(product, 2)
    assert page_queries(client, url) == kept


def test_a_sale_shows_on_the_products_page_at_once(client, citizen, product):
    assert "In stock (40 available)" in _left(client, product)  # kept whole
    client.force_login(citizen)
    assert "In stock (40 available)" in _left(client, product)  # kept parts
    _sell(product, 2)
    assert "In stock (38 available)" in _left(client, product)
    client.logout()
    assert "In stock (38 available)" in _left(client, product)


def test_a_sale_shows_in_the_api_at_once(client, token_client, citizen, product):
    app = token_client(citizen)
    for caller in (client, app):  # the page kept whole, and its data kept
        assert caller.get(API).json()["results"][0]["num_available"] == 40
    _sell(product, 2)
    for caller in (client, app):
        assert caller.get(API).json()["results"][0]["num_available"] == 38


def test_selling_the_last_one_takes_it_off_what_is_in_stock(
    client, citizen, product, stall, seller
):
    product_create(actor=seller, stall=stall, data=listing_data(title="Duck eggs"))
    in_stock = f"{API}?in_stock=true"
    titles = {item["title"] for item in client.get(in_stock).json()["results"]}
    assert product.title in titles
    _sell(product, 40)
    titles = {item["title"] for item in client.get(in_stock).json()["results"]}
    assert titles == {"Duck eggs"}


def test_a_new_price_shows_everywhere_at_once(client, citizen, township, product):
    client.force_login(citizen)
    township_home = f"/townships/{township.slug}/"
    for url in (CATALOGUE, township_home):
        assert "28.00" in client.get(url).content.decode()
    with transaction.atomic():
        record = product.stockrecords.get()
        record.price = Decimal("19.50")
        record.save()
    for url in (CATALOGUE, township_home):
        page = client.get(url).content.decode()
        assert "19.50" in page
        assert "28.00" not in page


def test_a_cancelled_sale_gives_the_units_back_at_once(client, product):
    _sell(product, 40)
    assert "In stock" not in _left(client, product)
    with transaction.atomic():
        product.stockrecords.get().cancel_allocation(40)
    assert "In stock (40 available)" in _left(client, product)
