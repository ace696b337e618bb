"""Writes for townships, departments and memberships."""

from django.contrib.auth.models import Group
from django.db import transaction

from hub.accounts.models import User

from .constants import MembershipRole
from .models import Department, Membership, Township

# Roles whose holders edit the township's micro-site; heads also approve.
_EDITOR_ROLES = {MembershipRole.STAFF, MembershipRole.HEAD}


@transaction.atomic
def township_upsert(*, slug: str, **fields) -> Township:
    """Create the township with this slug, or update its fields. Safe to run twice."""
    township, _created = Township.objects.get_or_create(slug=slug, defaults=fields)
    changed = [
        name for name, value in fields.items() if getattr(township, name) != value
    ]
    for name in changed:
        setattr(township, name, fields[name])
    township.full_clean()
    if changed:
        township.save(update_fields=[*changed, "updated_at"])
    return township


@transaction.atomic
def department_upsert(*, township: Township, slug: str, **fields) -> Department:
    """Create the department with this slug in the township, or update it."""
    department, _created = Department.objects.update_or_create(
        township=township, slug=slug, defaults=fields
    )
    return department


@transaction.atomic
def membership_grant(
    *,
    user: User,
    township: Township,
    role: MembershipRole,
    department: Department | None = None,
) -> Membership:
    """Give the user a role in the township, with the CMS groups that role carries.

    Idempotent: granting the same role twice keeps one membership.
    """
    if department is not None and department.township_id != township.pk:
        raise ValueError("The department belongs to another township.")
    membership, _created = Membership.objects.update_or_create(
        user=user, township=township, role=role, defaults={"department": department}
    )
    user.groups.add(*_cms_groups_for(township=township, role=role))
    role_group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(role_group)
    return membership


@transaction.atomic
def membership_revoke(*, user: User, township: Township, role: MembershipRole) -> None:
    """Take the role away, and the CMS groups it gave unless another role needs them."""
    Membership.objects.filter(user=user, township=township, role=role).delete()
    still_needed = set()
    for other in Membership.objects.filter(user=user, township=township):
        still_needed.update(_cms_groups_for(township=township, role=other.role))
    user.groups.remove(
        *(
            g
            for g in _cms_groups_for(township=township, role=role)
            if g not in still_needed
        )
    )
    if not Membership.objects.filter(user=user, role=role).exists():
        user.groups.remove(*Group.objects.filter(name=role))


def _cms_groups_for(*, township: Township, role: str) -> list[Group]:
    groups = []
    if role in _EDITOR_ROLES and township.editors_group_id:
        groups.append(township.editors_group)
    if role == MembershipRole.HEAD and township.heads_group_id:
        groups.append(township.heads_group)
    return groups
