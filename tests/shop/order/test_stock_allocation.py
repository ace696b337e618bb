"""Stock is never sold twice: allocation is a conditional update in the order.

Oscar 4.2.1 checks availability before its order transaction and allocates
without a condition, so 50 concurrent checkouts of 10 eggs gave 50 orders.
"""

import threading

from django.db import connection

import pytest
from oscar.apps.basket.models import Basket
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.order.models import Order
from oscar.apps.order.utils import OrderCreator
from oscar.apps.shipping.methods import Free

from shop.partner.exceptions import InsufficientStock
from shop.partner.strategy import Selector
from tests.factories.accounts import UserFactory


def _basket_with(*products, quantity=1) -> Basket:
    basket = Basket.objects.create(owner=UserFactory())
    basket.strategy = Selector().strategy()
    for product in products:
        basket.add_product(product, quantity=quantity)
    return basket


def _place(basket: Basket) -> Order:
    basket.strategy = Selector().strategy()
    method = Free()
    charge = method.calculate(basket)
    return OrderCreator().place_order(
        basket=basket,
        total=OrderTotalCalculator().calculate(basket, charge),
        shipping_method=method,
        shipping_charge=charge,
        user=basket.owner,
    )


def _stock(product, count: int):
    record = product.stockrecords.get()
    record.num_in_stock, record.num_allocated = count, 0
    record.save()
    return record


@pytest.mark.django_db
def test_last_units_go_to_the_first_order_and_the_next_is_told(product):
    # given
    record = _stock(product, 1)
    first, second = _basket_with(product), _basket_with(product)
    # when
    _place(first)
    with pytest.raises(InsufficientStock) as error:
        _place(second)
    # then
    assert "sold out" in error.value.message
    assert Order.objects.count() == 1
    record.refresh_from_db()
    assert record.num_allocated == 1


@pytest.mark.django_db
def test_an_order_that_cannot_be_filled_leaves_nothing_behind(product, other_product):
    # given: eggs are there, the bacon is not
    _stock(product, 5)
    bacon = _stock(other_product, 0)
    basket = _basket_with(product, other_product)
    # when
    with pytest.raises(InsufficientStock):
        _place(basket)
    # then: no order, and the eggs' allocation was rolled back too
    assert not Order.objects.exists()
    assert product.stockrecords.get().num_allocated == 0
    assert bacon.num_allocated == 0


def _race(baskets: list[Basket]) -> tuple[list[Order], list[Exception]]:
    barrier = threading.Barrier(len(baskets))
    orders, refusals = [], []

    def checkout(basket):
        barrier.wait()
        try:
            orders.append(_place(basket))
        except InsufficientStock as refusal:
            refusals.append(refusal)
        finally:
            connection.close()

    threads = [threading.Thread(target=checkout, args=(b,)) for b in baskets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return orders, refusals


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_checkouts_for_ten_in_stock(product):
    # given
    record = _stock(product, 10)
    baskets = [_basket_with(product) for _ in range(50)]
    # when
    orders, refusals = _race(baskets)
    # then: exactly 10 orders, 40 clear "sold out" answers, nothing else
    assert (len(orders), len(refusals)) == (10, 40)
    assert Order.objects.count() == 10
    record.refresh_from_db()
    assert record.num_allocated == 10
    assert all("sold out" in refusal.message for refusal in refusals)


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_opposite_line_orders_do_not_deadlock(product, other_product):
    # given: Oscar's own deadlock case, two products in opposite basket order
    _stock(product, 100)
    _stock(other_product, 100)
    baskets = [
        _basket_with(*pair)
        for pair in [(product, other_product), (other_product, product)] * 10
    ]
    # when
    orders, refusals = _race(baskets)
    # then
    assert (len(orders), len(refusals)) == (20, 0)
    assert product.stockrecords.get().num_allocated == 20
    assert other_product.stockrecords.get().num_allocated == 20
