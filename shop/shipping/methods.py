"""Deliveries offered at checkout: a zone's rates, one parcel per stall.

A basket from several stalls leaves as one parcel per stall (each stall's
seller group), so a delivery costs the sum of each parcel's charge by its
weight. ``stall_charges`` gives those parts; the order keeps them per group,
so that each parcel's cash and refunds carry their own delivery charge.
"""

from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from oscar.apps.shipping import methods
from oscar.core import prices

from hub.couriers.constants import DeliveryMethod
from hub.couriers.models import DeliveryZone, Rate
from hub.couriers.rates import rate_price, shipping_code

ZERO = Decimal("0.00")


def parcel_weights(basket) -> dict[int, int]:
    """Grams of each stall's parcel (by partner pk); an unknown weight counts 0."""
    weights: dict[int, int] = {}
    for line in basket.all_lines():
        partner_id = line.stockrecord.partner_id
        grams = line.quantity * (line.product.weight_grams or 0)
        weights[partner_id] = weights.get(partner_id, 0) + grams
    return weights


class Free(methods.Free):
    """No charge: the stall arranges delivery (its township has no zones yet)."""

    name = _("Delivery arranged by the seller")


class ZoneDelivery(methods.Base):
    """Delivery to the door in a village, or pickup at its service point."""

    def __init__(self, *, zone: DeliveryZone, delivery_method: str, rates: list[Rate]):
        self.zone = zone
        self.delivery_method = delivery_method
        self.rates = rates
        self.code = shipping_code(zone, delivery_method)

    @property
    def is_pickup(self) -> bool:
        return self.delivery_method == DeliveryMethod.PICKUP

    @property
    def name(self) -> str:
        if self.is_pickup:
            return gettext("Pickup at %(point)s, %(village)s") % {
                "point": self.zone.service_point,
                "village": self.zone.name,
            }
        return gettext("Delivery to the door: %(village)s") % {
            "village": self.zone.name
        }

    def charges_for(self, weights: dict[int, int]) -> dict[int, Decimal] | None:
        """Each parcel's charge by stall; None if one is heavier than every band."""
        charges = {}
        for partner_id, grams in weights.items():
            price = rate_price(self.rates, grams)
            if price is None:
                return None
            charges[partner_id] = price
        return charges

    def stall_charges(self, basket) -> dict[int, Decimal]:
        """Each stall's parcel charge for this basket, by partner pk."""
        charges = self.charges_for(parcel_weights(basket))
        if charges is None:
            raise ValueError(f"{self.code} does not take a parcel of this basket")
        return charges

    def calculate(self, basket) -> prices.Price:
        total = sum(self.stall_charges(basket).values(), ZERO)
        return prices.Price(currency=basket.currency, excl_tax=total, tax=ZERO)


def stall_charges(method, basket) -> dict[int, Decimal]:
    """What each stall's parcel pays of ``method``'s charge, by partner pk.

    The parts add up to ``method.calculate(basket)``: a method without rates
    (free, arranged by the seller) charges every parcel nothing, and a
    shipping offer's discount comes off the parcels in turn.
    """
    inner = method.method if isinstance(method, methods.OfferDiscount) else method
    if isinstance(inner, ZoneDelivery):
        full = inner.stall_charges(basket)
    else:
        full = dict.fromkeys(parcel_weights(basket), ZERO)
    charge = method.calculate(basket)
    charged = charge.incl_tax if charge.is_tax_known else charge.excl_tax
    discount = sum(full.values(), ZERO) - charged
    parts = {}
    for partner_id in sorted(full):
        off = min(full[partner_id], discount)
        parts[partner_id] = full[partner_id] - off
        discount -= off
    return parts
