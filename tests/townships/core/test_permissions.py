from django.contrib.auth.models import AnonymousUser

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.townships import DepartmentFactory
from townships.core import permissions
from townships.core.constants import MembershipRole
from townships.core.services import membership_grant, membership_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(township, other_township):
    """Anonymous, a citizen, each role of township B, and each role of township A."""
    people = {"anonymous": AnonymousUser(), "citizen": UserFactory()}
    for role in MembershipRole:
        for label, place in (("b", other_township), ("a", township)):
            user = UserFactory()
            department = (
                DepartmentFactory(township=place)
                if role == MembershipRole.OFFICER
                else None
            )
            membership_grant(
                user=user, township=place, role=role, department=department
            )
            people[f"{role.value}_of_{label}"] = user
    return people


CHECKS = {
    "can_edit_township_content": {"township_staff_of_a", "township_head_of_a"},
    "can_approve_township_content": {"township_head_of_a"},
    "can_view_township_statistics": {"township_head_of_a"},
    "can_act_for_citizens_of": {"agent_of_a"},
    "can_dispatch_for": {"logistics_of_a"},
}


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_only_the_right_role_of_this_township_passes(actors, township, check):
    # when
    passed = {
        name
        for name, user in actors.items()
        if getattr(permissions, check)(user, township)
    }
    # then: nobody of township B, nobody without the role
    assert passed == CHECKS[check]


def test_officer_handles_only_their_own_department(township, other_township):
    # given
    own_department = DepartmentFactory(township=township)
    sibling_department = DepartmentFactory(township=township)
    other_department = DepartmentFactory(township=other_township)
    officer = UserFactory()
    membership_grant(
        user=officer,
        township=township,
        role=MembershipRole.OFFICER,
        department=own_department,
    )
    # then
    assert permissions.can_handle_for_department(officer, own_department)
    assert not permissions.can_handle_for_department(officer, sibling_department)
    assert not permissions.can_handle_for_department(officer, other_department)


def test_department_of_another_township_is_refused(township, other_township):
    officer = UserFactory()
    with pytest.raises(ValueError):
        membership_grant(
            user=officer,
            township=township,
            role=MembershipRole.OFFICER,
            department=DepartmentFactory(township=other_township),
        )
    assert not officer.memberships.exists()


def test_revoking_staff_removes_cms_rights(township):
    # given
    staff = UserFactory()
    membership_grant(user=staff, township=township, role=MembershipRole.STAFF)
    home = township.home_pages.get()
    assert home.permissions_for_user(staff).can_edit()
    # when
    membership_revoke(user=staff, township=township, role=MembershipRole.STAFF)
    # then
    staff = type(staff).objects.get(pk=staff.pk)
    assert not home.permissions_for_user(staff).can_edit()
    assert not staff.groups.filter(name="township_staff").exists()


def test_granting_twice_keeps_one_membership(township):
    staff = UserFactory()
    membership_grant(user=staff, township=township, role=MembershipRole.STAFF)
    membership_grant(user=staff, township=township, role=MembershipRole.STAFF)
    assert staff.memberships.count() == 1


def test_inactive_member_has_no_rights(township):
    staff = UserFactory()
    membership_grant(user=staff, township=township, role=MembershipRole.STAFF)
    staff.is_active = False
    staff.save()
    assert not permissions.can_edit_township_content(staff, township)


def test_admin_grant_and_removal_keep_cms_groups_in_step(township, admin_client):
    # given
    from townships.core.models import Membership

    staff = UserFactory()
    # when: an admin adds the membership in Django's admin
    response = admin_client.post(
        "/django-admin/townships/membership/add/",
        {"user": staff.pk, "township": township.pk, "role": "township_staff"},
    )
    # then
    assert response.status_code == 302
    assert staff.groups.filter(pk=township.editors_group_id).exists()
    # when: and deletes it again
    membership = Membership.objects.get(user=staff)
    admin_client.post(
        f"/django-admin/townships/membership/{membership.pk}/delete/", {"post": "yes"}
    )
    # then
    assert not staff.groups.filter(pk=township.editors_group_id).exists()
    assert not Membership.objects.filter(user=staff).exists()
