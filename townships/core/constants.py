from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    """What a person does for one township (design.md, Roles)."""

    STAFF = "staff", _("Township staff")
    HEAD = "head", _("Township head")
    OFFICER = "officer", _("Department officer")
    AGENT = "agent", _("Service-centre staff")
    LOGISTICS = "logistics", _("Logistics staff")


class Country(models.TextChoices):
    CHINA = "CN", _("China")
    VIETNAM = "VN", _("Vietnam")
