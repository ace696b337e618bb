"""Who may do what to a stall. Views check these; services re-check them.

Township roles are read through the reverse relation ``user.memberships`` so that
the shop never imports township code.
"""

from typing import Any

from .constants import AGENT_ROLE, VERIFIER_ROLES
from .models import Partner


def _active(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _has_township_role(user: Any, township_id: int | None, roles) -> bool:
    if not _active(user) or township_id is None:
        return False
    if user.is_superuser:
        return True
    return user.memberships.filter(township_id=township_id, role__in=roles).exists()


def can_apply_for_stall(user: Any) -> bool:
    """Any signed-in citizen may apply for a stall (one each)."""
    return _active(user)


def can_manage_stall(user: Any, stall: Partner) -> bool:
    """Owners manage their stall; so does an agent of the stall's township."""
    if not _active(user):
        return False
    if stall.users.filter(pk=user.pk).exists():
        return True
    return can_assist_in_township(user, stall.township_id)


def can_list_on_stall(user: Any, stall: Partner) -> bool:
    """Listing needs a verified stall, and an owner or an agent acting for one."""
    return stall.is_verified and can_manage_stall(user, stall)


def can_review_stall(user: Any, stall: Partner) -> bool:
    """Staff and heads of the stall's township verify, refuse and record badges."""
    return _has_township_role(user, stall.township_id, VERIFIER_ROLES)


def can_record_badge(user: Any, stall: Partner) -> bool:
    """Badges are official: only staff of the stall's township record them."""
    return can_review_stall(user, stall)


def can_assist_in_township(user: Any, township_id: int | None) -> bool:
    """Service-centre agents act for villagers of their own township only."""
    if not _active(user) or township_id is None:
        return False
    return user.memberships.filter(township_id=township_id, role=AGENT_ROLE).exists()


def verifier_township_ids(user: Any) -> list[int]:
    """The townships whose stalls this user reviews."""
    if not _active(user):
        return []
    return list(
        user.memberships.filter(role__in=VERIFIER_ROLES).values_list(
            "township_id", flat=True
        )
    )


def agent_township_ids(user: Any) -> list[int]:
    """The townships where this user is a service-centre agent."""
    if not _active(user):
        return []
    return list(
        user.memberships.filter(role=AGENT_ROLE).values_list("township_id", flat=True)
    )
