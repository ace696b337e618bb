"""Choices and limits of the in-site inbox and of e-mail / SMS deliveries."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

INBOX_PAGE_SIZE = 20
# A delivery claimed longer ago than this is presumed abandoned (its worker was
# killed between claiming and sending) and may be claimed again. It must exceed
# CELERY_TASK_TIME_LIMIT, or a slow but living send could be taken over.
DELIVERY_CLAIM_TIMEOUT = timedelta(minutes=5)
DELIVERY_MAX_RETRIES = 6


class MessageKind(models.TextChoices):
    """What a message is about; each app that sends messages adds its kind here."""

    NOTICE = "notice", _("Notice")
    ORDER = "order", _("Order")
    PARCEL = "parcel", _("Parcel")
    APPLICATION = "application", _("Application")
    QUESTION = "question", _("Question")


class Channel(models.TextChoices):
    """Ways a message leaves the site; the in-site inbox always has it too."""

    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
