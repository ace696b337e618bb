"""Reads of notifications: a user's own inbox, and nobody else's."""

from django.db.models import QuerySet

from .constants import Channel
from .models import Message


def message_list_for_recipient(*, recipient) -> QuerySet[Message]:
    """The user's messages, newest first (one query per page)."""
    return Message.objects.filter(recipient=recipient).order_by("-created_at", "-pk")


def message_unread_count(*, recipient) -> int:
    """How many of the user's messages they have not opened yet."""
    return Message.objects.filter(recipient=recipient, read_at__isnull=True).count()


def channels_available(*, user) -> list[str]:
    """The channels besides the inbox that can reach the user (Channel values)."""
    channels = []
    if user.email:
        channels.append(Channel.EMAIL)
    if user.phone and user.is_phone_verified:
        channels.append(Channel.SMS)
    return channels
