"""Delivery zones and rates at checkout, through the real checkout views.

One parcel per stall: a delivery costs each parcel's band by its weight,
summed; the order keeps each parcel's part on its seller group.
"""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from hub.couriers.constants import DeliveryMethod, ZoneKind
from hub.couriers.models import Shipment
from hub.payments.constants import PaymentEventKind, PaymentStatus
from hub.payments.models import Payment, PaymentEvent
from shop.catalogue.models import Product
from shop.catalogue.services import product_create
from shop.order.models import Order
from shop.order.services import line_refuse
from tests.factories.couriers import zone_add
from tests.factories.shop import listing_data

pytestmark = pytest.mark.django_db

VISA = "4242424242424242"
ADDRESS = {
    "first_name": "Lan",
    "last_name": "Chen",
    "line1": "12 River Road",
    "line4": "Baiyun",
    "postcode": "610000",
    "country": "CN",
}
# Eggs (800 g, from one stall) and bacon (3 kg, from another), 28.00 each.
EGGS_GRAMS, BACON_GRAMS = 800, 3000


@pytest.fixture
def shopper(client, citizen):
    client.force_login(citizen)
    return citizen


@pytest.fixture
def bacon(other_product):
    Product.objects.filter(pk=other_product.pk).update(weight_grams=BACON_GRAMS)
    return other_product


@pytest.fixture
def baiyun(township):
    """A village with a service point: ≤1 kg 6.00 / 3.00, ≤5 kg 12.00 / 7.00."""
    return zone_add(
        township=township,
        name="Baiyun",
        service_point="Baiyun village committee",
        home={1000: "6.00", 5000: "12.00"},
        pickup={1000: "3.00", 5000: "7.00"},
    )


def _to_delivery(client, items) -> None:
    """Basket (product, quantity) pairs, then the address step."""
    for product, quantity in items:
        client.post(reverse("basket:add", args=[product.pk]), {"quantity": quantity})
    client.get(reverse("checkout:index"))
    response = client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert response.status_code == 302, response.content[:500]


def _offered(client) -> dict[str, Decimal]:
    """The delivery page's choices: {code: price}."""
    page = client.get(reverse("checkout:shipping-method"))
    assert page.status_code == 200
    basket = page.context["basket"]
    return {
        method.code: method.calculate(basket).incl_tax
        for method in page.context["methods"]
    }


def _place(client, code: str, payment: str = "cash"):
    chosen = client.post(reverse("checkout:shipping-method"), {"method_code": code})
    assert chosen.status_code == 302
    assert chosen.url == reverse("checkout:payment-method")
    client.post(reverse("checkout:payment-method"), {"method": payment})
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def test_each_parcel_pays_its_band_and_pickup_is_cheaper(
    client, shopper, product, bacon, baiyun
):
    # given
    _to_delivery(client, [(product, 1), (bacon, 1)])
    # when
    page = client.get(reverse("checkout:shipping-method"))
    # then: eggs ≤1 kg + bacon ≤5 kg, for each way
    assert _offered(client) == {
        f"zone:{baiyun.pk}:home": Decimal("18.00"),
        f"zone:{baiyun.pk}:pickup": Decimal("10.00"),
    }
    html = page.content.decode()
    assert "Baiyun" in html
    assert "Pickup at Baiyun village committee" in html
    assert "18.00" in html and "10.00" in html
    assert "2 parcels, one per seller" in html


def test_a_delivery_a_parcel_is_too_heavy_for_is_not_offered(
    client, shopper, product, bacon, township, baiyun
):
    # given: two bacons are 6 kg, more than Baiyun's 5 kg band
    far = zone_add(
        township=township,
        name="Shangwan",
        service_point="Shangwan shop",
        home={10000: "20.00"},
        pickup={2000: "5.00", 10000: "15.00"},
    )
    _to_delivery(client, [(product, 1), (bacon, 2)])
    # when
    offered = _offered(client)
    # then: each parcel in its own band of the one zone that takes both
    assert offered == {
        f"zone:{far.pk}:home": Decimal("40.00"),
        f"zone:{far.pk}:pickup": Decimal("20.00"),
    }


def test_a_basket_no_delivery_takes_goes_back_to_the_basket(
    client, shopper, product, bacon, baiyun
):
    # given
    _to_delivery(client, [(product, 1), (bacon, 2)])
    # when
    response = client.get(reverse("checkout:shipping-method"), follow=True)
    # then: told why on the basket page, which shows no delivery to estimate
    assert response.redirect_chain == [(reverse("basket:summary"), 302)]
    assert "Take some items out of your basket" in response.content.decode()
    assert response.context["shipping_method"].code == "no-delivery"


