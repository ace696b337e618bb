"""A seller's part of the API: the stalls they run, their products and stock,
the order lines to fulfil, their earnings; another seller's stall, product or
line is a 404, an unverified stall cannot list."""

import io
from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest
from oscar.apps.basket.models import Basket
from PIL import Image

from shop.catalogue.models import Product
from shop.order.constants import LINE_REFUSED
from shop.partner.constants import StallStatus
from shop.partner.strategy import Selector
from tests.factories.orders import basket_place, cash_orders_place
from townships.core.constants import MembershipRole
from townships.core.services import membership_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_stall_order(product, other_product, citizen):
    """A cash-on-delivery order with a line from each of two stalls."""
    basket = Basket.objects.create(owner=citizen)
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity=2)
    basket.add_product(other_product, quantity=1)
    order, _created = basket_place(basket, "cash")
    return order


def _url(name: str, *args) -> str:
    return reverse(f"api:seller-{name}", args=args)


def _listing(**overrides) -> dict:
    values = {
        "title": "Wild honey",
        "category": "spices",
        "unit": "kg",
        "price": "45.00",
        "quantity": 12,
        "harvest_date": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "description": "From the mountain hives.",
    }
    return {**values, **overrides}


def _jpeg() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "orange").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "honey.jpg"
    return buffer


def test_a_seller_sees_their_own_stall_only(token_client, seller, stall, other_stall):
    response = token_client(seller).get(_url("stall-list"))
    assert response.status_code == 200
    assert [s["uuid"] for s in response.json()] == [str(stall.uuid)]
    assert response.json()[0]["can_list"] is True


def test_a_seller_who_is_also_an_agent_sees_each_stall_once(
    token_client, seller, stall, other_stall, township
):
    membership_grant(user=seller, township=township, role=MembershipRole.AGENT)
    response = token_client(seller).get(_url("stall-list"))
    assert [s["uuid"] for s in response.json()] == [
        str(stall.uuid),
        str(other_stall.uuid),
    ]


def test_another_sellers_stall_is_a_404(token_client, seller, other_stall):
    client = token_client(seller)
    for url in (
        _url("stall-detail", other_stall.uuid),
        _url("product-list", other_stall.uuid),
        _url("order-list", other_stall.uuid),
    ):
        assert client.get(url).status_code == 404, url


def test_anonymous_callers_are_refused(api_client, stall):
    response = api_client.get(_url("stall-detail", stall.uuid))
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "not_authenticated"


def test_a_seller_lists_a_product_with_a_photo(token_client, seller, stall):
    response = token_client(seller).post(
        _url("product-list", stall.uuid),
        {**_listing(), "photos": [_jpeg()]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["price"], body["num_in_stock"]) == (
        "Wild honey",
        "45.00",
        12,
    )
    product = Product.objects.get(pk=body["id"])
    assert product.stall == stall
    assert product.photo_uploads.count() == 1


def test_bad_listing_input_is_refused_field_by_field(token_client, seller, stall):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    not_an_image = io.BytesIO(b"%PDF-1.4 not a photo")
    not_an_image.name = "honey.jpg"
    response = token_client(seller).post(
        _url("product-list", stall.uuid),
        {
            **_listing(price="0", harvest_date=tomorrow),
            "photos": [not_an_image],
        },
        format="multipart",
    )
    assert response.status_code == 400
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"price", "photos"} <= fields
    assert not Product.objects.filter(stall=stall).exists()


def test_a_future_harvest_date_is_refused_by_the_catalogue(token_client, seller, stall):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = token_client(seller).post(
        _url("product-list", stall.uuid), _listing(harvest_date=tomorrow), format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "harvest_date"
    assert not Product.objects.filter(stall=stall).exists()


def test_an_unverified_stall_cannot_list(token_client, seller, stall):
    stall.status = StallStatus.PENDING
    stall.save()
    response = token_client(seller).post(
        _url("product-list", stall.uuid), _listing(), format="json"
    )
    assert response.status_code == 403
    assert not Product.objects.filter(stall=stall).exists()


def test_a_seller_changes_price_and_stock(token_client, seller, stall, product):
    response = token_client(seller).put(
        _url("product-detail", stall.uuid, product.pk),
        _listing(title=product.title, price="30.50", quantity=7),
        format="json",
    )
    assert response.status_code == 200, response.content
    record = product.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("30.50"), 7)


def test_another_sellers_product_cannot_be_read_or_changed(
    token_client, seller, stall, other_product
):
    client = token_client(seller)
    url = _url("product-detail", stall.uuid, other_product.pk)
    assert client.get(url).status_code == 404
    assert client.put(url, _listing(price="1.00"), format="json").status_code == 404
    assert other_product.stockrecords.get().price != Decimal("1.00")


def test_orders_to_pack_show_only_the_stalls_own_lines(
    token_client, seller, stall, two_stall_order
):
    response = token_client(seller).get(_url("order-list", stall.uuid))
    assert response.status_code == 200
    (part,) = response.json()
    assert part["order_number"] == two_stall_order.number
    assert part["is_to_pack"] is True
    assert part["settlement"] == "cash_to_collect"
    assert {line["id"] for line in part["lines"]} == set(
        two_stall_order.lines.filter(partner=stall).values_list("pk", flat=True)
    )


def test_a_seller_refuses_a_line_with_a_reason(
    token_client, seller, stall, two_stall_order
):
    line = two_stall_order.lines.get(partner=stall)
    url = _url("line-refuse", stall.uuid, line.pk)
    empty = token_client(seller).post(url, {"reason": " "}, format="json")
    assert empty.status_code == 400
    response = token_client(seller).post(
        url, {"reason": "Hail ruined the crop"}, format="json"
    )
    assert response.status_code == 200, response.content
    line.refresh_from_db()
    assert (line.status, line.refusal_reason) == (LINE_REFUSED, "Hail ruined the crop")


def test_another_stalls_line_cannot_be_refused(
    token_client, seller, stall, two_stall_order
):
    line = two_stall_order.lines.exclude(partner=stall).get()
    url = _url("line-refuse", stall.uuid, line.pk)
    response = token_client(seller).post(url, {"reason": "Not mine"}, format="json")
    assert response.status_code == 404
    line.refresh_from_db()
    assert line.is_active


def test_earnings_count_cash_collected_and_to_collect(
    token_client, seller, stall, product, citizen
):
    cash_orders_place(user=citizen, product=product, count=2)
    response = token_client(seller).get(_url("stall-detail", stall.uuid))
    earnings = response.json()["earnings"]
    price = product.stockrecords.get().price
    assert Decimal(earnings["cash_to_collect"]) == 2 * price
    assert Decimal(earnings["balance"]) == Decimal("0.00")
