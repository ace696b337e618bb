"""Reads for stalls: a seller's own stall, products, orders and badges.

Every read that takes a user is scoped to that user's stall; "not yours" and
"does not exist" are the same ``Http404``.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404

from hub.payments.models import Payment
from shop.catalogue.models import Product, ProductImage
from shop.order.constants import SellerGroupStatus
from shop.order.models import Line, SellerGroup

from .constants import VERIFIER_ROLES, StallStatus
from .earnings import GroupMoney, group_payments
from .models import Badge, Partner, Payout, StallAction
from .permissions import agent_township_ids, verifier_township_ids


def stall_get_for_owner(*, user: Any) -> Partner | None:
    """The user's own stall, or None."""
    if not user.is_authenticated:
        return None
    return (
        Partner.objects.filter(users=user)
        .select_related("township", "opened_by")
        .order_by("pk")
        .first()
    )


def stall_get_for_manager(*, user: Any, stall_uuid: Any) -> Partner:
    """A stall the user owns or assists (agent of its township); else 404."""
    if not user.is_authenticated:
        raise Http404
    stall = (
        Partner.objects.select_related("township")
        .filter(uuid=stall_uuid)
        .filter(users=user)
        .first()
    )
    if stall is None:
        stall = (
            Partner.objects.select_related("township")
            .filter(uuid=stall_uuid, township_id__in=agent_township_ids(user))
            .first()
        )
    if stall is None:
        raise Http404
    return stall


def stall_product_list(*, stall: Partner) -> QuerySet[Product]:
    """The stall's products with their stock record and first photo."""
    return (
        Product.objects.filter(stall=stall)
        .prefetch_related(
            "stockrecords",
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
        )
        .order_by("-date_created", "-pk")
    )


def stall_product_get(*, stall: Partner, pk: int) -> Product:
    """One product of this stall; 404 for any other product."""
    product = (
        Product.objects.filter(stall=stall, pk=pk)
        .select_related("stall__township")
        .prefetch_related("stockrecords", "images", "photo_uploads")
        .first()
    )
    if product is None:
        raise Http404
    return product


@dataclass(frozen=True)
class StallOrder:
    """One order as the stall sees it: its group, its own lines, its payment."""

    group: SellerGroup
    lines: list[Line]
    payment: Payment | None
    money: GroupMoney

    @property
    def is_to_pack(self) -> bool:
        """Paid (or cash on delivery) and not yet sent: the seller packs it."""
        return self.group.status == SellerGroupStatus.PLACED


def stall_order_list(*, stall: Partner, limit: int = 50) -> list[StallOrder]:
    """The stall's part of its latest orders, newest first; three queries.

    Lines are read through ``Line.partner``, so another stall's lines of the
    same order are never read.
    """
    groups = list(
        stall.seller_groups.select_related("order")
        .prefetch_related(
            Prefetch(
                "order__lines",
                queryset=Line.objects.filter(partner=stall).order_by("pk"),
                to_attr="stall_lines",
            )
        )
        .order_by("-order__date_placed", "-pk")[:limit]
    )
    payments = group_payments(groups)
    return [
        StallOrder(
            group=group,
            lines=group.order.stall_lines,
            payment=payments[group.pk],
            money=GroupMoney.of(
                goods=group.active_total(group.order.stall_lines),
                payment=payments[group.pk],
            ),
        )
        for group in groups
    ]


def stall_order_line_get(*, stall: Partner, pk: int) -> Line:
    """One order line this stall sells; 404 for any other line."""
    line = stall.order_lines.filter(pk=pk).first()
    if line is None:
        raise Http404
    return line


def stall_payouts(*, stall: Partner) -> QuerySet[Payout]:
    """The stall's latest payouts, newest first."""
    return stall.payouts.select_related("recorded_by")[:10]


def stall_badges(*, stall: Partner) -> QuerySet[Badge]:
    return Badge.objects.filter(stall=stall).select_related("product")


def stall_actions(*, stall: Partner) -> QuerySet[StallAction]:
    return StallAction.objects.filter(stall=stall).select_related(
        "actor", "on_behalf_of", "product"
    )[:20]


def stall_list_for_reviewer(*, user: Any) -> QuerySet[Partner]:
    """Stalls of the townships the user reviews, pending ones first."""
    qs = Partner.objects.select_related("township").prefetch_related("users")
    if not user.is_superuser:
        qs = qs.filter(township_id__in=verifier_township_ids(user))
    return qs.order_by(
        F("status").asc(),  # "pending" < "refused" < "verified"
        "-pk",
    )


def stall_get_for_reviewer(*, user: Any, stall_uuid: Any) -> Partner:
    """A stall of a township the user reviews; 404 otherwise."""
    stall = stall_list_for_reviewer(user=user).filter(uuid=stall_uuid).first()
    if stall is None:
        raise Http404
    return stall


def township_list_for_finance(*, user: Any) -> list[Any]:
    """The townships whose stall earnings the user exports (staff and heads)."""
    memberships = user.memberships.filter(role__in=VERIFIER_ROLES).select_related(
        "township"
    )
    return [membership.township for membership in memberships.order_by("township_id")]


def stall_list_for_agent(*, user: Any) -> QuerySet[Partner]:
    """Stalls of the townships where the user is a service-centre agent."""
    return (
        Partner.objects.filter(township_id__in=agent_township_ids(user))
        .select_related("township")
        .prefetch_related("users")
        .order_by("name")
    )


def stall_get_public(*, stall_uuid: Any) -> Partner:
    """A verified stall as shoppers see it; 404 otherwise."""
    stall = (
        Partner.objects.filter(uuid=stall_uuid, status=StallStatus.VERIFIED)
        .select_related("township")
        .prefetch_related(
            Prefetch("badges", queryset=Badge.objects.filter(product=None))
        )
        .first()
    )
    if stall is None:
        raise Http404
    return stall