@pytest.mark.parametrize(("provider", "offers_outside"), [("", False), ("fake", True)])
def test_outside_the_township_is_offered_only_with_a_carrier(
    client, shopper, settings, product, township, baiyun, provider, offers_outside
):
    # given
    settings.HUB_COURIERS_OUTSIDE_PROVIDER = provider
    outside = zone_add(
        township=township,
        name="Elsewhere in China",
        kind=ZoneKind.OUTSIDE,
        home={5000: "25.00"},
    )
    _to_delivery(client, [(product, 1)])
    # when
    offered = _offered(client)
    # then
    assert (f"zone:{outside.pk}:home" in offered) is offers_outside
    assert offered[f"zone:{baiyun.pk}:home"] == Decimal("6.00")


def test_a_township_without_zones_has_the_seller_arrange_delivery(
    client, shopper, settings, product, township
):
    # given: only a zone outside the township, and no carrier for it
    settings.HUB_COURIERS_OUTSIDE_PROVIDER = ""
    zone_add(township=township, kind=ZoneKind.OUTSIDE, home={5000: "25.00"})
    _to_delivery(client, [(product, 1)])
    # when: the one method is chosen without asking
    response = client.get(reverse("checkout:shipping-method"))
    client.post(reverse("checkout:payment-method"), {"method": "cash"})
    preview = client.get(reverse("checkout:preview"))
    # then
    assert response.url == reverse("checkout:payment-method")
    assert "Delivery arranged by the seller" in preview.content.decode()
    assert preview.context["shipping_charge"].incl_tax == Decimal("0.00")


def test_the_chosen_delivery_lands_on_the_order_its_groups_parcels_and_cash(
    client, shopper, product, bacon, baiyun
):
    # given
    _to_delivery(client, [(product, 1), (bacon, 1)])
    # when
    response = _place(client, f"zone:{baiyun.pk}:pickup")
    # then
    assert response.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.shipping_code == f"zone:{baiyun.pk}:pickup"
    assert order.shipping_incl_tax == Decimal("10.00")
    charges = dict(order.seller_groups.values_list("partner_id", "shipping_charge"))
    assert charges == {
        product.stall_id: Decimal("3.00"),
        bacon.stall_id: Decimal("7.00"),
    }
    for partner_id in charges:
        shipment = Shipment.objects.get(reference=f"order:{order.number}:{partner_id}")
        assert shipment.zone == baiyun
        assert shipment.method == DeliveryMethod.PICKUP
        assert shipment.address == "Baiyun village committee (Baiyun)"
    # each courier collects its parcel's goods and its own delivery charge
    cash = dict(
        Payment.objects.filter(
            reference__startswith=f"order:{order.number}:"
        ).values_list("reference", "amount")
    )
    assert cash == {
        f"order:{order.number}:{product.stall_id}": Decimal("31.00"),
        f"order:{order.number}:{bacon.stall_id}": Decimal("35.00"),
    }
    assert sum(cash.values()) == order.total_incl_tax


def test_a_shipping_offer_comes_off_the_parcels_charges(
    client, shopper, product, bacon, baiyun
):
    # given: 5.00 off delivery for any basket
    from oscar.apps.offer.models import Benefit, Condition, Range
    from oscar.test.factories import create_offer

    everything = Range.objects.create(name="Everything", includes_all_products=True)
    create_offer(
        condition=Condition.objects.create(
            range=everything, type=Condition.COUNT, value=1
        ),
        benefit=Benefit.objects.create(
            type=Benefit.SHIPPING_ABSOLUTE, value=Decimal("5.00")
        ),
    )
    _to_delivery(client, [(product, 1), (bacon, 1)])
    # when
    _place(client, f"zone:{baiyun.pk}:home")
    # then: 18.00 less 5.00, taken off the parcels in turn (by stall pk)
    order = Order.objects.get()
    assert order.shipping_incl_tax == Decimal("13.00")
    full = {product.stall_id: Decimal("6.00"), bacon.stall_id: Decimal("12.00")}
    first, second = sorted(full)
    charges = dict(order.seller_groups.values_list("partner_id", "shipping_charge"))
    assert charges == {first: full[first] - Decimal("5.00"), second: full[second]}
    cash = Payment.objects.filter(reference__startswith=f"order:{order.number}:")
    assert sum(cash.values_list("amount", flat=True)) == order.total_incl_tax


def test_a_card_order_pays_delivery_once_and_a_cancelled_parcel_gets_its_back(
    client,
    shopper,
    product,
    bacon,
    baiyun,
    stripe_settings,
    card_payment_method,
    django_capture_on_commit_callbacks,
):
    # given: paid by card, delivered to the door (6.00 + 12.00)
    _to_delivery(client, [(product, 1), (bacon, 1)])
    _place(client, f"zone:{baiyun.pk}:home", payment="card")
    order = Order.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("checkout:card-confirm", args=[order.number]),
            {"payment_method": card_payment_method(VISA)},
        )
    payment = Payment.objects.get(reference=f"order:{order.number}")
    assert payment.amount == order.total_incl_tax == Decimal("74.00")
    assert payment.is_paid
    group = order.seller_groups.get(partner_id=bacon.stall_id)
    # when: the bacon is cancelled before dispatch
    client.post(reverse("orders:group_cancel", args=[order.number, group.pk]))
    # then: its goods and its own delivery charge come back
    refund = PaymentEvent.objects.get(kind=PaymentEventKind.REFUNDED)
    assert refund.amount == Decimal("28.00") + Decimal("12.00")


