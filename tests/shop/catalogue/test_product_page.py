"""The product page as a signed-in shopper gets it: the product and the parts
with its photos, facts and basket form kept (hub.core.fragments), so that a
second view costs only what is the shopper's own; what is theirs (may they
review, their stock alert) is never another shopper's, and a change shows at once."""

from django.urls import reverse

import pytest
from oscar.apps.catalogue.reviews.models import ProductReview
from oscar.apps.customer.models import ProductAlert

from shop.catalogue.models import ProductRecommendation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keeping")]

WRITE_REVIEW = 'id="write_review"'


def _page(client, product) -> str:
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_view_reads_only_the_shoppers_own_answers(
    client, citizen, product, django_assert_max_num_queries
):
    client.force_login(citizen)
    _page(client, product)
    # The session (in Redis where there is one), the shopper, then whether they
    # may review (an order that reached them, no review of theirs yet).
    with django_assert_max_num_queries(3):
        assert product.title in _page(client, product)


def test_only_the_shopper_who_received_it_is_offered_a_review(
    client, citizen, other_citizen, product, multi_seller_order
):
    multi_seller_order.status = "Delivered"
    multi_seller_order.save()
    client.force_login(citizen)
    assert WRITE_REVIEW in _page(client, product)
    client.force_login(other_citizen)
    assert WRITE_REVIEW not in _page(client, product)
    client.force_login(citizen)
    assert WRITE_REVIEW in _page(client, product)
    ProductReview.objects.create(
        product=product, user=citizen, score=4, title="Good", body="Fresh eggs"
    )
    assert WRITE_REVIEW not in _page(client, product)  # once


def test_the_staffs_edit_link_is_not_kept_for_shoppers(
    client, admin_user, citizen, product
):
    client.force_login(admin_user)
    assert "Edit this product" in _page(client, product)
    client.force_login(citizen)
    assert "Edit this product" not in _page(client, product)


def test_a_shoppers_stock_alert_is_theirs_alone(
    client, citizen, other_citizen, product
):
    record = product.stockrecords.get()
    record.num_in_stock = 0
    record.save()
    ProductAlert.objects.create(product=product, user=citizen)
    client.force_login(citizen)
    assert "You have an active stock alert" in _page(client, product)
    client.force_login(other_citizen)
    page = _page(client, product)
    assert "You have an active stock alert" not in page
    assert 'id="alert_form"' in page


def test_a_new_review_is_counted_at_once(client, citizen, other_citizen, product):
    client.force_login(other_citizen)
    assert "This product does not have any reviews yet" in _page(client, product)
    ProductReview.objects.create(
        product=product,
        user=citizen,
        score=5,
        title="Fresh",
        body="Laid this morning",
        status=ProductReview.APPROVED,
    )
    page = _page(client, product)
    assert "This product does not have any reviews yet" not in page
    assert "Laid this morning" in page


def test_a_new_recommendation_shows_at_once(client, citizen, product, other_product):
    client.force_login(citizen)
    assert other_product.title not in _page(client, product)
    ProductRecommendation.objects.create(primary=product, recommendation=other_product)
    assert other_product.title in _page(client, product)


def test_the_trail_leads_back_to_the_products_category(client, product):
    page = _page(client, product)
    catalogue = reverse("catalogue:index")
    assert f'href="{catalogue}?category={product.produce_category}"' in page
    assert product.get_produce_category_display() in page


def test_no_button_leads_to_oscars_wish_lists(client, citizen, product):
    client.force_login(citizen)
    assert "wishlist" not in _page(client, product)
