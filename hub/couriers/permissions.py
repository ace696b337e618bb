"""Who may dispatch, carry and follow shipments. Views check; services re-check.

Township memberships live in townships/, which hub does not import: they are
read through ``user.memberships`` with the role names of hub.accounts.Role.
"""

from typing import Any

from hub.accounts.constants import Role

DISPATCH_ROLES = (Role.LOGISTICS, Role.TOWNSHIP_HEAD)


def _active(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def dispatch_township_ids(user: Any) -> set[int] | None:
    """Townships whose shipments the user dispatches; None means every township."""
    if not _active(user):
        return set()
    if user.is_superuser:
        return None
    return set(
        user.memberships.filter(role__in=DISPATCH_ROLES).values_list(
            "township_id", flat=True
        )
    )


def can_dispatch(user: Any, township_id: int) -> bool:
    """Logistics staff and the head assign couriers and receive their cash."""
    ids = dispatch_township_ids(user)
    return ids is None or township_id in ids


def courier_for(user: Any):
    """The user's active courier record, or None."""
    if not _active(user):
        return None
    courier = getattr(user, "courier", None)
    return courier if courier is not None and courier.is_active else None


def can_carry(user: Any, shipment) -> bool:
    """Only the courier the shipment is assigned to acts on it."""
    courier = courier_for(user)
    return courier is not None and shipment.courier_id == courier.pk


def can_follow(user: Any, shipment) -> bool:
    """The recipient sees the delivery code and the full history."""
    return _active(user) and shipment.recipient_id == user.pk
