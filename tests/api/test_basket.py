"""Buying through the API: the basket (shared with the web), deliveries on offer,
checkout with cash on delivery or card, by the web checkout's rules."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from oscar.apps.order.models import Order

from hub.payments.constants import PaymentStatus
from hub.payments.gateway import intent_retrieve
from hub.payments.models import Payment
from shop.catalogue.services import product_create
from shop.order.constants import SellerGroupStatus
from tests.factories.couriers import zone_add
from tests.factories.shop import listing_data

pytestmark = pytest.mark.django_db

BASKET = reverse("api:basket")
LINES = reverse("api:basket-lines")
CHECKOUT = reverse("api:checkout")
ADDRESS = {
    "first_name": "Lan",
    "last_name": "Chen",
    "line1": "12 River Road",
    "line4": "Chengdu",
    "postcode": "610000",
    "country": "CN",
}
VISA = "4242424242424242"


@pytest.fixture(autouse=True)
def _eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True


def _stock(product, count=10):
    record = product.stockrecords.get()
    record.num_in_stock, record.num_allocated = count, 0
    record.save()
    return record


@pytest.fixture
def village(township):
    return zone_add(
        township=township,
        service_point="Village committee",
        home={5000: "6.00"},
        pickup={5000: "2.00"},
    )


def _add(client, product, quantity=1):
    return client.post(LINES, {"product": product.pk, "quantity": quantity})


def _fields(response) -> set:
    return {error["field"] for error in response.json()["errors"]}


def test_basket_lines_totals_and_deliveries(
    token_client, citizen, product, other_product, village
):
    # given
    _stock(product)
    _stock(other_product)
    client = token_client(citizen)

    # when
    assert _add(client, product, 2).status_code == 201
    response = _add(client, other_product)

    # then: two lines, the goods' total, and each delivery priced for two parcels
    assert response.status_code == 201, response.json()
    basket = response.json()
    assert [(line["title"], line["quantity"]) for line in basket["lines"]] == [
        ("Free-range eggs", 2),
        ("Old bacon", 1),
    ]
    assert all(line["is_available"] for line in basket["lines"])
    total = sum(Decimal(line["line_total"]) for line in basket["lines"])
    assert Decimal(basket["total"]) == total
    charges = {d["code"]: Decimal(d["charge"]) for d in basket["deliveries"]}
    assert sorted(charges.values()) == [Decimal("4.00"), Decimal("12.00")]
    assert client.get(BASKET).json() == basket


def test_the_web_and_the_app_share_one_basket(
    token_client, client, citizen, product, village
):
    _stock(product)
    _add(token_client(citizen), product, 3)
    client.force_login(citizen)
    page = client.get(reverse("basket:summary"))
    assert page.context["basket"].num_items == 3


def test_more_than_the_stock_is_refused_and_the_basket_kept(
    token_client, citizen, product
):
    _stock(product, 2)
    client = token_client(citizen)
    _add(client, product, 1)

    response = _add(client, product, 5)

    assert response.status_code == 400
    assert client.get(BASKET).json()["lines"][0]["quantity"] == 1


def test_a_product_not_on_sale_is_refused(token_client, citizen, product):
    product.stall.status = "pending"
    product.stall.save()

    response = _add(token_client(citizen), product)

    assert response.status_code == 400
    assert _fields(response) == {"product"}


def test_change_and_remove_lines(token_client, citizen, product, other_product):
    _stock(product)
    _stock(other_product)
    client = token_client(citizen)
    _add(client, product)
    lines = _add(client, other_product).json()["lines"]
    first, second = (line["id"] for line in lines)

    changed = client.patch(reverse("api:basket-line", args=[first]), {"quantity": 4})
    assert changed.status_code == 200
    assert [line["quantity"] for line in changed.json()["lines"]] == [4, 1]
    too_many = client.patch(reverse("api:basket-line", args=[first]), {"quantity": 99})
    assert too_many.status_code == 400
    zero = client.patch(reverse("api:basket-line", args=[first]), {"quantity": 0})
    assert [line["id"] for line in zero.json()["lines"]] == [second]
    removed = client.delete(reverse("api:basket-line", args=[second]))
    assert removed.json()["lines"] == []


def test_another_shoppers_line_cannot_be_touched(
    token_client, citizen, other_citizen, product
):
    _stock(product)
    line = _add(token_client(citizen), product).json()["lines"][0]["id"]
    intruder = token_client(other_citizen)

    changed = intruder.patch(reverse("api:basket-line", args=[line]), {"quantity": 9})
    assert changed.status_code == 400
    response = intruder.delete(reverse("api:basket-line", args=[line]))

    assert response.status_code == 400
    assert token_client(citizen).get(BASKET).json()["lines"][0]["quantity"] == 1


def test_cash_checkout_places_one_order_once_with_a_parcel_per_stall(
    token_client, citizen, product, other_product, village
):
    # given
    _stock(product)
    _stock(other_product)
    client = token_client(citizen)
    _add(client, product)
    basket = _add(client, other_product).json()
    home = next(d for d in basket["deliveries"] if d["charge"] == "12.00")
    body = {"address": ADDRESS, "delivery": home["code"], "payment": "cash"}

    # when
    response = client.post(CHECKOUT, body)

    # then: placed, two parts, two cash payments; the basket is empty again
    assert response.status_code == 201, response.json()
    order = response.json()["order"]
    assert response.json()["client_secret"] is None
    assert len(order["groups"]) == 2
    placed = Order.objects.get()
    assert placed.shipping_address.line1 == "12 River Road"
    assert placed.shipping_incl_tax == Decimal("12.00")
    assert set(placed.seller_groups.values_list("status", flat=True)) == {
        SellerGroupStatus.PLACED
    }
    assert Payment.objects.filter(reference__startswith="order:").count() == 2
    assert client.get(BASKET).json()["lines"] == []
    # a retry finds an empty basket, not a second order
    again = client.post(CHECKOUT, body)
    assert again.status_code == 400
    assert Order.objects.count() == 1
    listed = client.get(reverse("api:order-list")).json()["results"]
    assert [o["number"] for o in listed] == [placed.number]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"address": {**ADDRESS, "postcode": ""}}, "address.postcode"),
        ({"address": {**ADDRESS, "country": "ZZ"}}, "address.country"),
        ({"delivery": "made-up"}, "delivery"),
        ({"payment": "cheque"}, "payment"),
    ],
)
def test_checkout_refuses_bad_input_and_keeps_the_basket(
    token_client, citizen, product, village, change, field
):
    _stock(product)
    client = token_client(citizen)
    code = _add(client, product).json()["deliveries"][0]["code"]
    body = {"address": ADDRESS, "delivery": code, "payment": "cash"} | change

    response = client.post(CHECKOUT, body)

    assert response.status_code == 400
    assert field in _fields(response)
    assert not Order.objects.exists()
    assert client.get(BASKET).json()["lines"][0]["quantity"] == 1


def test_card_checkout_waits_for_the_payment_intent(
    token_client, citizen, product, village, stripe_settings, card_payment_method
):
    # given
    _stock(product)
    client = token_client(citizen)
    code = _add(client, product, 2).json()["deliveries"][0]["code"]

    # when
    response = client.post(
        CHECKOUT, {"address": ADDRESS, "delivery": code, "payment": "card"}
    )

    # then: pending, with the client secret of an intent for the whole order
    assert response.status_code == 201, response.json()
    secret = response.json()["client_secret"]
    order = Order.objects.get()
    assert order.status == "Pending payment"
    intent = intent_retrieve(secret.split("_secret_")[0])
    assert intent.client_secret == secret
    assert Decimal(intent.amount) == order.total_incl_tax * 100
    payment = Payment.objects.get(reference=f"order:{order.number}")
    assert payment.status == PaymentStatus.PENDING
    # asking again gives the same intent, not a second one
    pay = client.post(reverse("api:order-pay", args=[order.number]))
    assert pay.json()["client_secret"] == secret
    assert Payment.objects.filter(reference__startswith="order:").count() == 1


def test_another_shoppers_order_cannot_be_paid(
    token_client, citizen, other_citizen, product, village, stripe_settings
):
    _stock(product)
    client = token_client(citizen)
    code = _add(client, product).json()["deliveries"][0]["code"]
    client.post(CHECKOUT, {"address": ADDRESS, "delivery": code, "payment": "card"})
    number = Order.objects.get().number

    response = token_client(other_citizen).post(reverse("api:order-pay", args=[number]))

    assert response.status_code == 404


def test_basket_needs_a_token(api_client):
    assert api_client.get(BASKET).status_code == 401
    assert api_client.post(CHECKOUT, {}).status_code == 401


def test_basket_queries_do_not_grow_with_lines(
    token_client, citizen, stall, seller, village, django_assert_num_queries
):
    # given: one line
    client = token_client(citizen)
    for number in range(4):
        product = product_create(
            actor=seller, stall=stall, data=listing_data(title=f"Eggs {number}")
        )
        _stock(product)
        _add(client, product)
        if number == 0:
            with CaptureQueriesContext(connection) as one:
                client.get(BASKET)
            one_line = len(one.captured_queries)
    # then: four lines cost what one did
    with django_assert_num_queries(one_line):
        assert len(client.get(BASKET).json()["lines"]) == 4
