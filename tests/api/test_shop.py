"""The marketplace in the API: townships, stalls, products (verified stalls
only), and a shopper's own orders with each stall's part and parcel."""

from django.urls import reverse

import pytest

from shop.catalogue.services import product_create
from shop.order.constants import SellerGroupStatus
from shop.partner.constants import StallStatus
from tests.factories.orders import cash_orders_place
from tests.factories.shop import StallFactory, listing_data

pytestmark = pytest.mark.django_db

PRODUCTS = reverse("api:product-list")
ORDERS = reverse("api:order-list")


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [product["title"] for product in response.json()["results"]]


def _listings(stall, count: int) -> None:
    owner = stall.users.get()
    for number in range(count):
        product_create(
            actor=owner, stall=stall, data=listing_data(title=f"Eggs {number}")
        )


def _township_slugs(api_client, **params) -> list[tuple[str, bool]]:
    response = api_client.get(reverse("api:township-list"), params)
    assert response.status_code == 200, response.content
    return [(t["slug"], t["has_stalls"]) for t in response.json()["results"]]


def test_lists_every_township_and_whether_it_sells(api_client, product, other_township):
    assert _township_slugs(api_client) == [("huaqiao", False), ("xiaoyudong", True)]
    assert _township_slugs(api_client, with_stalls="true") == [("xiaoyudong", True)]
    assert _township_slugs(api_client, with_stalls="false") == [("huaqiao", False)]


def test_an_inactive_township_is_not_listed(api_client, product, other_township):
    other_township.is_active = False
    other_township.save()
    assert _township_slugs(api_client) == [("xiaoyudong", True)]
    detail = reverse("api:township-detail", args=[other_township.slug])
    assert api_client.get(detail).status_code == 404


def test_a_township_without_stalls_has_its_detail(api_client, other_township):
    url = reverse("api:township-detail", args=[other_township.slug])
    response = api_client.get(url)
    assert response.status_code == 200
    assert response.json()["has_stalls"] is False


def test_lists_verified_stalls_by_township(api_client, stall, township):
    pending = StallFactory(township=township, name="Aaa pending")
    pending.status = StallStatus.PENDING
    pending.save()
    response = api_client.get(reverse("api:stall-list"), {"township": township.slug})
    assert response.status_code == 200
    assert [s["uuid"] for s in response.json()["results"]] == [str(stall.uuid)]
    elsewhere = api_client.get(reverse("api:stall-list"), {"township": "huaqiao"})
    assert elsewhere.json()["results"] == []


def test_stall_list_queries_do_not_grow(
    api_client, township, django_assert_num_queries
):
    StallFactory(township=township)
    with django_assert_num_queries(2) as few:
        api_client.get(reverse("api:stall-list"))
    for _ in range(5):
        StallFactory(township=township)
    with django_assert_num_queries(len(few.captured_queries)):
        response = api_client.get(reverse("api:stall-list"))
    assert response.json()["count"] == 6


def test_township_name_follows_the_language(api_client, product):
    url = reverse("api:township-detail", args=["xiaoyudong"])
    assert api_client.get(url).json()["name"] == "Xiaoyudong Town"
    chinese = api_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert chinese["name"] == "小鱼洞镇"


def test_unknown_township_is_a_404_in_the_error_format(api_client, product):
    response = api_client.get(reverse("api:township-detail", args=["nowhere"]))
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def _unverified(product):
    """The product's stall loses its verification (pending again)."""
    product.stall.status = StallStatus.PENDING
    product.stall.save()
    return product


def test_lists_products_of_verified_stalls_only(
    api_client, product, other_product, township
):
    # given
    stall = StallFactory(township=township)
    _listings(stall, 1)
    stall.status = StallStatus.PENDING
    stall.save()
    # when
    titles = _titles(api_client.get(PRODUCTS))
    # then
    assert sorted(titles) == ["Free-range eggs", "Old bacon"]


def test_product_shows_price_and_availability(api_client, product):
    item = api_client.get(PRODUCTS).json()["results"][0]
    assert item["price"] == {"amount": "28.00", "currency": "CNY"}
    assert item["is_available"] is True
    assert item["num_available"] == 40
    assert item["stall"]["name"] == "Guifang eggs"
    assert item["stall"]["township"] == "xiaoyudong"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "cured-meat"}, ["Old bacon"]),
        ({"search": "bacon"}, ["Old bacon"]),
        ({"search": "guifang"}, ["Free-range eggs"]),
        ({"township": "xiaoyudong"}, ["Old bacon", "Free-range eggs"]),
        ({"township": "huaqiao"}, []),
    ],
)
def test_filters_products(api_client, product, other_product, params, expected):
    assert _titles(api_client.get(PRODUCTS, params)) == expected


def test_filters_products_by_stall(api_client, product, other_product, other_stall):
    response = api_client.get(PRODUCTS, {"stall": str(other_stall.uuid)})
    assert _titles(response) == ["Old bacon"]


def test_filters_products_in_stock(api_client, product, other_product):
    # given
    record = other_product.stockrecords.get()
    record.num_allocated = record.num_in_stock
    record.save()
    # when
    titles = _titles(api_client.get(PRODUCTS, {"in_stock": "true"}))
    # then
    assert titles == ["Free-range eggs"]


