"""Outside carriers: the registry, booking once, reading their tracking, labels.

The fake carrier stands for the post or an express company; its ``advance``
is the carrier's tracking feed reporting a step.
"""

import logging

import pytest
from oscar.core.loading import get_class

from hub.core.exceptions import ApplicationError
from hub.couriers import registry, services
from hub.couriers.constants import (
    DeliveryMethod,
    ShipmentKind,
    ShipmentStatus,
    ZoneKind,
)
from hub.couriers.contrib.fake.plugin import FakeCarrier
from hub.couriers.models import Shipment, TrackingEvent
from hub.couriers.rates import shipping_code
from hub.couriers.tasks import shipment_book_task, shipments_track_task
from shop.order.constants import ORDER_COMPLETE, SellerGroupStatus
from shop.order.models import SellerGroup
from shop.order.services import order_place
from shop.partner.strategy import Selector
from tests.factories.couriers import zone_add

pytestmark = pytest.mark.django_db

S = ShipmentStatus


@pytest.fixture(autouse=True)
def _fake_carrier_forgets():
    """The fake carrier's feed is shared by the process: start and end empty."""
    FakeCarrier.events.clear()
    yield
    FakeCarrier.events.clear()


@pytest.fixture
def eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True


def _draft(township, citizen, *, reference: str = "test:post", provider="fake"):
    return services.ShipmentDraft(
        reference=reference,
        kind=ShipmentKind.PARCEL,
        township_id=township.pk,
        sender_name="Guifang eggs",
        pickup_place="Yangping village",
        recipient=citizen,
        recipient_name="Chen Lan",
        address="12 Yulin Road, Chengdu",
        weight_grams=800,
        provider=provider,
    )


@pytest.fixture
def booked(township, citizen) -> Shipment:
    shipment = services.shipment_create(draft=_draft(township, citizen))
    return services.shipment_book(shipment=shipment)


def test_registry_lists_the_township_couriers_and_the_fake_carrier():
    assert registry.carrier_names() == ["fake", "township"]
    assert registry.carrier_get("township").is_own_fleet
    assert not registry.carrier_get("fake").is_own_fleet


def test_unknown_carrier_is_refused():
    with pytest.raises(ApplicationError, match="pigeon"):
        registry.carrier_get("pigeon")


