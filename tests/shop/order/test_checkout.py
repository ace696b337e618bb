"""J2 through the real checkout views: one basket from two stalls, one payment.

Card payments go to localstripe; cash on delivery waits for the courier.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from oscar.apps.basket.models import Basket
from oscar.apps.order.models import Order

from hub.core.exceptions import ApplicationError
from hub.notifications.models import Message
from hub.payments import services as payments
from hub.payments.constants import PaymentEventKind, PaymentStatus
from hub.payments.models import Payment, PaymentEvent
from shop.order.constants import SellerGroupStatus
from shop.order.services import (
    line_refuse,
    order_unpaid_expire,
    seller_group_cancel,
)
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

VISA = "4242424242424242"
DECLINED_AT_CHARGE = "4000000000000341"

ADDRESS = {
    "first_name": "Lan",
    "last_name": "Chen",
    "line1": "12 River Road",
    "line4": "Chengdu",
    "postcode": "610000",
    "country": "CN",
}


@pytest.fixture(autouse=True)
def _eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def shopper(client):
    user = UserFactory(email="lan@example.com")
    client.force_login(user)
    return user


def _stock(product, count=10):
    record = product.stockrecords.get()
    record.num_in_stock, record.num_allocated = count, 0
    record.save()
    return record


def _checkout(client, products, method: str, quantity=1):
    """Basket → address → payment method → preview → place order: the last answer."""
    for product in products:
        client.post(reverse("basket:add", args=[product.pk]), {"quantity": quantity})
    client.get(reverse("checkout:index"))
    response = client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert response.status_code == 302, response.content[:500]
    client.get(reverse("checkout:shipping-method"))
    response = client.post(reverse("checkout:payment-method"), {"method": method})
    assert response.status_code == 302
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def test_cash_on_delivery_splits_the_order_into_one_parcel_per_seller(
    client, shopper, product, other_product, django_capture_on_commit_callbacks
):
    # given
    _stock(product)
    _stock(other_product)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = _checkout(client, [product, other_product], "cash")
    # then: placed unpaid, one group and one cash payment per stall
    assert response.status_code == 302
    assert response.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.status == "Placed"
    groups = list(order.seller_groups.order_by("partner_id"))
    assert [g.partner_id for g in groups] == sorted(
        [
            product.stockrecords.get().partner_id,
            other_product.stockrecords.get().partner_id,
        ]
    )
    cash = Payment.objects.filter(reference__startswith=f"order:{order.number}:")
    assert cash.count() == 2
    assert set(cash.values_list("status", flat=True)) == {PaymentStatus.PENDING}
    page = client.get(response.url).content.decode()
    assert "2 parcels, one per seller" in page
    assert "Cash on delivery" in page
    # the shopper and both sellers were told, once each
    assert Message.objects.filter(recipient=shopper, kind="order").count() == 1
    assert Message.objects.filter(kind="order").exclude(recipient=shopper).count() == 2


def test_cash_recorded_by_the_courier_pays_that_parcel_once(
    client, shopper, product, other_product, django_capture_on_commit_callbacks
):
    # given
    _stock(product)
    _stock(other_product)
    _checkout(client, [product, other_product], "cash")
    order = Order.objects.get()
    group = order.seller_groups.get(partner=product.stockrecords.get().partner)
    payment = Payment.objects.get(reference=f"order:{order.number}:{group.partner_id}")
    courier = UserFactory()
    # when: the courier's app posts the same receipt twice (bad signal)
    with django_capture_on_commit_callbacks(execute=True):
        for _attempt in range(2):
            payments.payment_cash_record(
                payment=payment, amount=payment.amount, receipt="R-1", actor=courier
            )
    # then
    group.refresh_from_db()
    assert group.is_paid
    assert (
        PaymentEvent.objects.filter(kind=PaymentEventKind.CASH_COLLECTED).count() == 1
    )
    other = order.seller_groups.exclude(pk=group.pk).get()
    assert not other.is_paid


def test_card_order_waits_for_payment_then_is_paid_once(
    client,
    shopper,
    product,
    other_product,
    stripe_settings,
    card_payment_method,
    django_capture_on_commit_callbacks,
):
    # given
    _stock(product)
    _stock(other_product)
    response = _checkout(client, [product, other_product], "card")
    order = Order.objects.get()
    # then: a pay page, nothing to pack yet, the basket frozen
    assert response.url == reverse("checkout:card-pay", args=[order.number])
    assert order.status == "Pending payment"
    assert set(order.seller_groups.values_list("status", flat=True)) == {
        SellerGroupStatus.PENDING_PAYMENT
    }
    page = client.get(response.url)
    assert page.status_code == 200
    assert b"data-client-secret" in page.content
    # when: the card is confirmed (as the page does with localstripe)
    with django_capture_on_commit_callbacks(execute=True):
        confirm = client.post(
            reverse("checkout:card-confirm", args=[order.number]),
            {"payment_method": card_payment_method(VISA)},
        )
    returned = client.get(confirm.json()["next"])
    # then
    assert returned.url == reverse("checkout:thank-you")
    order.refresh_from_db()
    assert order.status == "Placed"
    assert all(g.is_paid for g in order.seller_groups.all())
    assert Basket.objects.get(pk=order.basket_id).status == Basket.SUBMITTED
    assert b"Paid by card." in client.get(returned.url).content
    assert Message.objects.filter(recipient=shopper, kind="order").count() == 1


def test_a_declined_card_keeps_the_basket_and_says_so(
    client, shopper, product, stripe_settings, card_payment_method
):
    # given
    record = _stock(product, 3)
    _checkout(client, [product], "card", quantity=2)
    order = Order.objects.get()
    # when
    confirm = client.post(
        reverse("checkout:card-confirm", args=[order.number]),
        {"payment_method": card_payment_method(DECLINED_AT_CHARGE)},
    )
    # then: plain words, no order placed
    assert confirm.status_code == 402
    assert "declined" in confirm.json()["error"]
    assert "Nothing was charged" in confirm.json()["error"]
    page = client.get(reverse("checkout:card-pay", args=[order.number]))
    assert b"Nothing was charged" in page.content
    # when: the shopper goes back to the basket
    back = client.post(reverse("checkout:back-to-basket", args=[order.number]))
    # then: the basket is there with its lines, the stock is free again
    assert back.url == reverse("basket:summary")
    basket = client.get(back.url).context["basket"]
    assert basket.pk == order.basket_id
    assert basket.num_items == 2
    record.refresh_from_db()
    assert record.num_allocated == 0
    order.refresh_from_db()
    assert order.status == "Cancelled"


def test_placing_the_same_basket_again_gives_the_same_order(client, shopper, product):
    # given
    _stock(product)
    first = _checkout(client, [product], "cash")
    # when: the button is pressed again (a retried POST after the answer)
    again = client.post(reverse("checkout:preview"), {"action": "place_order"})
    # then
    assert Order.objects.count() == 1
    assert again.status_code == 302
    assert again.url == first.url


def test_cancelling_a_card_paid_group_refunds_that_part_once(
    client,
    shopper,
    product,
    other_product,
    stripe_settings,
    card_payment_method,
    django_capture_on_commit_callbacks,
):
    # given: eggs from one stall, bacon from another, paid by card
    eggs = _stock(product)
    _stock(other_product)
    _checkout(client, [product, other_product], "card")
    order = Order.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("checkout:card-confirm", args=[order.number]),
            {"payment_method": card_payment_method(VISA)},
        )
    group = order.seller_groups.get(partner=eggs.partner)
    # when: cancelled twice (double tap)
    url = reverse("orders:group_cancel", args=[order.number, group.pk])
    client.post(url)
    client.post(url)
    # then: that part refunded once, its stock free, the other group untouched
    payment = Payment.objects.get(reference=f"order:{order.number}")
    refunds = PaymentEvent.objects.filter(kind=PaymentEventKind.REFUNDED)
    assert refunds.count() == 1
    assert refunds.get().amount == group.total
    assert payment.amount_refunded == group.total
    eggs.refresh_from_db()
    assert eggs.num_allocated == 0
    group.refresh_from_db()
    assert group.status == SellerGroupStatus.CANCELLED
    assert order.seller_groups.exclude(pk=group.pk).get().status == "placed"
    page = client.get(reverse("orders:detail", args=[order.number])).content.decode()
    assert "refunded" in page


def test_another_shopper_cannot_see_or_cancel_an_order(client, shopper, product):
    # given
    _stock(product)
    _checkout(client, [product], "cash")
    order = Order.objects.get()
    group = order.seller_groups.get()
    stranger = UserFactory()
    client.force_login(stranger)
    # when / then
    assert client.get(reverse("orders:detail", args=[order.number])).status_code == 404
    cancel = client.post(reverse("orders:group_cancel", args=[order.number, group.pk]))
    assert cancel.status_code == 404
    with pytest.raises(ApplicationError):
        seller_group_cancel(group=group, actor=stranger)
    group.refresh_from_db()
    assert group.status == SellerGroupStatus.PLACED


def test_a_refused_line_lowers_the_cash_to_collect(
    client, shopper, product, other_product, seller
):
    # given
    _stock(product)
    _stock(other_product)
    _checkout(client, [product, other_product], "cash", quantity=2)
    order = Order.objects.get()
    line = order.lines.get(product=product)
    payment = Payment.objects.get(reference=f"order:{order.number}:{line.partner_id}")
    # when: empty reason first, then a real one
    with pytest.raises(ApplicationError):
        line_refuse(line=line, actor=seller, reason="  ")
    line_refuse(line=line, actor=seller, reason="Hail broke the eggs")
    # then: nothing left to collect for that stall; its group is cancelled
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELED
    line.refresh_from_db()
    assert (line.status, line.refusal_reason) == ("Refused", "Hail broke the eggs")
    page = client.get(reverse("orders:detail", args=[order.number])).content.decode()
    assert "Hail broke the eggs" in page


def test_unpaid_card_orders_expire_and_free_their_stock(
    client, shopper, product, stripe_settings
):
    # given
    record = _stock(product, 1)
    _checkout(client, [product], "card")
    order = Order.objects.get()
    client.get(reverse("checkout:card-pay", args=[order.number]))
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - timedelta(hours=1)
    )
    # when
    expired = order_unpaid_expire()
    # then
    assert expired == 1
    record.refresh_from_db()
    assert record.num_allocated == 0
    assert Payment.objects.get().status == PaymentStatus.CANCELED


def test_choosing_no_payment_method_is_refused_with_a_message(client, shopper, product):
    # given
    _stock(product)
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    client.get(reverse("checkout:shipping-method"))
    # when
    response = client.post(reverse("checkout:payment-method"), {"method": "gold"})
    # then
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    preview = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert preview.url == reverse("checkout:payment-method")
    assert not Order.objects.exists()


def test_sold_out_at_the_last_moment_is_said_plainly(client, shopper, product):
    # given: the last unit goes to someone else between basket and order
    record = _stock(product, 1)
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    client.get(reverse("checkout:shipping-method"))
    client.post(reverse("checkout:payment-method"), {"method": "cash"})
    record.num_allocated = 1
    record.save()
    # when
    response = client.post(
        reverse("checkout:preview"), {"action": "place_order"}, follow=True
    )
    # then
    assert not Order.objects.exists()
    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    assert "is no longer available to buy" in response.content.decode()
    basket = Basket.objects.get(pk=response.wsgi_request.basket.pk)
    assert (basket.status, basket.num_items) == (Basket.OPEN, 1)