def test_a_refused_line_keeps_the_delivery_charge_until_the_last_line_goes(
    client, shopper, seller, stall, product, baiyun
):
    # given: two dozen eggs from one stall, 1.6 kg to the door (12.00), cash
    duck_eggs = product_create(
        actor=seller, stall=stall, data=listing_data(title="Duck eggs")
    )
    _to_delivery(client, [(product, 1), (duck_eggs, 1)])
    _place(client, f"zone:{baiyun.pk}:home")
    order = Order.objects.get()
    cash = Payment.objects.get(reference=f"order:{order.number}:{stall.pk}")
    assert cash.amount == Decimal("56.00") + Decimal("12.00")
    first, last = order.lines.order_by("pk")
    # when: the seller cannot supply one line
    line_refuse(line=first, actor=seller, reason="Fox in the coop")
    # then: the parcel still goes, with its delivery charge to collect
    cash.refresh_from_db()
    assert cash.amount == Decimal("28.00") + Decimal("12.00")
    # when: nor the other
    line_refuse(line=last, actor=seller, reason="Fox in the coop")
    # then: nothing to collect at all
    cash.refresh_from_db()
    assert cash.status == PaymentStatus.CANCELED


@pytest.fixture
def elsewhere(other_township):
    """A zone of a township none of the basket's stalls is in."""
    return zone_add(township=other_township, name="Huaqiao", home={5000: "1.00"})


@pytest.mark.parametrize(
    "code",
    [
        "zone:{elsewhere}:home",  # another township's village
        "zone:{baiyun}:pickup",  # a pickup Baiyun offers, but too heavy here
        "zone:999999:home",  # no such zone
        "free-shipping",  # the free method, not offered where zones exist
        "made-up",
    ],
)
def test_a_delivery_not_offered_is_refused_when_posted(
    client, shopper, product, bacon, baiyun, elsewhere, code
):
    # given: bacon 4 × 3 kg is over 5 kg, so only a richer Baiyun door band fits
    zone_add(township=baiyun.township, name="Xiawan", home={20000: "30.00"})
    _to_delivery(client, [(product, 1), (bacon, 4)])
    posted = code.format(elsewhere=elsewhere.pk, baiyun=baiyun.pk)
    # when
    response = client.post(reverse("checkout:shipping-method"), {"method_code": posted})
    placed = client.post(
        reverse("checkout:preview"), {"action": "place_order"}, follow=True
    )
    # then: the page again, with a message; nothing placed
    assert response.status_code == 200
    assert "Your submitted shipping method is not permitted" in (
        response.content.decode()
    )
    assert placed.redirect_chain[0] == (reverse("checkout:shipping-method"), 302)
    assert not Order.objects.exists()


def test_a_delivery_kept_in_the_session_that_is_no_longer_offered_is_refused(
    client, shopper, product, bacon, baiyun
):
    # given: Baiyun chosen, then Baiyun stops taking parcels
    zone_add(township=baiyun.township, name="Shangwan", home={5000: "20.00"})
    _to_delivery(client, [(product, 1), (bacon, 1)])
    client.post(
        reverse("checkout:shipping-method"),
        {"method_code": f"zone:{baiyun.pk}:home"},
    )
    client.post(reverse("checkout:payment-method"), {"method": "cash"})
    baiyun.is_active = False
    baiyun.save()
    # when
    response = client.post(
        reverse("checkout:preview"), {"action": "place_order"}, follow=True
    )
    # then: back to choose, told why, nothing placed
    assert response.redirect_chain[0] == (reverse("checkout:shipping-method"), 302)
    assert "previously chosen shipping method is no longer valid" in (
        response.content.decode()
    )
    assert not Order.objects.exists()


def test_the_delivery_page_queries_do_not_grow_with_the_zones(
    client, shopper, product, bacon, township, django_assert_num_queries
):
    # given
    def villages(names):
        for name in names:
            zone_add(
                township=township,
                name=name,
                service_point=f"{name} shop",
                home={5000: "9.00"},
                pickup={5000: "4.00"},
            )

    villages(["Village 1", "Village 2"])
    _to_delivery(client, [(product, 1), (bacon, 1)])
    url = reverse("checkout:shipping-method")
    client.get(url)
    with CaptureQueriesContext(connection) as two_zones:
        assert len(client.get(url).context["methods"]) == 4
    # when
    villages([f"Village {n}" for n in range(3, 11)])
    # then
    with django_assert_num_queries(len(two_zones)):
        assert len(client.get(url).context["methods"]) == 20
