"""Who may do what for a township. Views check these; services re-check them."""

from hub.accounts.models import User

from .constants import MembershipRole
from .models import Department, Membership, Township


def _has_role(user: User, township: Township, roles: set[str]) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, township=township, role__in=roles
    ).exists()


def can_edit_township_content(user: User, township: Township) -> bool:
    """Staff and heads edit their own township's pages and service guides."""
    return _has_role(user, township, {MembershipRole.STAFF, MembershipRole.HEAD})


def can_approve_township_content(user: User, township: Township) -> bool:
    """Only the township head approves and publishes."""
    return _has_role(user, township, {MembershipRole.HEAD})


def can_view_township_statistics(user: User, township: Township) -> bool:
    return _has_role(user, township, {MembershipRole.HEAD})


def can_act_for_citizens_of(user: User, township: Township) -> bool:
    """Service-centre staff act on behalf of villagers of their own township."""
    return _has_role(user, township, {MembershipRole.AGENT})


def can_handle_for_department(user: User, department: Department) -> bool:
    """Officers handle applications and questions routed to their department."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, department=department, role=MembershipRole.OFFICER
    ).exists()


def can_dispatch_for(user: User, township: Township) -> bool:
    """Logistics staff run the township's dispatch board."""
    return _has_role(user, township, {MembershipRole.LOGISTICS})