def test_outside_shipment_is_booked_once_after_commit(
    eager, township, citizen, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        shipment = services.shipment_create(draft=_draft(township, citizen))
        stale = Shipment.objects.get(pk=shipment.pk)
        assert stale.provider_reference == ""  # not before the commit
    # then
    shipment.refresh_from_db()
    expected = FakeCarrier().book(shipment, idempotency_key=f"shipment-{shipment.pk}")
    assert shipment.provider_reference == expected.tracking_number
    # when booked again: by the task, and by a retry that read the row before
    booked_at = shipment.updated_at
    shipment_book_task(shipment.pk)
    services.shipment_book(shipment=stale)
    # then
    shipment.refresh_from_db()
    assert shipment.provider_reference == expected.tracking_number
    assert shipment.updated_at == booked_at
    assert list(shipment.events.values_list("status", flat=True)) == [S.CREATED]


def test_the_same_booking_key_gives_the_same_tracking_number(booked):
    carrier = registry.carrier_get("fake")
    first = carrier.book(booked, idempotency_key="shipment-1")
    again = carrier.book(booked, idempotency_key="shipment-1")
    other = carrier.book(booked, idempotency_key="shipment-2")
    assert first == again
    assert first != other


def test_township_shipment_is_not_booked(
    eager, township, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shipment = services.shipment_create(
            draft=_draft(township, citizen, provider="township")
        )
    shipment.refresh_from_db()
    assert shipment.provider_reference == ""


def test_carrier_tracking_is_applied_once(booked):
    # given the carrier reports two steps
    number = booked.provider_reference
    FakeCarrier.advance(number, S.ASSIGNED)
    FakeCarrier.advance(number, S.PICKED_UP, place="Chengdu sorting centre")
    # when the beat task runs twice
    first = shipments_track_task()
    second = shipments_track_task()
    # then
    assert (first, second) == (2, 0)
    booked.refresh_from_db()
    assert booked.status == S.PICKED_UP
    events = TrackingEvent.objects.filter(shipment=booked)
    assert list(events.values_list("status", flat=True)) == [
        S.CREATED,
        S.ASSIGNED,
        S.PICKED_UP,
    ]
    reported = FakeCarrier.events[number]
    assert events.get(status=S.PICKED_UP).at == reported[1].at
    assert events.get(status=S.PICKED_UP).place == "Chengdu sorting centre"


def test_impossible_step_from_the_carrier_is_logged_and_ignored(booked, caplog):
    # given the carrier says delivered, straight from created
    FakeCarrier.advance(booked.provider_reference, S.DELIVERED)
    # when
    with caplog.at_level(logging.WARNING, logger="hub.couriers.services"):
        applied = shipments_track_task()
    # then
    assert applied == 0
    booked.refresh_from_db()
    assert booked.status == S.CREATED
    assert booked.delivered_at is None
    assert TrackingEvent.objects.filter(shipment=booked).count() == 1
    assert f"Shipment {booked.pk}: carrier reports delivered after created" in (
        caplog.text
    )


def test_final_and_own_fleet_shipments_are_not_read(booked, township, citizen):
    # given an own-fleet parcel and a cancelled outside one with a report waiting
    own = services.shipment_create(
        draft=_draft(township, citizen, reference="test:own", provider="township")
    )
    services.shipment_cancel(reference=booked.reference)
    FakeCarrier.advance(booked.provider_reference, S.ASSIGNED)
    # when
    applied = shipments_track_task()
    # then
    assert applied == 0
    assert TrackingEvent.objects.filter(shipment=own).count() == 1
    booked.refresh_from_db()
    assert booked.status == S.CANCELLED


@pytest.fixture
def outside_order(
    eager, settings, township, citizen, product, django_capture_on_commit_callbacks
):
    """A cash-on-delivery order sent beyond the township, booked after commit."""
    settings.HUB_COURIERS_OUTSIDE_PROVIDER = "fake"
    zone = zone_add(
        township=township,
        name="Elsewhere in the country",
        kind=ZoneKind.OUTSIDE,
        home={20000: "12.00"},
    )
    Basket = product._meta.apps.get_model("basket", "Basket")
    basket = Basket.objects.create(owner=citizen)
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity=1)
    code = shipping_code(zone, DeliveryMethod.HOME)
    delivery = get_class("shipping.repository", "Repository")().find_by_code(
        code, basket
    )
    charge = delivery.calculate(basket)
    total = get_class("checkout.calculators", "OrderTotalCalculator")().calculate(
        basket, charge
    )
    with django_capture_on_commit_callbacks(execute=True):
        order, _created = order_place(
            basket=basket,
            user=citizen,
            shipping_address=None,
            shipping_method=delivery,
            shipping_charge=charge,
            total=total,
            payment_method="cash",
        )
    return order


def test_delivered_by_the_carrier_delivers_the_seller_group(outside_order, product):
    # given
    shipment = Shipment.objects.get(
        reference=f"order:{outside_order.number}:{product.stall_id}"
    )
    assert shipment.provider == "fake"
    number = shipment.provider_reference
    for status in (S.ASSIGNED, S.PICKED_UP, S.IN_TRANSIT, S.DELIVERED):
        FakeCarrier.advance(number, status, place="Chengdu")
    # when
    applied = shipments_track_task()
    # then
    assert applied == 4
    shipment.refresh_from_db()
    assert shipment.status == S.DELIVERED
    assert shipment.delivered_at == FakeCarrier.events[number][-1].at
    group = SellerGroup.objects.get(order=outside_order)
    assert group.status == SellerGroupStatus.DELIVERED
    outside_order.refresh_from_db()
    assert outside_order.status == ORDER_COMPLETE


def test_label_is_a_pdf_with_the_tracking_number(booked):
    pdf = registry.carrier_get("fake").label(booked)
    assert pdf.startswith(b"%PDF")
    assert booked.provider_reference.encode() in pdf
