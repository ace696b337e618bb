"""Choices of the township micro-site pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# How many notices the township home shows, and an index page shows per page.
HOME_NOTICE_COUNT = 5
NOTICES_PER_PAGE = 10
FEED_NOTICE_COUNT = 30
# The township home's produce, and the hub home's notices and produce.
HOME_PRODUCT_COUNT = 8
HUB_NOTICE_COUNT = 6
HUB_PRODUCT_COUNT = 8
# Search: the longest query we accept, and the best matches we show.
SEARCH_QUERY_MAX_LENGTH = 100
SEARCH_RESULT_COUNT = 20


class NoticeCategory(models.TextChoices):
    POLICY = "policy", _("Policy")
    PUBLIC_NOTICE = "public_notice", _("Public notice")
    EVENT = "event", _("Event")
    EMERGENCY_ALERT = "emergency_alert", _("Emergency alert")


class DeliveryOption(models.TextChoices):
    PICK_UP = "pick_up", _("Pick up at the service hall")
    COURIER = "courier", _("Sent by courier")
    ELECTRONIC = "electronic", _("Electronic certificate")
