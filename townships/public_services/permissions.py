"""Who maintains a township's service catalogue: its staff and its head."""

from django.db.models import QuerySet

from hub.accounts.models import User
from townships.core.constants import MembershipRole
from townships.core.models import Township
from townships.core.permissions import can_edit_township_content

EDITOR_ROLES = (MembershipRole.STAFF, MembershipRole.HEAD)


def can_edit_public_services(user: User, township: Township) -> bool:
    """Staff and heads edit their own township's services, as its service guides."""
    return can_edit_township_content(user, township)


def townships_editable_by(user: User) -> QuerySet[Township]:
    """The townships whose services the user may edit (all of them for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return Township.objects.none()
    if user.is_superuser:
        return Township.objects.all()
    return Township.objects.filter(
        memberships__user=user, memberships__role__in=EDITOR_ROLES
    ).distinct()
