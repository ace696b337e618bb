"""Choices of the township micro-site pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# How many notices the township home shows, and an index page shows per page.
HOME_NOTICE_COUNT = 5
NOTICES_PER_PAGE = 10
FEED_NOTICE_COUNT = 30


class NoticeCategory(models.TextChoices):
    POLICY = "policy", _("Policy")
    PUBLIC_NOTICE = "public_notice", _("Public notice")
    EVENT = "event", _("Event")
    EMERGENCY_ALERT = "emergency_alert", _("Emergency alert")


class DeliveryOption(models.TextChoices):
    PICK_UP = "pick_up", _("Pick up at the service hall")
    COURIER = "courier", _("Sent by courier")
    ELECTRONIC = "electronic", _("Electronic certificate")
