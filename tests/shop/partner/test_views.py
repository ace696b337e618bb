"""The seller's stall at /stall/: each seller sees and touches only their own
products, stock, order lines and earnings, by URL and by form tampering."""

from decimal import Decimal

from django.urls import reverse

import pytest

from shop.catalogue.models import Product
from shop.partner.constants import StallStatus
from shop.partner.models import Partner
from tests.factories.shop import listing_post, photo_upload

pytestmark = pytest.mark.django_db


def _edit_url(stall, product):
    return reverse(
        "stall:product_edit", kwargs={"stall_uuid": stall.uuid, "pk": product.pk}
    )


def _snapshot(product):
    product.refresh_from_db()
    stockrecord = product.stockrecords.get()
    return (
        product.title,
        product.stall_id,
        stockrecord.price,
        stockrecord.num_in_stock,
    )


def test_the_stall_page_shows_only_the_sellers_own_products_lines_and_earnings(
    client, seller, product, other_product, place_order
):
    # given: cash on delivery, not yet collected
    multi_seller_order = place_order([(product, 2), (other_product, 1)])
    client.force_login(seller)
    # when
    response = client.get(reverse("stall:home"))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert product.title in html
    assert other_product.title not in html
    own_line = multi_seller_order.lines.get(partner=product.stall)
    other_line = multi_seller_order.lines.get(partner=other_product.stall)
    assert f'data-line="{own_line.pk}"' in html
    assert f'data-line="{other_line.pk}"' not in html
    earnings = response.context["earnings"]
    assert earnings.cash_to_collect == Decimal("56.00")  # 2 dozen x 28.00


@pytest.mark.parametrize(
    "url_name", ["stall:manage", "stall:product_create", "stall:product_edit"]
)
def test_a_seller_cannot_open_another_sellers_stall_pages(
    client, seller, other_stall, other_product, url_name
):
    # given
    client.force_login(seller)
    kwargs = {"stall_uuid": other_stall.uuid}
    if url_name == "stall:product_edit":
        kwargs["pk"] = other_product.pk
    # when
    response = client.get(reverse(url_name, kwargs=kwargs))
    # then
    assert response.status_code == 404


def test_a_seller_cannot_edit_another_sellers_product_by_url(
    client, seller, other_stall, other_product
):
    # given
    client.force_login(seller)
    before = _snapshot(other_product)
    # when
    response = client.post(
        _edit_url(other_stall, other_product), listing_post(title="Mine now")
    )
    # then
    assert response.status_code == 404
    assert _snapshot(other_product) == before


def test_a_seller_cannot_reach_another_product_through_their_own_stall_url(
    client, seller, stall, other_product
):
    # given: the seller's own stall uuid with the other seller's product pk
    client.force_login(seller)
    before = _snapshot(other_product)
    # when
    response = client.post(
        _edit_url(stall, other_product), listing_post(price="0.01", quantity="0")
    )
    # then
    assert response.status_code == 404
    assert _snapshot(other_product) == before


def test_tampered_stall_and_partner_fields_are_ignored(
    client, seller, stall, product, other_stall, other_product
):
    # given
    client.force_login(seller)
    other_before = _snapshot(other_product)
    # when: the form is posted with extra fields pointing at the other stall
    response = client.post(
        _edit_url(stall, product),
        {
            **listing_post(title="Brown eggs"),
            "stall": other_stall.pk,
            "partner": other_stall.pk,
            "product": other_product.pk,
        },
    )
    # then
    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.title, product.stall_id) == ("Brown eggs", stall.pk)
    assert _snapshot(other_product) == other_before
    assert not other_stall.products.exclude(pk=other_product.pk).exists()


@pytest.mark.parametrize(
    "who", [None, "other_seller", "other_township_staff", "other_township_agent"]
)
def test_nobody_else_edits_a_sellers_product(request, client, stall, product, who):
    # given
    if who:
        client.force_login(request.getfixturevalue(who))
    before = _snapshot(product)
    # when
    response = client.post(_edit_url(stall, product), listing_post(title="Hacked"))
    # then: anonymous goes to the login page, everyone else gets a 404
    assert response.status_code == (302 if who is None else 404)
    assert _snapshot(product) == before


def test_an_agent_of_the_township_lists_for_the_villager(client, agent, stall):
    # given
    client.force_login(agent)
    # when
    response = client.post(
        reverse("stall:product_create", kwargs={"stall_uuid": stall.uuid}),
        listing_post(title="Bracken fern"),
    )
    # then
    assert response.status_code == 302
    assert Product.objects.get(title="Bracken fern").stall == stall


