"""Reads of orders split into seller groups."""

from oscar.core.loading import get_model

from hub.couriers.models import Shipment

from .models import SellerGroup

Order = get_model("order", "Order")


def order_groups_with_lines(*, order) -> list[SellerGroup]:
    """The order's seller groups, each with its lines as ``group.lines``.

    Two queries, whatever the number of groups and lines.
    """
    groups = list(order.seller_groups.select_related("partner"))
    lines = list(order.lines.order_by("pk"))
    for group in groups:
        group.lines = [line for line in lines if line.partner_id == group.partner_id]
    return groups


def order_list_for_shopper(*, user):
    """The signed-in shopper's own orders, newest first."""
    return Order.objects.filter(user=user).order_by("-date_placed", "-pk")


def order_get_for_shopper(*, user, number: str):
    """The signed-in shopper's own order, or None (another's is never found)."""
    return Order.objects.filter(user=user, number=number).first()


def order_shipments_by_partner(*, order) -> dict[int, Shipment]:
    """The order's parcels by stall (partner pk), in one query.

    Each placed seller group has its shipment, referenced
    ``order:<number>:<partner pk>``; a group not placed yet has none.
    """
    prefix = f"order:{order.number}:"
    shipments = Shipment.objects.filter(reference__startswith=prefix).only(
        "pk", "uuid", "reference", "status"
    )
    return {
        int(shipment.reference.removeprefix(prefix)): shipment for shipment in shipments
    }
