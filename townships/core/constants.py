from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    """What a person does for one township (design.md, Roles).

    The values are the names of hub.accounts.constants.Role groups, so that a
    membership also puts the person in the hub-wide group of that role.
    """

    STAFF = "township_staff", _("Township staff")
    HEAD = "township_head", _("Township head")
    OFFICER = "officer", _("Department officer")
    AGENT = "agent", _("Service-centre staff")
    LOGISTICS = "logistics", _("Logistics staff")


class Country(models.TextChoices):
    CHINA = "CN", _("China")
    VIETNAM = "VN", _("Vietnam")
