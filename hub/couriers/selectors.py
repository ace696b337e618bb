"""Reads of the courier app: a courier's tasks in route order, and one task.

Every read is scoped to one courier: a shipment of another courier, or of
nobody yet, "does not exist" for them (the same ``Http404``).
"""

from dataclasses import dataclass
from itertools import groupby
from uuid import UUID

from django.db.models import BooleanField, Case, F, QuerySet, Value, When
from django.http import Http404

from hub.payments.models import Payment

from .constants import COURIER_OPEN_STATUSES, ShipmentStatus
from .models import Courier, Shipment


@dataclass(frozen=True)
class PickupStop:
    """One place to collect parcels at, with the parcels waiting there."""

    place: str
    shipments: list[Shipment]


@dataclass(frozen=True)
class CourierRoute:
    """What a courier still has to do: pickups by place, then deliveries."""

    pickups: list[PickupStop]
    deliveries: list[Shipment]

    @property
    def is_empty(self) -> bool:
        return not (self.pickups or self.deliveries)


def shipment_list_for_courier(*, courier: Courier) -> QuerySet[Shipment]:
    """The courier's open shipments in route order, in one query.

    Pickups (still assigned) come first, by pickup place; then deliveries, by
    the position of their village on the route (no village: last), then by pk.
    """
    is_pickup = When(status=ShipmentStatus.ASSIGNED, then=Value(True))
    return (
        Shipment.objects.filter(courier=courier, status__in=COURIER_OPEN_STATUSES)
        .select_related("zone", "cash_payment")
        .annotate(
            is_pickup=Case(is_pickup, default=Value(False), output_field=BooleanField())
        )
        .order_by(
            F("is_pickup").desc(),
            Case(
                When(status=ShipmentStatus.ASSIGNED, then=F("pickup_place")),
                default=Value(""),
            ),
            F("zone__position").asc(nulls_last=True),
            "pk",
        )
    )


def courier_route(*, courier: Courier) -> CourierRoute:
    """The courier's open shipments, pickups grouped by place (one query)."""
    shipments = list(shipment_list_for_courier(courier=courier))
    pickups = [shipment for shipment in shipments if shipment.is_pickup]
    return CourierRoute(
        pickups=[
            PickupStop(place=place, shipments=list(group))
            for place, group in groupby(pickups, key=lambda s: s.pickup_place)
        ],
        deliveries=[shipment for shipment in shipments if not shipment.is_pickup],
    )


def shipment_get_for_courier(*, courier: Courier, uuid: UUID) -> Shipment:
    """One shipment assigned to the courier, whatever its status; else 404."""
    shipment = (
        Shipment.objects.select_related("zone", "cash_payment")
        .filter(courier=courier, uuid=uuid)
        .first()
    )
    if shipment is None:
        raise Http404
    return shipment


def shipment_cash_due(shipment: Shipment) -> Payment | None:
    """The cash payment the courier still has to collect for it, if any."""
    payment = shipment.cash_payment
    return payment if payment is not None and not payment.is_paid else None
