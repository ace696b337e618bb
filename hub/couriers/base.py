"""What a carrier does for us: book a shipment, print its label, track it."""

from dataclasses import dataclass
from datetime import datetime


class CarrierUnavailable(Exception):
    """The carrier could not be reached or answered 5xx: try again later."""


@dataclass(frozen=True)
class Booking:
    tracking_number: str


@dataclass(frozen=True)
class CarrierEvent:
    """One line of a carrier's tracking, in our statuses (ShipmentStatus values)."""

    status: str
    at: datetime
    place: str = ""
    note: str = ""


class Carrier:
    """The interface; each provider lives in contrib/<name>/plugin.py."""

    name = ""
    #: True for carriers whose couriers are ours (assigned on the dispatch board).
    is_own_fleet = False

    def book(self, shipment, *, idempotency_key: str) -> Booking:
        """Book the pickup; the same key twice books once."""
        raise NotImplementedError

    def label(self, shipment) -> bytes:
        """The label to stick on the parcel, as a PDF."""
        raise NotImplementedError

    def track(self, shipment) -> list[CarrierEvent]:
        """Everything the carrier knows of the shipment, oldest first."""
        raise NotImplementedError
