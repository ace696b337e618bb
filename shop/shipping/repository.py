"""Which deliveries checkout offers a basket, and at what price.

The zones are the villages of the townships the basket's stalls are in, and
"outside" zones when a carrier is configured for them. Each zone offers
delivery to the door and, where the village has a service point, a pickup
there, each at the sum of its rate for every parcel (one per stall). A
delivery that a parcel is too heavy for is not offered. A township with no
zones yet keeps Oscar's free method, named for what it is: the seller
arranges the delivery.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from oscar.apps.shipping import repository

from hub.couriers.constants import DeliveryMethod
from shop.shipping.methods import Free, ZoneDelivery, parcel_weights
from shop.shipping.selectors import delivery_zones_for_stalls


class NoDelivery(Free):
    """Shown as the basket page's estimate when no delivery takes the basket.

    Never offered at checkout, so it cannot be chosen.
    """

    code = "no-delivery"
    name = _("No delivery takes parcels this heavy")


class Repository(repository.Repository):
    """Deliveries to the villages of the basket's townships, priced per parcel."""

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        weights = parcel_weights(basket)
        candidates = _zone_deliveries(stall_pks=set(weights))
        if not candidates:
            return [Free()]
        return [
            method for method in candidates if method.charges_for(weights) is not None
        ]

    def get_default_shipping_method(self, basket, shipping_addr=None, **kwargs):
        methods = self.get_shipping_methods(
            basket, shipping_addr=shipping_addr, **kwargs
        )
        return methods[0] if methods else NoDelivery()

    def find_by_code(self, code, basket, shipping_addr=None, **kwargs):
        """The delivery offered for this basket under ``code``, or None."""
        methods = self.get_shipping_methods(
            basket, shipping_addr=shipping_addr, **kwargs
        )
        return next((method for method in methods if method.code == code), None)


def _zone_deliveries(*, stall_pks: set[int]) -> list[ZoneDelivery]:
    """Every zone's deliveries that have rates, by zone then door before pickup."""
    zones = delivery_zones_for_stalls(
        stall_pks=stall_pks, with_outside=bool(settings.HUB_COURIERS_OUTSIDE_PROVIDER)
    )
    deliveries = []
    for zone in zones:
        methods = [DeliveryMethod.HOME]
        if zone.has_pickup:
            methods.append(DeliveryMethod.PICKUP)
        for method in methods:
            rates = [rate for rate in zone.rates.all() if rate.method == method]
            if rates:
                deliveries.append(
                    ZoneDelivery(zone=zone, delivery_method=method, rates=rates)
                )
    return deliveries
