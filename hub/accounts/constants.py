"""Roles of design.md, as the names of the Django groups that carry them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    SELLER = "seller", _("Seller")
    COURIER = "courier", _("Courier")
    TOWNSHIP_STAFF = "township_staff", _("Township staff")
    TOWNSHIP_HEAD = "township_head", _("Township head")
    OFFICER = "officer", _("Department officer")
    AGENT = "agent", _("Service-centre staff")
    LOGISTICS = "logistics", _("Logistics staff")
    ADMIN = "admin", _("Hub admin")
