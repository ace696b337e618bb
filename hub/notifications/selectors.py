"""Reads of notifications: a user's own inbox, and the channels that reach them."""

from django.db.models import Count, QuerySet

from .constants import Channel, MessageKind
from .models import ChannelPreference, Message


def message_list_for_recipient(*, recipient, kind: str = "") -> QuerySet[Message]:
    """The user's messages, newest first, of one kind if given (one query per page)."""
    messages = Message.objects.filter(recipient=recipient)
    if kind:
        messages = messages.filter(kind=kind)
    return messages.order_by("-created_at", "-pk")


def message_unread_count(*, recipient) -> int:
    """How many of the user's messages they have not opened yet."""
    return Message.objects.filter(recipient=recipient, read_at__isnull=True).count()


def message_unread_counts_by_kind(*, recipient) -> dict[str, int]:
    """Unread messages per MessageKind value, every kind present (one query)."""
    counts = dict.fromkeys(MessageKind.values, 0)
    counts.update(
        Message.objects.filter(recipient=recipient, read_at__isnull=True)
        .values_list("kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return counts


def channels_reachable(*, user) -> list[str]:
    """The channels besides the inbox the user has an address for (Channel values).

    What may be offered to the user; whether they want it is channels_available.
    """
    channels = []
    if user.email:
        channels.append(Channel.EMAIL)
    if user.phone and user.is_phone_verified:
        channels.append(Channel.SMS)
    return channels


def channel_preference_list(*, user) -> dict[str, ChannelPreference]:
    """The user's stored choices by MessageKind value; a kind never chosen is absent.

    Uses ``user.channel_preferences`` prefetched by the caller, if it was, so
    that telling many users costs one query, not one per user.
    """
    return {
        preference.kind: preference for preference in user.channel_preferences.all()
    }


def channels_available(*, user, kind: str) -> list[str]:
    """The channels besides the inbox to send the user a message of ``kind`` by.

    Those that reach the user, less those they turned off for the kind; a user
    who never chose gets every channel that reaches them. At most one query
    (none if the caller prefetched ``channel_preferences`` or nothing reaches
    the user).
    """
    reachable = channels_reachable(user=user)
    if not reachable:
        return []
    preference = channel_preference_list(user=user).get(kind)
    if preference is None:
        return reachable
    wanted = {Channel.EMAIL: preference.by_email, Channel.SMS: preference.by_sms}
    return [channel for channel in reachable if wanted[channel]]
