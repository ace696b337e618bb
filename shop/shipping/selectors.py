"""Reads for checkout's deliveries."""

from django.db.models import QuerySet

from hub.couriers.constants import ZoneKind
from hub.couriers.models import DeliveryZone
from shop.partner.models import Partner


def delivery_zones_for_stalls(
    *, stall_pks: set[int], with_outside: bool
) -> QuerySet[DeliveryZone]:
    """Active zones of the stalls' townships, with their rates; two queries.

    ``with_outside``: include zones beyond the township (a carrier takes them).
    """
    zones = DeliveryZone.objects.filter(
        is_active=True,
        township_id__in=Partner.objects.filter(pk__in=stall_pks).values("township_id"),
    ).prefetch_related("rates")
    if not with_outside:
        zones = zones.exclude(kind=ZoneKind.OUTSIDE)
    return zones
