"""Orders placed, paid and collected through the real services, for stall tests."""

import pytest
from oscar.apps.basket.models import Basket

from hub.payments.constants import PaymentMethod
from hub.payments.models import Payment
from hub.payments.services import payment_cash_record
from shop.order.services import (
    group_payment_reference,
    order_card_payment,
    order_payment_succeeded,
)
from shop.partner.strategy import Selector
from tests.factories.accounts import UserFactory
from tests.factories.orders import basket_place


@pytest.fixture
def place_order(citizen):
    """Place an order as checkout does: ``place_order([(product, 2)], "card")``."""

    def place(items, method=PaymentMethod.CASH, shopper=None):
        shopper = shopper or citizen
        basket = Basket.objects.create(owner=shopper)
        basket.strategy = Selector().strategy()
        for product, quantity in items:
            basket.add_product(product, quantity=quantity)
        order, _created = basket_place(basket, method)
        return order

    return place


@pytest.fixture
def pay_by_card(stripe_settings, card_payment_method):
    """The shopper pays a card order at localstripe; the shop is told it is paid."""

    def pay(order) -> Payment:
        payment, _state = order_card_payment(
            order=order, payment_method=card_payment_method()
        )
        assert payment.is_paid
        # What hub/payments' on-commit handler does; run here so that the
        # order's notification task is not queued by the test.
        order_payment_succeeded(payment)
        return payment

    return pay


@pytest.fixture
def collect_cash():
    """A courier hands in the cash of one stall's parcel of an order."""
    courier = UserFactory()

    def collect(order, stall) -> Payment:
        group = order.seller_groups.get(partner=stall)
        payment = Payment.objects.get(reference=group_payment_reference(group))
        payment = payment_cash_record(
            payment=payment,
            amount=payment.amount,
            receipt=f"r-{payment.pk}",
            actor=courier,
        )
        order_payment_succeeded(payment)
        return payment

    return collect
