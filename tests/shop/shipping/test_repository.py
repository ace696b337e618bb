"""The repository finds a delivery by code only while it offers it."""

import pytest

from shop.partner.strategy import Selector
from shop.shipping.repository import Repository
from tests.factories.couriers import zone_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def basket(product, citizen):
    Basket = product._meta.apps.get_model("basket", "Basket")
    basket = Basket.objects.create(owner=citizen)
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity=1)
    return basket


def test_find_by_code_finds_what_is_offered_and_nothing_else(
    basket, township, other_township
):
    # given
    zone = zone_add(township=township, home={1000: "6.00"})
    elsewhere = zone_add(township=other_township, home={1000: "1.00"})
    repository = Repository()
    offered = [method.code for method in repository.get_shipping_methods(basket)]
    # when
    found = repository.find_by_code(f"zone:{zone.pk}:home", basket)
    # then
    assert offered == [f"zone:{zone.pk}:home"]
    assert found.code == f"zone:{zone.pk}:home"
    for code in (f"zone:{elsewhere.pk}:home", f"zone:{zone.pk}:pickup", "", None):
        assert repository.find_by_code(code, basket) is None
