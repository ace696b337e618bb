"""KeysFirstPaginator: the same pages as Django's Paginator, read by keys first."""

from django.core.paginator import Paginator

import pytest

from hub.core.paginator import KeysFirstPaginator
from shop.catalogue.selectors import product_list_public
from shop.catalogue.services import product_create
from tests.factories.shop import StallFactory, listing_data

pytestmark = pytest.mark.django_db


def _titles(page) -> list[str]:
    return [product.title for product in page.object_list]


def test_each_page_holds_the_rows_in_the_lists_order(township):
    # given: 5 products, newest first, 2 to a page
    stall = StallFactory(township=township)
    for number in range(5):
        product_create(
            actor=stall.users.get(),
            stall=stall,
            data=listing_data(title=f"Eggs {number}"),
        )
    products = product_list_public()
    # when / then: every page as Django's, the last one short
    for number in (1, 2, 3):
        page = KeysFirstPaginator(products, 2).page(number)
        assert _titles(page) == _titles(Paginator(products, 2).page(number))
    assert _titles(KeysFirstPaginator(products, 2).page(3)) == ["Eggs 0"]
    assert KeysFirstPaginator(products, 2).page(2).has_next()


def test_a_page_keeps_the_rows_relations_without_more_queries(
    township, django_assert_num_queries
):
    stall = StallFactory(township=township, name="Li's eggs")
    product_create(actor=stall.users.get(), stall=stall, data=listing_data())
    # count, keys, rows (stall and township joined), stock records, photos
    with django_assert_num_queries(5):
        page = KeysFirstPaginator(product_list_public(), 20).page(1)
        assert [p.stall.name for p in page] == ["Li's eggs"]
        assert [p.stockrecords.all()[0].price for p in page] == [28]
