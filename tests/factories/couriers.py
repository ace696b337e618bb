"""Delivery zones with rates, and couriers."""

from decimal import Decimal

from hub.couriers.constants import DeliveryMethod, ZoneKind
from hub.couriers.models import DeliveryZone, Rate
from hub.couriers.services import courier_add
from tests.factories.accounts import UserFactory


def zone_add(
    *,
    township,
    name: str = "Baiyun village",
    kind: str = ZoneKind.VILLAGE,
    service_point: str = "",
    position: int = 0,
    home: dict[int, str] | None = None,
    pickup: dict[int, str] | None = None,
) -> DeliveryZone:
    """A zone with its rates: {max weight in grams: price} per method."""
    zone = DeliveryZone.objects.create(
        township=township,
        name=name,
        kind=kind,
        service_point=service_point,
        position=position,
    )
    for method, bands in ((DeliveryMethod.HOME, home), (DeliveryMethod.PICKUP, pickup)):
        for max_weight, price in (bands or {}).items():
            Rate.objects.create(
                zone=zone,
                method=method,
                max_weight_grams=max_weight,
                price=Decimal(price),
            )
    return zone


def courier_new(*, township, **user_fields):
    return courier_add(user=UserFactory(**user_fields), township_id=township.pk)
