"""Choices of village produce listings."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProduceCategory(models.TextChoices):
    EGGS_POULTRY = "eggs-poultry", _("Eggs and poultry")
    VEGETABLES = "vegetables", _("Vegetables")
    BAMBOO_SHOOTS = "bamboo-shoots", _("Bamboo shoots")
    FRUIT = "fruit", _("Fruit")
    CURED_MEAT = "cured-meat", _("Cured meat")
    SPICES = "spices", _("Spices")
    TEA = "tea", _("Tea")
    HANDICRAFTS = "handicrafts", _("Handicrafts")


class ProduceUnit(models.TextChoices):
    KG = "kg", _("kg")
    JIN = "jin", _("jin (500 g)")
    DOZEN = "dozen", _("dozen")
    PIECE = "piece", _("piece")
    BUNCH = "bunch", _("bunch")


class PhotoStatus(models.TextChoices):
    PENDING = "pending", _("Being processed")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Refused")


# Sanity bounds of a listing; beyond them the input is a typo, not a price.
MAX_UNIT_PRICE = Decimal("100000000")  # covers VND; CNY prices are far lower
MAX_QUANTITY = 100_000
MAX_WEIGHT_GRAMS = 50_000
MAX_SHELF_LIFE_DAYS = 3650

# Order statuses meaning the parcel reached the buyer (set by delivery); only
# then may the buyer review the product.
RECEIVED_ORDER_STATUSES = ("Delivered", "Complete")
