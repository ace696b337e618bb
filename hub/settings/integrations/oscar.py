"""django-oscar: its defaults, then ours."""

from decimal import Decimal

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from oscar.defaults import *  # noqa: F403

from ..env import env

OSCAR_SHOP_NAME = env.str("HUB_SITE_NAME", default="Township Hub")
OSCAR_SHOP_TAGLINE = _("Village produce, township services")
OSCAR_DEFAULT_CURRENCY = env.str("HUB_DEFAULT_CURRENCY", default="CNY")
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_HOMEPAGE = reverse_lazy("catalogue:index")
# Oscar's wish lists have no page in the hub (only Oscar's own unstyled account
# pages): Oscar's own switch hides their buttons, and nothing links to them.
OSCAR_HIDDEN_FEATURES = ["wishlists"]
OSCAR_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="hub@localhost")
# The hub's share of what stalls sell, in percent (e.g. "5" or "2.5"). Earnings
# are computed, not stored, so a change applies to past orders too.
HUB_SHOP_COMMISSION_PERCENT = env(
    "HUB_SHOP_COMMISSION_PERCENT", cast=Decimal, default=Decimal("0")
)

HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
}