def test_a_bad_filter_is_a_field_error(api_client, product):
    response = api_client.get(PRODUCTS, {"category": "gold"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "category"
    assert response.json()["errors"][0]["code"] == "invalid_choice"


def test_paginates_products(api_client, stall):
    # given
    _listings(stall, 3)
    # when
    first = api_client.get(PRODUCTS, {"page_size": 2}).json()
    last = api_client.get(PRODUCTS, {"page_size": 2, "page": 2}).json()
    # then
    assert first["count"] == 3
    assert [p["title"] for p in first["results"]] == ["Eggs 2", "Eggs 1"]
    assert first["next"].endswith("page=2&page_size=2")
    assert [p["title"] for p in last["results"]] == ["Eggs 0"]
    assert last["next"] is None


def test_page_size_is_capped(api_client, stall):
    _listings(stall, 1)
    response = api_client.get(PRODUCTS, {"page_size": 100000})
    assert response.status_code == 200


def test_a_page_past_the_end_is_a_404(api_client, stall):
    _listings(stall, 1)
    response = api_client.get(PRODUCTS, {"page": 9})
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] is None


def test_product_list_queries_do_not_grow(
    api_client, township, django_assert_num_queries
):
    # given
    stall = StallFactory(township=township)
    _listings(stall, 2)
    with django_assert_num_queries(5) as few:
        assert len(_titles(api_client.get(PRODUCTS))) == 2
    # when
    _listings(StallFactory(township=township), 8)
    # then
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(_titles(api_client.get(PRODUCTS))) == 10


def test_product_detail(api_client, product):
    response = api_client.get(reverse("api:product-detail", args=[product.pk]))
    assert response.status_code == 200
    assert response.json()["title"] == "Free-range eggs"
    assert response.json()["badges"] == []


def test_product_of_an_unverified_stall_is_a_404(api_client, product):
    hidden = _unverified(product)
    response = api_client.get(reverse("api:product-detail", args=[hidden.pk]))
    assert response.status_code == 404


def test_stall_detail(api_client, stall):
    response = api_client.get(reverse("api:stall-detail", args=[stall.uuid]))
    assert response.status_code == 200
    assert response.json()["name"] == "Guifang eggs"


def test_unverified_stall_is_a_404(api_client, pending_stall):
    response = api_client.get(reverse("api:stall-detail", args=[pending_stall.uuid]))
    assert response.status_code == 404


# --- A shopper's orders -------------------------------------------------------------


def _order_url(order) -> str:
    return reverse("api:order-detail", args=[order.number])


def _cancel_url(order, group) -> str:
    return reverse("api:order-group-cancel", args=[order.number, group.pk])


def test_lists_my_orders_only(token_client, cod_order, citizen, other_citizen):
    mine = token_client(citizen).get(ORDERS).json()
    theirs = token_client(other_citizen).get(ORDERS).json()
    assert [order["number"] for order in mine["results"]] == [cod_order.number]
    assert theirs["results"] == []


def test_order_list_queries_do_not_grow(
    token_client, citizen, product, django_assert_num_queries
):
    # given
    client = token_client(citizen)
    cash_orders_place(user=citizen, product=product, count=2)
    with django_assert_num_queries(4) as few:
        assert client.get(ORDERS).json()["count"] == 2
    # when
    cash_orders_place(user=citizen, product=product, count=8)
    # then
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(ORDERS).json()["count"] == 10


def test_order_detail_has_a_part_per_stall_with_its_parcel(
    token_client, cod_order, citizen, parcel
):
    # when
    response = token_client(citizen).get(_order_url(cod_order))
    # then
    assert response.status_code == 200
    groups = {group["stall"]["name"]: group for group in response.json()["groups"]}
    assert sorted(groups) == ["Guifang eggs", "Lao Liu bacon"]
    eggs = groups["Guifang eggs"]
    assert [(line["title"], line["quantity"]) for line in eggs["lines"]] == [
        ("Free-range eggs", 2)
    ]
    assert eggs["shipment"]["uuid"] == str(parcel.uuid)
    assert eggs["shipment"]["status"] == parcel.status
    assert eggs["is_open"] is True


@pytest.mark.parametrize("who", ["other_citizen", "anonymous"])
def test_another_shoppers_order_is_not_found(
    request, api_client, token_client, cod_order, who
):
    # given
    client = (
        api_client if who == "anonymous" else token_client(request.getfixturevalue(who))
    )
    group = cod_order.seller_groups.first()
    # when
    detail = client.get(_order_url(cod_order))
    cancel = client.post(_cancel_url(cod_order, group))
    # then
    expected = 401 if who == "anonymous" else 404
    assert detail.status_code == expected
    assert cancel.status_code == expected
    assert list(cancel.json()) == ["errors"]
    group.refresh_from_db()
    assert group.status == SellerGroupStatus.PLACED


def test_cancels_one_stalls_part(token_client, cod_order, citizen, product):
    # given
    group = cod_order.seller_groups.get(partner=product.stall)
    # when
    response = token_client(citizen).post(_cancel_url(cod_order, group))
    # then
    assert response.status_code == 200
    group.refresh_from_db()
    assert group.status == SellerGroupStatus.CANCELLED
    statuses = {g["id"]: g["status"] for g in response.json()["groups"]}
    assert statuses[group.pk] == SellerGroupStatus.CANCELLED


def test_cancelling_a_dispatched_part_is_refused_by_the_service(
    token_client, cod_order, citizen, product
):
    # given
    group = cod_order.seller_groups.get(partner=product.stall)
    group.status = SellerGroupStatus.DISPATCHED
    group.save()
    # when
    response = token_client(citizen).post(_cancel_url(cod_order, group))
    # then
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] is None
    assert error["message"]
    group.refresh_from_db()
    assert group.status == SellerGroupStatus.DISPATCHED


def test_session_callers_need_the_csrf_token(cod_order, citizen):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(citizen)
    assert client.get(ORDERS).status_code == 200
    group = cod_order.seller_groups.first()
    assert client.post(_cancel_url(cod_order, group)).status_code == 403
