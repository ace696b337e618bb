"""Oscar's pricing/availability strategy, with one rule of ours: only a verified
stall sells. A product of a pending or refused stall is shown as unavailable and
cannot be put in a basket."""

from oscar.apps.partner import strategy
from oscar.apps.partner.availability import Unavailable

from .constants import StallStatus


class StallStrategy(strategy.Default):
    """Oscar's default strategy, refusing stock records of unverified stalls."""

    def availability_policy(self, product, stockrecord):
        if stockrecord is not None and stockrecord.partner.status != (
            StallStatus.VERIFIED
        ):
            return Unavailable()
        return super().availability_policy(product, stockrecord)


class Selector(strategy.Selector):
    """Return the hub's strategy for every request."""

    def strategy(self, request=None, user=None, **kwargs):
        return StallStrategy(request)
