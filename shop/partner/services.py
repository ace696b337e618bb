"""Writes for stalls: apply (self or assisted), verify, refuse, record badges."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import BadgeKind, PayoutMethod, StallActionVerb, StallStatus
from .models import Badge, Partner, StallAction
from .permissions import (
    can_apply_for_stall,
    can_assist_in_township,
    can_record_badge,
    can_review_stall,
)

# What an owner does; anyone else doing it acts on an owner's behalf.
_OWNER_VERBS = {
    StallActionVerb.APPLY,
    StallActionVerb.LIST_PRODUCT,
    StallActionVerb.EDIT_PRODUCT,
}


def stall_action_record(
    *,
    stall: Partner,
    actor: Any,
    verb: StallActionVerb,
    product: Any = None,
    note: str = "",
) -> StallAction:
    """Record who did what to the stall; for an agent, for which owner.

    Called inside the caller's transaction.
    """
    owners = list(stall.users.all())
    on_behalf_of = None
    acts_as_owner = verb in _OWNER_VERBS
    if acts_as_owner and owners and actor.pk not in {o.pk for o in owners}:
        on_behalf_of = owners[0]
    return StallAction.objects.create(
        stall=stall,
        actor=actor,
        on_behalf_of=on_behalf_of,
        verb=verb,
        product=product,
        note=note,
    )


@transaction.atomic
def stall_apply(
    *,
    actor: Any,
    owner: Any,
    name: str,
    village: str,
    township: Any,
    phone: str,
    payout_method: str = PayoutMethod.CASH,
    cooperative: str = "",
    story: str = "",
) -> Partner:
    """Open a stall application for ``owner``; it sells once staff verify it.

    ``actor`` is the owner, or a service-centre agent of ``township`` acting for
    a villager who lives there (recorded as such). One stall per owner.
    """
    if actor.pk != owner.pk:
        if not can_assist_in_township(actor, township.pk):
            raise PermissionDenied(_("You can only help villagers of your township."))
        profile = getattr(owner, "profile", None)
        if profile is None or profile.township_id != township.pk:
            raise ValidationError(
                _("This villager does not live in your township."), code="township"
            )
    elif not can_apply_for_stall(actor):
        raise PermissionDenied
    if Partner.objects.filter(users=owner).exists():
        raise ValidationError(
            _("This account already has a stall."), code="already_has_stall"
        )
    stall = Partner(
        name=name,
        village=village,
        township=township,
        phone=phone,
        payout_method=payout_method,
        cooperative=cooperative,
        story=story,
        status=StallStatus.PENDING,
        opened_by=actor if actor.pk != owner.pk else None,
    )
    stall.full_clean()
    stall.save()
    stall.users.add(owner)
    stall_action_record(stall=stall, actor=actor, verb=StallActionVerb.APPLY)
    return stall


@transaction.atomic
def stall_verify(*, actor: Any, stall: Partner) -> Partner:
    """Let the stall sell. Only staff or the head of its township may."""
    stall = Partner.objects.select_for_update().get(pk=stall.pk)
    if not can_review_stall(actor, stall):
        raise PermissionDenied
    stall.status = StallStatus.VERIFIED
    stall.refusal_reason = ""
    stall.reviewed_by = actor
    stall.reviewed_at = timezone.now()
    stall.full_clean()
    stall.save()
    stall_action_record(stall=stall, actor=actor, verb=StallActionVerb.VERIFY)
    return stall


@transaction.atomic
def stall_refuse(*, actor: Any, stall: Partner, reason: str) -> Partner:
    """Refuse the stall, with a reason the applicant reads."""
    stall = Partner.objects.select_for_update().get(pk=stall.pk)
    if not can_review_stall(actor, stall):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Please say why the stall is refused.")}, code="required"
        )
    stall.status = StallStatus.REFUSED
    stall.refusal_reason = reason
    stall.reviewed_by = actor
    stall.reviewed_at = timezone.now()
    stall.full_clean()
    stall.save()
    stall_action_record(
        stall=stall, actor=actor, verb=StallActionVerb.REFUSE, note=reason
    )
    return stall


@transaction.atomic
def badge_record(
    *,
    actor: Any,
    stall: Partner,
    kind: BadgeKind,
    number: str,
    expires_on: date | None = None,
    product: Any = None,
) -> Badge:
    """Record an official badge on the stall, or on one of its products."""
    if not can_record_badge(actor, stall):
        raise PermissionDenied
    if product is not None and product.stall_id != stall.pk:
        raise ValidationError(
            {"product": _("This product is not sold by this stall.")}, code="product"
        )
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError(
            {"expires_on": _("This certificate has already expired.")},
            code="expired",
        )
    badge = Badge(
        stall=stall,
        product=product,
        kind=kind,
        number=number.strip(),
        expires_on=expires_on,
        recorded_by=actor,
    )
    badge.full_clean()
    badge.save()
    stall_action_record(
        stall=stall,
        actor=actor,
        verb=StallActionVerb.RECORD_BADGE,
        product=product,
        note=str(badge),
    )
    return badge
