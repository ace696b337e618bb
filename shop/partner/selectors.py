"""Reads for stalls: a seller's own stall, products, order lines and earnings.

Every read that takes a user is scoped to that user's stall; "not yours" and
"does not exist" are the same ``Http404``.
"""

from decimal import Decimal
from typing import Any

from django.db.models import F, Prefetch, QuerySet, Sum
from django.http import Http404

from shop.catalogue.models import Product, ProductImage

from .constants import StallStatus
from .models import Badge, Partner, StallAction
from .permissions import agent_township_ids, verifier_township_ids

# Order lines in these states earn nothing (Oscar's default pipeline names).
_CANCELLED_STATUSES = ("Cancelled",)


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


def stall_order_lines(*, stall: Partner) -> QuerySet:
    """The order lines this stall has to fulfil (newest first).

    Reached through Oscar's ``Line.partner`` reverse relation, so that only this
    stall's lines of a multi-seller order are ever read.
    """
    return stall.order_lines.select_related("order", "product").order_by(
        "-order__date_placed", "-pk"
    )


def stall_earnings(*, stall: Partner) -> Decimal:
    """What the stall has earned: its non-cancelled order lines, tax included."""
    total = (
        stall_order_lines(stall=stall)
        .exclude(status__in=_CANCELLED_STATUSES)
        .aggregate(total=Sum(F("line_price_incl_tax")))["total"]
    )
    return total or Decimal("0.00")


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
