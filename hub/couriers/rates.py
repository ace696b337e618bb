"""Delivery charges by zone, method and weight, and the shipping codes of checkout.

A shipping method chosen at checkout is named ``zone:<pk>:<method>`` (Oscar
keeps it as the order's ``shipping_code``), so the shipments of the order know
where they go and how.
"""

from decimal import Decimal

from .constants import DeliveryMethod
from .models import DeliveryZone, Rate


def shipping_code(zone: DeliveryZone, method: str) -> str:
    return f"zone:{zone.pk}:{method}"


def shipping_code_parse(code: str) -> tuple[int, str] | None:
    """(zone pk, method) of a shipping code, or None if it is not one of ours."""
    prefix, _sep, rest = (code or "").partition(":")
    zone_pk, _sep, method = rest.partition(":")
    if prefix != "zone" or not zone_pk.isdigit() or method not in DeliveryMethod:
        return None
    return int(zone_pk), method


def rate_price(rates: list[Rate], weight_grams: int) -> Decimal | None:
    """The price of the lightest band that takes the weight; None if none does.

    ``rates`` are one zone's rates of one method (any order).
    """
    fitting = [rate for rate in rates if rate.max_weight_grams >= weight_grams]
    if not fitting:
        return None
    return min(fitting, key=lambda rate: rate.max_weight_grams).price
