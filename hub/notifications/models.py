"""The in-site inbox (Message) and the e-mail / SMS copies of a message (Delivery)."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.core.models import ChoiceLabelsMixin

from .constants import Channel, DeliveryStatus, MessageKind


class Message(ChoiceLabelsMixin, models.Model):
    """One message to one user, kept in their inbox at /me/.

    ``dedupe_key`` names what the message is about (e.g. ``notice:12:1``); a
    user has at most one message per key, so a task that runs twice stores it once.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="inbox_messages",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MessageKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    unsubscribe_url = models.CharField(
        _("unsubscribe link"), max_length=500, blank=True
    )
    # The language the message was written in; e-mail and SMS wording follow it.
    language = models.CharField(_("language"), max_length=10, blank=True)
    dedupe_key = models.CharField(_("dedupe key"), max_length=120)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                name="notifications_message_once_per_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"],
                name="notifications_inbox_idx",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Delivery(models.Model):
    """A message's copy by e-mail or SMS: at most one per channel, sent once.

    The sending task claims the row (pending → sending) with a conditional
    UPDATE before it sends, and marks it sent after; see services.delivery_send.
    """

    message = models.ForeignKey(
        "notifications.Message",
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("message"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "channel"],
                name="notifications_delivery_once_per_channel",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.message_id}: {self.status}"


class ChannelPreference(models.Model):
    """Which of e-mail and SMS a user wants for one kind of message.

    The inbox always gets every message. Without a row for a kind, every
    channel that can reach the user is used (selectors.channels_available).
    """

    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="channel_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MessageKind.choices)
    by_email = models.BooleanField(_("by e-mail"), default=True)
    by_sms = models.BooleanField(_("by SMS"), default=True)

    class Meta:
        verbose_name = _("channel preference")
        verbose_name_plural = _("channel preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notifications_preference_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: e-mail {self.by_email}, SMS {self.by_sms}"
