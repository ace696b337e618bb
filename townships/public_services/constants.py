from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryOption(models.TextChoices):
    """How the result of a service reaches the citizen (issue 7, item 5)."""

    E_CERTIFICATE = "e_certificate", _("Download as an e-certificate")
    PICKUP = "pickup", _("Pick up at the service hall")
    COURIER = "courier", _("Sent by courier")


class VisitsNeeded(models.IntegerChoices):
    NONE = 0, _("None: all online")
    ONE = 1, _("One visit")


# Digits after the decimal point of an amount, where a currency has no cents.
CURRENCY_DECIMALS = {"VND": 0, "JPY": 0, "KRW": 0}
DEFAULT_CURRENCY_DECIMALS = 2

# Sample and template files of the materials (public, under MEDIA_URL).
TEMPLATE_MAX_BYTES = 10 * 1024 * 1024
# PDF names that run code or other programs when the file is opened.
PDF_ACTIVE_CONTENT_MARKERS = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile")

SEARCH_QUERY_MAX_LENGTH = 100
