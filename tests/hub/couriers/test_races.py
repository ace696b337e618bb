"""Couriers on a bad signal, on PostgreSQL with a real Celery worker (services pass)."""

import pytest

from hub.couriers import services
from hub.couriers.constants import ShipmentStatus
from hub.notifications.models import Message
from hub.payments.constants import PaymentEventKind
from hub.payments.models import PaymentEvent
from tests.fixtures.services import at_once, wait_for

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_three_delivery_confirmations_at_once_deliver_once(
    celery_worker_process, parcel, courier, logistics, product, citizen
):
    # given a cash-on-delivery parcel of two, picked up
    services.shipments_assign(
        shipment_pks=[parcel.pk], courier=courier, actor=logistics
    )
    services.shipment_pickup(shipment=parcel, actor=courier.user)
    record = product.stockrecords.get()
    in_stock, allocated = record.num_in_stock, record.num_allocated
    amount = parcel.cash_payment.amount

    # when the courier's phone sends the confirmation three times at once
    results = at_once(
        3,
        lambda: services.shipment_deliver(
            shipment=parcel, actor=courier.user, code=parcel.delivery_code, cash=amount
        ),
    )

    # then every answer is "delivered", and it happened once
    assert [result.status for result in results] == [ShipmentStatus.DELIVERED] * 3
    parcel.refresh_from_db()
    assert parcel.events.filter(status=ShipmentStatus.DELIVERED).count() == 1
    assert (
        PaymentEvent.objects.filter(
            payment=parcel.cash_payment, kind=PaymentEventKind.CASH_COLLECTED
        ).count()
        == 1
    )
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (in_stock - 2, allocated - 2)
    # and the worker tells the shopper once that it arrived
    delivered = parcel.events.get(status=ShipmentStatus.DELIVERED)
    wait_for(
        lambda: Message.objects.filter(
            recipient=citizen, dedupe_key=f"tracking:{delivered.pk}"
        ).exists()
    )
    assert (
        Message.objects.filter(
            recipient=citizen, dedupe_key=f"tracking:{delivered.pk}"
        ).count()
        == 1
    )
