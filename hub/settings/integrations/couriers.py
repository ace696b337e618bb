"""Couriers: which carrier takes parcels that leave the township."""

from ..env import env

# A name from hub.couriers.registry ("fake" in the demo and tests). Empty:
# checkout offers only the township's own villages, no delivery elsewhere.
HUB_COURIERS_OUTSIDE_PROVIDER = env.str("HUB_COURIERS_OUTSIDE_PROVIDER", default="")
