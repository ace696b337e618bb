"""A carrier that books, labels and tracks in memory: for the demo and tests.

It stands for the national post or an express company. Booking the same
idempotency key twice gives the same tracking number, as a real carrier's API
would; ``advance`` moves a booked shipment along the way a carrier's tracking
feed would report it.
"""

import hashlib
from typing import ClassVar

from django.utils import timezone

from ...base import Booking, Carrier, CarrierEvent
from ...constants import ShipmentStatus
from ...registry import register


@register("fake")
class FakeCarrier(Carrier):
    # tracking number → events, shared by every instance (one process).
    events: ClassVar[dict[str, list[CarrierEvent]]] = {}

    def book(self, shipment, *, idempotency_key: str) -> Booking:
        digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:10].upper()
        return Booking(tracking_number=f"FAKE{digest}")

    def label(self, shipment) -> bytes:
        from ...labels import label_pdf

        return label_pdf(shipment, tracking_number=shipment.provider_reference)

    def track(self, shipment) -> list[CarrierEvent]:
        return list(self.events.get(shipment.provider_reference, []))

    @classmethod
    def advance(cls, tracking_number: str, status: str, place: str = "") -> None:
        """Test hook: the carrier reports `status` (a ShipmentStatus value)."""
        ShipmentStatus(status)
        cls.events.setdefault(tracking_number, []).append(
            CarrierEvent(status=status, at=timezone.now(), place=place)
        )
