"""The shipment status machine and what the couriers' services promise.

Each service is the only way to its status; every pair of (current status,
wanted status) is tried: allowed moves happen with one tracking event, a
repeated confirmation changes nothing, anything else is refused unchanged.
"""

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone

import pytest

from hub.core.exceptions import ApplicationError
from hub.couriers import services
from hub.couriers.constants import (
    DELIVERY_CODE_MAX_ATTEMPTS,
    TRANSITIONS,
    FailureReason,
    ShipmentKind,
    ShipmentStatus,
)
from hub.couriers.models import Run, Shipment, TrackingEvent
from hub.payments.constants import PaymentEventKind, PaymentStatus
from hub.payments.models import PaymentEvent
from shop.order.constants import ORDER_COMPLETE, SellerGroupStatus
from shop.order.services import seller_group_cancel
from tests.factories.shop import photo_upload

pytestmark = pytest.mark.django_db

S = ShipmentStatus


@pytest.fixture
def document(township, citizen, courier):
    """An envelope of the service hall: no shop handler, no cash."""
    return services.shipment_create(
        draft=services.ShipmentDraft(
            reference="test:A-2026-1",
            kind=ShipmentKind.DOCUMENT,
            township_id=township.pk,
            sender_name="Service hall",
            pickup_place="Township service hall",
            recipient=citizen,
            recipient_name="Lan Chen",
            address="3 Hill Lane, Baiyun village",
        )
    )


def _to(status, shipment, *, courier, logistics):
    """Call the one service that leads to `status`."""
    actor = courier.user
    if status == S.ASSIGNED:
        services.shipments_assign(
            shipment_pks=[shipment.pk], courier=courier, actor=logistics
        )
    elif status == S.CREATED:
        services.shipment_unassign(shipment=shipment, actor=logistics)
    elif status == S.PICKED_UP:
        services.shipment_pickup(shipment=shipment, actor=actor)
    elif status == S.IN_TRANSIT:
        services.shipment_depart(shipment=shipment, actor=actor)
    elif status == S.DELIVERED:
        services.shipment_deliver(
            shipment=shipment, actor=actor, code=shipment.delivery_code
        )
    elif status == S.FAILED_ATTEMPT:
        services.shipment_fail(
            shipment=shipment, actor=actor, reason=FailureReason.NOBODY_HOME
        )
    elif status == S.RETURNED:
        services.shipment_return(shipment=shipment, actor=logistics)
    elif status == S.CANCELLED:
        services.shipment_cancel(reference=shipment.reference)


def _expected(current: str, to: str) -> str:
    if to in TRANSITIONS[current]:
        return "moves"
    # A confirmation of a step already taken (the phone posted it twice).
    if current == to or (to, current) in {
        (S.PICKED_UP, S.IN_TRANSIT),
        (S.PICKED_UP, S.DELIVERED),
        (S.IN_TRANSIT, S.DELIVERED),
    }:
        return "unchanged"
    return "refused"


@pytest.mark.parametrize("to", S.values)
@pytest.mark.parametrize("current", S.values)
def test_every_transition_is_allowed_or_refused_unchanged(
    document, courier, logistics, current, to
):
    # given a shipment of the courier's (on today's run) in `current`
    run = Run.objects.create(
        township=courier.township, courier=courier, day=timezone.localdate()
    )
    Shipment.objects.filter(pk=document.pk).update(
        status=current, courier=courier, run=run
    )
    document.refresh_from_db()
    events_before = TrackingEvent.objects.filter(shipment=document).count()

    # when the service leading to `to` is called
    try:
        _to(to, document, courier=courier, logistics=logistics)
        outcome = None
    except ApplicationError:
        outcome = "refused"

    # then
    document.refresh_from_db()
    events_after = TrackingEvent.objects.filter(shipment=document).count()
    expected = _expected(current, to)
    if expected == "moves":
        assert outcome is None
        assert document.status == to
        assert events_after == events_before + 1
    else:
        assert outcome == ("refused" if expected == "refused" else None)
        assert document.status == current
        assert events_after == events_before


def test_impossible_jump_says_so(document, courier, logistics):
    services.shipments_assign(
        shipment_pks=[document.pk], courier=courier, actor=logistics
    )

    with pytest.raises(ApplicationError, match="cannot become"):
        services.shipment_deliver(
            shipment=document, actor=courier.user, code=document.delivery_code
        )

    document.refresh_from_db()
    assert document.status == S.ASSIGNED
    assert document.delivered_at is None


@pytest.fixture
def parcel_on_its_way(parcel, courier, logistics):
    services.shipments_assign(
        shipment_pks=[parcel.pk], courier=courier, actor=logistics
    )
    services.shipment_pickup(shipment=parcel, actor=courier.user)
    parcel.refresh_from_db()
    return parcel


def _stock(product):
    record = product.stockrecords.get()
    return record.num_in_stock, record.num_allocated


