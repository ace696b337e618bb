"""The built-in carrier: the township's own couriers, assigned on the dispatch board."""

from ...base import Booking, Carrier, CarrierEvent
from ...constants import TOWNSHIP_PROVIDER
from ...registry import register


@register(TOWNSHIP_PROVIDER)
class TownshipCarrier(Carrier):
    is_own_fleet = True

    def book(self, shipment, *, idempotency_key: str) -> Booking:
        # Nothing to book: the shipment waits on the dispatch board.
        return Booking(tracking_number="")

    def label(self, shipment) -> bytes:
        from ...labels import label_pdf

        return label_pdf(shipment, tracking_number=str(shipment.uuid)[:8].upper())

    def track(self, shipment) -> list[CarrierEvent]:
        # Our own couriers write the tracking events themselves.
        return []
