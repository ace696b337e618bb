"""Races of J2 on PostgreSQL with a real Celery worker (the services pass)."""

from django.test import Client
from django.urls import reverse

import pytest
from oscar.apps.basket.models import Basket
from oscar.apps.order.models import Order

from hub.notifications.models import Message
from hub.payments import gateway
from hub.payments.constants import PaymentEventKind
from hub.payments.models import PaymentEvent, StripeEvent
from shop.order.services import order_card_payment
from shop.partner.strategy import Selector
from tests.factories.accounts import UserFactory
from tests.factories.orders import basket_place
from tests.fixtures.services import at_once, wait_for

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _basket(owner, *products) -> Basket:
    basket = Basket.objects.create(owner=owner)
    basket.strategy = Selector().strategy()
    for product in products:
        record = product.stockrecords.get()
        record.num_in_stock, record.num_allocated = 10, 0
        record.save()
        basket.add_product(product)
    return basket


def _place(basket_pk: int, method: str):
    return basket_place(Basket.objects.get(pk=basket_pk), method)


def test_the_same_basket_placed_five_times_at_once_gives_one_order(
    product, other_product
):
    # given
    basket = _basket(UserFactory(), product, other_product)
    # when
    results = at_once(5, lambda: _place(basket.pk, "cash"))
    # then: five answers, all the same order, placed once
    assert len(results) == 5
    assert {order.number for order, _created in results} == {Order.objects.get().number}
    assert sum(created for _order, created in results) == 1
    assert product.stockrecords.get().num_allocated == 1
    assert Order.objects.get().seller_groups.count() == 2


def test_webhook_before_the_shopper_returns_gives_one_paid_order(
    celery_worker_process,
    stripe_settings,
    card_payment_method,
    signed_webhook,
    product,
    other_product,
):
    # given: a card order, paid at Stripe by the browser; our server not told yet
    shopper = UserFactory(email="lan@example.com")
    order, _created = _place(_basket(shopper, product, other_product).pk, "card")
    _payment, intent = order_card_payment(order=order)
    gateway.intent_confirm(
        intent_id=intent.id, payment_method=card_payment_method("4242424242424242")
    )
    # when: Stripe's webhook arrives five times at once, before the browser
    delivery = signed_webhook("payment_intent.succeeded", {"id": intent.id})
    statuses = at_once(
        5,
        lambda: (
            Client()
            .post(
                "/payments/stripe/webhook/",
                delivery[0],
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=delivery[1],
            )
            .status_code
        ),
    )
    wait_for(lambda: Message.objects.filter(recipient=shopper, kind="order").exists())
    browser = Client()
    browser.force_login(shopper)
    returned = browser.get(reverse("checkout:card-return", args=[order.number]))
    # then: one event, one payment recorded, one placed order, one message
    assert statuses == [200] * 5
    assert StripeEvent.objects.count() == 1
    assert returned.url == reverse("checkout:thank-you")
    order.refresh_from_db()
    assert order.status == "Placed"
    assert all(group.is_paid for group in order.seller_groups.all())
    captured = PaymentEvent.objects.filter(kind=PaymentEventKind.CARD_CAPTURED)
    assert captured.count() == 1
    assert Message.objects.filter(recipient=shopper, kind="order").count() == 1
