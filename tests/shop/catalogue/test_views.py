"""The catalogue at /shop/: by township and category, search, product pages with
origin and badges, only verified stalls, and a constant number of queries."""

from django.urls import reverse

import pytest

from shop.catalogue.models import ProductPhotoUpload
from shop.catalogue.services import product_create
from shop.catalogue.tasks import product_photo_process_task
from shop.partner.constants import BadgeKind, StallStatus
from shop.partner.services import badge_record
from tests.factories.shop import StallFactory, listing_data, photo_upload

pytestmark = pytest.mark.django_db


def _list_many(stall, count: int) -> None:
    owner = stall.users.get()
    for n in range(count):
        product_create(
            actor=owner,
            stall=stall,
            data=listing_data(title=f"Eggs {n}"),
            photos=[photo_upload()],
        )
    for upload in ProductPhotoUpload.objects.all():
        product_photo_process_task(upload.pk)


def test_the_catalogue_does_the_same_queries_at_10_and_100_per_page(
    client, township, other_township, django_assert_num_queries, page_queries
):
    # given: 100 products with photos on stalls of two townships
    _list_many(StallFactory(township=township), 60)
    _list_many(StallFactory(township=other_township), 40)
    url = reverse("catalogue:index")
    client.get(url)  # warm caches (site, content types)
    at_10 = page_queries(client, f"{url}?per_page=10")
    # when / then
    with django_assert_num_queries(at_10):
        response = client.get(f"{url}?per_page=100")
    assert len(response.context["products"]) == 100


def test_browse_by_township(client, product, other_township):
    # given
    elsewhere = StallFactory(township=other_township)
    product_create(
        actor=elsewhere.users.get(),
        stall=elsewhere,
        data=listing_data(title="Star anise", produce_category="spices"),
    )
    # when
    response = client.get(reverse("catalogue:index"), {"township": "xiaoyudong"})
    # then
    assert [p.title for p in response.context["products"]] == [product.title]


def test_browse_by_category_and_search(client, product, other_product):
    response = client.get(reverse("catalogue:index"), {"category": "cured-meat"})
    assert [p.title for p in response.context["products"]] == [other_product.title]
    response = client.get(reverse("catalogue:index"), {"q": "eggs"})
    assert [p.title for p in response.context["products"]] == [product.title]


def test_products_of_unverified_stalls_are_not_shown_and_not_sold(
    client, product, township_staff
):
    # given: the stall is refused after listing
    stall = product.stall
    stall.status = StallStatus.REFUSED
    stall.save()
    # when
    listing = client.get(reverse("catalogue:index"))
    detail = client.get(product.get_absolute_url())
    # then
    assert list(listing.context["products"]) == []
    assert detail.status_code == 404
    from oscar.core.loading import get_class

    strategy = get_class("partner.strategy", "Selector")().strategy()
    info = strategy.fetch_for_product(product)
    assert not info.availability.is_available_to_buy


def test_the_product_page_shows_seller_village_township_badges_and_harvest(
    client, product, township_staff
):
    # given
    badge_record(
        actor=township_staff,
        stall=product.stall,
        kind=BadgeKind.GEOGRAPHICAL_INDICATION,
        number="GI-2026-7",
        product=product,
    )
    # when
    response = client.get(product.get_absolute_url())
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert product.stall.name in html
    assert product.stall.village in html
    assert 'href="/townships/xiaoyudong/"' in html
    assert product.stall.get_absolute_url() in html
    assert "GI-2026-7" in html
    assert product.harvest_date.strftime("%Y") in html
    assert "28.00" in html


def test_the_stall_page_tells_the_story(client, product):
    stall = product.stall
    stall.story = "Three generations of hens."
    stall.save()
    response = client.get(stall.get_absolute_url())
    assert "Three generations of hens." in response.content.decode()
    assert product.title in response.content.decode()


@pytest.mark.parametrize(
    ("order_status", "may_review"),
    [(None, False), ("Pending", False), ("Delivered", True)],
)
def test_only_buyers_who_received_the_product_review_it(
    client,
    citizen,
    product,
    other_product,
    multi_seller_order,
    order_status,
    may_review,
):
    # given: the citizen's order is in this status (None: someone else bought it)
    if order_status is None:
        multi_seller_order.user = None
        multi_seller_order.save()
    else:
        multi_seller_order.status = order_status
        multi_seller_order.save()
    client.force_login(citizen)
    url = reverse(
        "catalogue:reviews-add",
        kwargs={"product_slug": product.slug, "product_pk": product.pk},
    )
    # when
    response = client.post(url, {"score": 5, "title": "Good", "body": "Fresh eggs"})
    # then
    assert product.reviews.exists() is may_review
    assert response.status_code == 302
