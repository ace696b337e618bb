"""Stall services: apply, verify/refuse (staff of the township only), badges
(staff only), assisted opening by agents of the township, and the history."""

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from shop.catalogue.services import product_create
from shop.partner.constants import BadgeKind, StallActionVerb, StallStatus
from shop.partner.models import Badge, Partner, StallAction
from shop.partner.services import badge_record, stall_apply, stall_refuse, stall_verify
from tests.factories.shop import listing_data

pytestmark = pytest.mark.django_db

STALL = {
    "name": "Guifang eggs",
    "village": "Yangping",
    "phone": "+8613800000002",
    "payout_method": "cash",
}


def test_a_citizen_applies_and_the_stall_waits_for_verification(seller, township):
    # when
    stall = stall_apply(actor=seller, owner=seller, township=township, **STALL)
    # then
    assert stall.status == StallStatus.PENDING
    assert list(stall.users.all()) == [seller]
    assert stall.opened_by is None
    action = StallAction.objects.get(stall=stall)
    assert (action.actor, action.on_behalf_of, action.verb) == (
        seller,
        None,
        StallActionVerb.APPLY,
    )


def test_one_stall_per_owner(stall, seller, township):
    with pytest.raises(ValidationError):
        stall_apply(actor=seller, owner=seller, township=township, **STALL)
    assert Partner.objects.filter(users=seller).count() == 1


@pytest.mark.parametrize("reviewer", ["township_staff", "township_head"])
def test_staff_of_the_township_verify(request, pending_stall, reviewer):
    # given
    actor = request.getfixturevalue(reviewer)
    # when
    stall = stall_verify(actor=actor, stall=pending_stall)
    # then
    assert stall.status == StallStatus.VERIFIED
    assert stall.reviewed_by == actor


@pytest.mark.parametrize("who", ["other_township_staff", "agent", "other_seller"])
def test_others_cannot_verify_or_refuse(request, pending_stall, who):
    # given
    actor = request.getfixturevalue(who)
    # when / then
    with pytest.raises(PermissionDenied):
        stall_verify(actor=actor, stall=pending_stall)
    with pytest.raises(PermissionDenied):
        stall_refuse(actor=actor, stall=pending_stall, reason="no")
    pending_stall.refresh_from_db()
    assert pending_stall.status == StallStatus.PENDING


def test_refusal_needs_a_reason(pending_stall, township_staff):
    with pytest.raises(ValidationError):
        stall_refuse(actor=township_staff, stall=pending_stall, reason="  ")
    stall = stall_refuse(
        actor=township_staff, stall=pending_stall, reason="Phone does not answer"
    )
    assert (stall.status, stall.refusal_reason) == (
        StallStatus.REFUSED,
        "Phone does not answer",
    )


def test_an_unverified_stall_cannot_list(pending_stall):
    owner = pending_stall.users.get()
    with pytest.raises(PermissionDenied):
        product_create(actor=owner, stall=pending_stall, data=listing_data())
    assert not pending_stall.products.exists()


def test_badges_are_recorded_by_staff_of_the_township(stall, product, township_staff):
    # when
    badge = badge_record(
        actor=township_staff,
        stall=stall,
        kind=BadgeKind.GEOGRAPHICAL_INDICATION,
        number="GI-0001",
        product=product,
    )
    # then
    assert Badge.objects.get() == badge
    assert badge.recorded_by == township_staff


@pytest.mark.parametrize("who", ["seller", "other_township_staff", "agent"])
def test_badges_cannot_be_set_by_sellers_or_anyone_else(request, stall, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        badge_record(actor=actor, stall=stall, kind=BadgeKind.ORGANIC, number="X")
    assert not Badge.objects.exists()


def test_an_agent_opens_a_stall_for_a_villager_of_their_township(
    agent, villager, township
):
    # when
    stall = stall_apply(actor=agent, owner=villager, township=township, **STALL)
    # then: the villager owns it, the agent is recorded as acting for her
    assert list(stall.users.all()) == [villager]
    assert stall.opened_by == agent
    action = StallAction.objects.get(stall=stall)
    assert (action.actor, action.on_behalf_of) == (agent, villager)


def test_an_agent_of_another_township_cannot_open_a_stall_here(
    other_township_agent, villager, township
):
    with pytest.raises(PermissionDenied):
        stall_apply(
            actor=other_township_agent, owner=villager, township=township, **STALL
        )
    assert not Partner.objects.exists()


def test_an_agent_cannot_open_a_stall_for_a_villager_of_another_township(
    agent, villager, other_township
):
    # the agent has no role in other_township
    with pytest.raises(PermissionDenied):
        stall_apply(actor=agent, owner=villager, township=other_township, **STALL)


def test_an_agent_lists_for_the_villager_and_it_is_recorded(agent, stall, seller):
    # when
    product = product_create(actor=agent, stall=stall, data=listing_data())
    # then
    action = StallAction.objects.get(verb=StallActionVerb.LIST_PRODUCT)
    assert (action.actor, action.on_behalf_of, action.product) == (
        agent,
        seller,
        product,
    )


def test_an_agent_of_another_township_cannot_list_on_the_stall(
    other_township_agent, stall
):
    with pytest.raises(PermissionDenied):
        product_create(actor=other_township_agent, stall=stall, data=listing_data())
    assert not stall.products.exists()
