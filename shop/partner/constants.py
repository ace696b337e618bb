"""Choices of the seller stall (a Partner)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StallStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REFUSED = "refused", _("Refused")


class PayoutMethod(models.TextChoices):
    CARD = "card", _("Card payouts")
    CASH = "cash", _("Cash")


class BadgeKind(models.TextChoices):
    COOPERATIVE = "cooperative", _("Registered cooperative")
    GEOGRAPHICAL_INDICATION = "gi", _("Geographical indication")
    ORGANIC = "organic", _("Organic certificate")


class StallActionVerb(models.TextChoices):
    APPLY = "apply", _("applied for the stall")
    VERIFY = "verify", _("verified the stall")
    REFUSE = "refuse", _("refused the stall")
    LIST_PRODUCT = "list_product", _("listed a product")
    EDIT_PRODUCT = "edit_product", _("edited a product")
    RECORD_BADGE = "record_badge", _("recorded a badge")


# Roles (townships.core.constants.MembershipRole values) read through
# user.memberships; shop must not import townships code.
VERIFIER_ROLES = ("township_staff", "township_head")
AGENT_ROLE = "agent"

# What Oscar's allocate, consume and cancel change on a stock record.
STOCK_COUNTS = frozenset({"num_in_stock", "num_allocated"})
