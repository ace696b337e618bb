"""Reads of tracking: a recipient's own parcels, and the public tracking page.

The recipient sees everything about their parcel, the delivery code included.
Anyone with the link sees only statuses and times: a PublicTracking carries
nothing else, so no template can leak a name, a phone, an address or the code.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db.models import Prefetch, QuerySet

from .constants import ShipmentStatus
from .models import Shipment, TrackingEvent


def _events_newest_first() -> QuerySet[TrackingEvent]:
    return TrackingEvent.objects.order_by("-at", "-pk")


def shipment_list_for_recipient(*, recipient) -> QuerySet[Shipment]:
    """The user's shipments, newest first, each with ``last_events`` (0 or 1).

    Two queries per page, whatever the number of shipments and events: the
    sliced prefetch takes one event per shipment (a window function).
    """
    return (
        Shipment.objects.filter(recipient=recipient)
        .order_by("-created_at", "-pk")
        .prefetch_related(
            Prefetch(
                "events", queryset=_events_newest_first()[:1], to_attr="last_events"
            )
        )
    )


def shipment_get_for_recipient(*, recipient, uuid: UUID) -> Shipment | None:
    """The user's own shipment with its courier, cash and ``history`` (oldest first).

    Another person's shipment is None, like a missing one.
    """
    return (
        Shipment.objects.filter(recipient=recipient, uuid=uuid)
        .select_related("courier__user", "cash_payment")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=TrackingEvent.objects.order_by("at", "pk"),
                to_attr="history",
            )
        )
        .first()
    )


@dataclass(frozen=True)
class PublicEvent:
    status: str
    label: str
    at: datetime


@dataclass(frozen=True)
class PublicTracking:
    """What anyone holding the tracking link may know of a shipment."""

    status: str
    label: str
    kind_label: str
    events: list[PublicEvent]


def shipment_tracking_public(*, uuid: UUID) -> PublicTracking | None:
    """Statuses and times of a shipment, oldest first; None if there is none.

    Two queries. Places and notes are left out: they name the stall, the
    courier or the person who took the parcel.
    """
    shipment = Shipment.objects.filter(uuid=uuid).only("pk", "status", "kind").first()
    if shipment is None:
        return None
    events = TrackingEvent.objects.filter(shipment=shipment).order_by("at", "pk")
    return PublicTracking(
        status=shipment.status,
        label=shipment.get_status_display(),
        kind_label=shipment.get_kind_display(),
        events=[
            PublicEvent(status=status, label=ShipmentStatus(status).label, at=at)
            for status, at in events.values_list("status", "at")
        ],
    )
