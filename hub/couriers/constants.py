"""Statuses, the status machine and limits of shipments."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# A wrong delivery code this many times locks the code until dispatch unlocks it.
DELIVERY_CODE_MAX_ATTEMPTS = 5
DELIVERY_CODE_LENGTH = 6
# The built-in provider: the township's own couriers.
TOWNSHIP_PROVIDER = "township"


class ShipmentKind(models.TextChoices):
    PARCEL = "parcel", _("Produce parcel")
    DOCUMENT = "document", _("Government document")


class ShipmentStatus(models.TextChoices):
    CREATED = "created", _("Waiting for a courier")
    ASSIGNED = "assigned", _("Courier assigned")
    PICKED_UP = "picked_up", _("Picked up")
    IN_TRANSIT = "in_transit", _("On its way")
    FAILED_ATTEMPT = "failed_attempt", _("Delivery attempt failed")
    DELIVERED = "delivered", _("Delivered")
    RETURNED = "returned", _("Returned to sender")
    CANCELLED = "cancelled", _("Cancelled")


S = ShipmentStatus

# Where each status may go next. Reassigning a courier keeps the status;
# "retried" is failed attempt → in transit.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.CREATED: frozenset({S.ASSIGNED, S.CANCELLED}),
    S.ASSIGNED: frozenset({S.CREATED, S.PICKED_UP, S.CANCELLED}),
    S.PICKED_UP: frozenset({S.IN_TRANSIT, S.DELIVERED, S.FAILED_ATTEMPT}),
    S.IN_TRANSIT: frozenset({S.DELIVERED, S.FAILED_ATTEMPT}),
    S.FAILED_ATTEMPT: frozenset({S.IN_TRANSIT, S.RETURNED}),
    S.DELIVERED: frozenset(),
    S.RETURNED: frozenset(),
    S.CANCELLED: frozenset(),
}

# Statuses a courier still has work in (the courier app's task list).
COURIER_OPEN_STATUSES = (S.ASSIGNED, S.PICKED_UP, S.IN_TRANSIT, S.FAILED_ATTEMPT)
# Before pickup, the sender may still cancel.
CANCELLABLE_STATUSES = (S.CREATED, S.ASSIGNED)
FINAL_STATUSES = (S.DELIVERED, S.RETURNED, S.CANCELLED)


class ZoneKind(models.TextChoices):
    VILLAGE = "village", _("Village (township couriers)")
    OUTSIDE = "outside", _("Outside the township (post or express carrier)")


class DeliveryMethod(models.TextChoices):
    HOME = "home", _("Delivery to the door")
    PICKUP = "pickup", _("Pickup at the village service point")


class ProofKind(models.TextChoices):
    CODE = "code", _("Recipient's delivery code")
    PHOTO = "photo", _("Photo and receiver's name")


class FailureReason(models.TextChoices):
    NOBODY_HOME = "nobody_home", _("Nobody at the address")
    WRONG_ADDRESS = "wrong_address", _("Address wrong or not found")
    REFUSED = "refused", _("Recipient refused the parcel")
    ROAD_BLOCKED = "road_blocked", _("Road blocked or unsafe")
    OTHER = "other", _("Other (say what)")