def test_delivery_confirmed_three_times_delivers_once(
    parcel_on_its_way, courier, product, cod_order
):
    # given a cash-on-delivery parcel of two eggs, picked up
    parcel = parcel_on_its_way
    amount = parcel.cash_payment.amount
    in_stock, allocated = _stock(product)

    # when the courier's phone posts the confirmation three times
    for _ in range(3):
        services.shipment_deliver(
            shipment=parcel, actor=courier.user, code=parcel.delivery_code, cash=amount
        )

    # then one delivery, one cash payment, one stock consumption
    parcel.refresh_from_db()
    assert parcel.status == S.DELIVERED
    assert parcel.events.filter(status=S.DELIVERED).count() == 1
    assert parcel.cash_collected == amount
    payment = parcel.cash_payment
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert (
        PaymentEvent.objects.filter(
            payment=payment, kind=PaymentEventKind.CASH_COLLECTED
        ).count()
        == 1
    )
    assert _stock(product) == (in_stock - 2, allocated - 2)
    group = cod_order.seller_groups.get(partner=product.stall)
    assert group.status == SellerGroupStatus.DELIVERED


def test_order_complete_when_every_parcel_is_delivered(cod_order, courier, logistics):
    parcels = list(
        Shipment.objects.filter(reference__startswith=f"order:{cod_order.number}:")
    )
    services.shipments_assign(
        shipment_pks=[p.pk for p in parcels], courier=courier, actor=logistics
    )
    for index, parcel in enumerate(parcels):
        services.shipment_pickup(shipment=parcel, actor=courier.user)
        services.shipment_deliver(
            shipment=parcel,
            actor=courier.user,
            code=parcel.delivery_code,
            cash=parcel.cash_payment.amount,
        )
        cod_order.refresh_from_db()
        assert (cod_order.status == ORDER_COMPLETE) is (index == len(parcels) - 1)


def test_cash_on_delivery_needs_the_amount_owed(parcel_on_its_way, courier):
    parcel = parcel_on_its_way

    with pytest.raises(ApplicationError, match="in cash"):
        services.shipment_deliver(
            shipment=parcel, actor=courier.user, code=parcel.delivery_code
        )
    with pytest.raises(ApplicationError, match="must be"):
        services.shipment_deliver(
            shipment=parcel,
            actor=courier.user,
            code=parcel.delivery_code,
            cash=parcel.cash_payment.amount - Decimal("1.00"),
        )

    parcel.refresh_from_db()
    assert parcel.status == S.PICKED_UP
    assert parcel.cash_collected is None
    assert not PaymentEvent.objects.filter(
        payment=parcel.cash_payment, kind=PaymentEventKind.CASH_COLLECTED
    ).exists()


def test_wrong_codes_are_counted_then_locked_until_dispatch_unlocks(
    parcel_on_its_way, courier, logistics
):
    parcel = parcel_on_its_way
    wrong = "000000" if parcel.delivery_code != "000000" else "111111"
    amount = parcel.cash_payment.amount

    for attempt in range(1, DELIVERY_CODE_MAX_ATTEMPTS):
        with pytest.raises(ApplicationError) as refused:
            services.shipment_deliver(
                shipment=parcel, actor=courier.user, code=wrong, cash=amount
            )
        left = DELIVERY_CODE_MAX_ATTEMPTS - attempt
        assert f"{left} tries left" in str(refused.value)
    with pytest.raises(ApplicationError, match="now locked"):
        services.shipment_deliver(
            shipment=parcel, actor=courier.user, code=wrong, cash=amount
        )
    # Locked: even the right code is refused now.
    with pytest.raises(ApplicationError, match="locked"):
        services.shipment_deliver(
            shipment=parcel, actor=courier.user, code=parcel.delivery_code, cash=amount
        )
    parcel.refresh_from_db()
    assert parcel.is_code_locked and parcel.status == S.PICKED_UP

    # The courier cannot unlock it; dispatch can.
    with pytest.raises(ApplicationError):
        services.shipment_code_unlock(shipment=parcel, actor=courier.user)
    services.shipment_code_unlock(shipment=parcel, actor=logistics)
    services.shipment_deliver(
        shipment=parcel, actor=courier.user, code=parcel.delivery_code, cash=amount
    )
    parcel.refresh_from_db()
    assert parcel.status == S.DELIVERED


def test_photo_and_name_prove_delivery_without_the_code(parcel_on_its_way, courier):
    parcel = parcel_on_its_way

    with pytest.raises(ApplicationError, match="name"):
        services.shipment_deliver(
            shipment=parcel,
            actor=courier.user,
            photo=photo_upload(),
            cash=parcel.cash_payment.amount,
        )
    with pytest.raises(ApplicationError):
        services.shipment_deliver(
            shipment=parcel,
            actor=courier.user,
            photo=photo_upload(b"not a photo at all", name="x.jpg"),
            received_by="Lan's neighbour",
            cash=parcel.cash_payment.amount,
        )
    services.shipment_deliver(
        shipment=parcel,
        actor=courier.user,
        photo=photo_upload(),
        received_by="  Lan's   neighbour ",
        cash=parcel.cash_payment.amount,
    )

    parcel.refresh_from_db()
    assert parcel.status == S.DELIVERED
    assert parcel.proof == "photo"
    assert parcel.received_by == "Lan's neighbour"
    # Kept privately, never under MEDIA_URL.
    assert Path(parcel.proof_photo.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)