def test_an_unverified_stall_cannot_list_from_the_web(client, pending_stall):
    # given
    client.force_login(pending_stall.users.get())
    url = reverse("stall:product_create", kwargs={"stall_uuid": pending_stall.uuid})
    # when
    response = client.post(url, listing_post())
    # then
    assert response.status_code == 403
    assert "not verified" in response.content.decode()
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("price", "-5"),
        ("price", "0"),
        ("price", "999999999999"),
        ("quantity", "-1"),
        ("quantity", "10000000"),
        ("harvest_date", "2999-01-01"),
        ("weight_grams", "0"),
        ("shelf_life_days", "-3"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(
    client, seller, stall, field, value
):
    # given
    client.force_login(seller)
    # when
    response = client.post(
        reverse("stall:product_create", kwargs={"stall_uuid": stall.uuid}),
        listing_post(**{field: value}),
    )
    # then
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"MZ\x90\x00 not an image", "eggs.jpg"), (b"<svg></svg>", "eggs.png")],
)
def test_a_fake_image_is_refused_and_nothing_saved(
    client, seller, stall, content, name
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    # given
    client.force_login(seller)
    photo = SimpleUploadedFile(name, content, "image/jpeg")
    # when
    response = client.post(
        reverse("stall:product_create", kwargs={"stall_uuid": stall.uuid}),
        {**listing_post(), "photos": photo},
    )
    # then
    assert response.status_code == 200
    assert "not a photo we can read" in str(response.context["form"].errors["photos"])
    assert not Product.objects.exists()


def test_a_citizen_applies_for_a_stall_from_the_web(client, seller, township):
    # given
    client.force_login(seller)
    # when
    response = client.post(
        reverse("stall:apply"),
        {
            "name": "Guifang eggs",
            "village": "Yangping",
            "township": township.pk,
            "phone": "+8613800000002",
            "payout_method": "card",
        },
    )
    # then
    assert response.status_code == 302
    stall = Partner.objects.get(users=seller)
    assert (stall.status, stall.payout_method) == (StallStatus.PENDING, "card")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("township_staff", 200),
        ("township_head", 200),
        ("other_township_staff", 404),
        ("seller", 404),
        ("agent", 404),
    ],
)
def test_only_staff_of_the_township_open_the_review_page(
    request, client, pending_stall, who, status
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(
        reverse("stall:review_detail", kwargs={"stall_uuid": pending_stall.uuid})
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "verified"),
    [("township_staff", True), ("other_township_staff", False), ("seller", False)],
)
def test_verify_from_the_review_page(request, client, pending_stall, who, verified):
    # given
    client.force_login(request.getfixturevalue(who))
    # when
    client.post(
        reverse("stall:review_detail", kwargs={"stall_uuid": pending_stall.uuid}),
        {"action": "verify"},
    )
    # then
    pending_stall.refresh_from_db()
    assert pending_stall.is_verified is verified


def test_a_seller_cannot_post_a_badge(client, stall):
    client.force_login(stall.users.get())
    response = client.post(
        reverse("stall:review_detail", kwargs={"stall_uuid": stall.uuid}),
        {"action": "badge", "kind": "organic", "number": "FAKE-1"},
    )
    assert response.status_code == 404
    assert not stall.badges.exists()


def test_a_seller_does_not_reach_oscars_dashboard(client, seller, stall):
    client.force_login(seller)
    response = client.get("/shop/dashboard/catalogue/")
    assert response.status_code in (302, 403)


def test_an_agent_opens_a_stall_from_the_web_for_a_villager(
    client, agent, villager, township
):
    # given
    client.force_login(agent)
    # when
    response = client.post(
        reverse("stall:assist"),
        {
            "villager_phone": str(villager.phone),
            "name": "Grandma Zhao's fern",
            "village": "Danan",
            "township": township.pk,
            "phone": str(villager.phone),
            "payout_method": "cash",
        },
    )
    # then
    assert response.status_code == 302
    stall = Partner.objects.get(users=villager)
    assert stall.opened_by == agent


def test_the_assist_page_is_for_agents_only(client, seller):
    client.force_login(seller)
    assert client.get(reverse("stall:assist")).status_code == 403


def test_the_plain_form_lists_with_a_photo_without_javascript(client, seller, stall):
    # given
    client.force_login(seller)
    # when
    response = client.post(
        reverse("stall:product_create", kwargs={"stall_uuid": stall.uuid}),
        {**listing_post(), "photos": [photo_upload(), photo_upload()]},
    )
    # then
    assert response.status_code == 302
    product = Product.objects.get()
    assert product.photo_uploads.count() == 2


def test_low_stock_is_flagged_on_the_stall_page(client, seller, stall, product):
    # given: 2 dozen left, threshold 3
    stockrecord = product.stockrecords.get()
    stockrecord.num_in_stock = 2
    stockrecord.save()
    client.force_login(seller)
    # when
    response = client.get(reverse("stall:home"))
    # then
    assert "Low stock" in response.content.decode()