@pytest.mark.parametrize("who", ["other_courier", "other_township_courier", "citizen"])
def test_only_the_assigned_courier_acts(request, parcel_on_its_way, who):
    parcel = parcel_on_its_way
    intruder = request.getfixturevalue(who)
    user = getattr(intruder, "user", intruder)

    for act in (
        lambda: services.shipment_depart(shipment=parcel, actor=user),
        lambda: services.shipment_deliver(
            shipment=parcel,
            actor=user,
            code=parcel.delivery_code,
            cash=parcel.cash_payment.amount,
        ),
        lambda: services.shipment_fail(
            shipment=parcel, actor=user, reason=FailureReason.NOBODY_HOME
        ),
        lambda: services.shipment_return(shipment=parcel, actor=user),
    ):
        with pytest.raises(ApplicationError):
            act()

    parcel.refresh_from_db()
    assert parcel.status == S.PICKED_UP
    assert parcel.code_attempts == 0


def test_dispatch_of_another_township_cannot_assign(
    parcel, courier, other_township_logistics, other_township_courier, logistics
):
    with pytest.raises(ApplicationError):
        services.shipments_assign(
            shipment_pks=[parcel.pk], courier=courier, actor=other_township_logistics
        )
    with pytest.raises(ApplicationError, match="another township"):
        services.shipments_assign(
            shipment_pks=[parcel.pk],
            courier=other_township_courier,
            actor=other_township_logistics,
        )
    parcel.refresh_from_db()
    assert parcel.status == S.CREATED and parcel.courier is None


def test_failed_attempt_needs_a_reason_and_can_be_retried(parcel_on_its_way, courier):
    parcel = parcel_on_its_way

    with pytest.raises(ApplicationError, match="why"):
        services.shipment_fail(shipment=parcel, actor=courier.user, reason="flood")
    with pytest.raises(ApplicationError, match="Say what"):
        services.shipment_fail(
            shipment=parcel, actor=courier.user, reason=FailureReason.OTHER, note=" "
        )
    services.shipment_fail(
        shipment=parcel,
        actor=courier.user,
        reason=FailureReason.ROAD_BLOCKED,
        place="Baiyun bridge",
    )
    services.shipment_depart(shipment=parcel, actor=courier.user)
    services.shipment_deliver(
        shipment=parcel,
        actor=courier.user,
        code=parcel.delivery_code,
        cash=parcel.cash_payment.amount,
    )

    parcel.refresh_from_db()
    assert parcel.failed_attempts == 1
    assert list(parcel.events.values_list("status", flat=True)) == [
        S.CREATED,
        S.ASSIGNED,
        S.PICKED_UP,
        S.FAILED_ATTEMPT,
        S.IN_TRANSIT,
        S.DELIVERED,
    ]
    failed = parcel.events.get(status=S.FAILED_ATTEMPT)
    assert failed.place == "Baiyun bridge" and failed.actor == courier.user


def test_returned_parcel_puts_stock_back_and_collects_no_cash(
    parcel_on_its_way, courier, logistics, product, cod_order
):
    parcel = parcel_on_its_way
    in_stock, allocated = _stock(product)
    services.shipment_fail(
        shipment=parcel, actor=courier.user, reason=FailureReason.REFUSED
    )

    services.shipment_return(shipment=parcel, actor=logistics)

    parcel.refresh_from_db()
    assert parcel.status == S.RETURNED
    assert _stock(product) == (in_stock, allocated - 2)
    group = cod_order.seller_groups.get(partner=product.stall)
    assert group.status == SellerGroupStatus.RETURNED
    parcel.cash_payment.refresh_from_db()
    assert parcel.cash_payment.status == PaymentStatus.CANCELED


def test_cancelling_the_group_cancels_its_parcel_before_pickup(
    parcel, cod_order, citizen, product
):
    group = cod_order.seller_groups.get(partner=product.stall)

    seller_group_cancel(group=group, actor=citizen)

    parcel.refresh_from_db()
    assert parcel.status == S.CANCELLED


def test_cash_held_by_courier_and_remittance_difference(
    parcel_on_its_way, courier, logistics
):
    parcel = parcel_on_its_way
    amount = parcel.cash_payment.amount
    services.shipment_deliver(
        shipment=parcel, actor=courier.user, code=parcel.delivery_code, cash=amount
    )
    assert services.courier_cash_held(courier=courier) == amount

    with pytest.raises(ApplicationError):
        services.cash_remit(courier=courier, counted=amount, actor=courier.user)
    remittance = services.cash_remit(
        courier=courier, counted=amount - Decimal("2.00"), actor=logistics
    )

    assert remittance.expected == amount
    assert remittance.difference == Decimal("-2.00")
    assert services.courier_cash_held(courier=courier) == Decimal("0.00")
