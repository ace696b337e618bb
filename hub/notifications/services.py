"""Writes of notifications: store inbox messages, send their e-mail and SMS copies.

Every write here is idempotent, because Celery may run a task twice (late acks:
a worker killed after the work but before the acknowledgement runs it again).
"""

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .constants import DELIVERY_CLAIM_TIMEOUT, Channel, DeliveryStatus, MessageKind
from .models import ChannelPreference, Delivery, Message
from .selectors import channel_preference_list, channels_reachable
from .sms import send_sms

logger = logging.getLogger(__name__)

# Worth another try later: the provider or the network failed, not the message.
TRANSIENT_ERRORS = (
    ConnectionError,
    TimeoutError,
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
)


@dataclass(frozen=True)
class MessageDraft:
    """What one recipient is told; ``channels`` are Channel values besides the inbox."""

    recipient_id: int
    subject: str
    body: str = ""
    url: str = ""
    unsubscribe_url: str = ""
    language: str = ""
    channels: tuple[str, ...] = ()


class DeliveryOutcome(StrEnum):
    SENT = "sent"
    DONE_BEFORE = "done_before"  # sent or failed by an earlier run
    BUSY = "busy"  # claimed by another run that has not finished (or died)
    FAILED = "failed"


class DeliveryImpossible(Exception):
    """The recipient has no address for the channel any more."""


@transaction.atomic
def message_bulk_create(
    *,
    kind: str,
    dedupe_key: str,
    drafts: Iterable[MessageDraft],
    queue: str | None = None,
) -> list[Message]:
    """Store one inbox message per draft and queue its e-mail / SMS after commit.

    A recipient who already has a message with ``dedupe_key`` keeps it, and
    gets no second one (unique constraint, INSERT ... ON CONFLICT DO NOTHING).
    Every delivery of these messages that is still pending is queued again on
    ``queue`` (None: the default queue), so a run that died after its commit
    loses nothing; delivery_send makes the duplicates harmless. Four queries,
    whatever the number of drafts (bulk INSERTs split only past SQLite's limits).
    """
    drafts = list(drafts)
    if not drafts:
        return []
    now = timezone.now()
    Message.objects.bulk_create(
        [
            Message(
                recipient_id=draft.recipient_id,
                kind=kind,
                dedupe_key=dedupe_key,
                subject=" ".join(draft.subject.split())[:200],
                body=draft.body,
                url=draft.url,
                unsubscribe_url=draft.unsubscribe_url,
                language=draft.language,
                created_at=now,
            )
            for draft in drafts
        ],
        ignore_conflicts=True,
    )
    messages = list(
        Message.objects.filter(
            dedupe_key=dedupe_key,
            recipient_id__in=[draft.recipient_id for draft in drafts],
        )
    )
    by_recipient = {message.recipient_id: message for message in messages}
    Delivery.objects.bulk_create(
        [
            Delivery(message=by_recipient[draft.recipient_id], channel=channel)
            for draft in drafts
            for channel in draft.channels
        ],
        ignore_conflicts=True,
    )
    pending = list(
        Delivery.objects.filter(
            message__in=messages, status=DeliveryStatus.PENDING
        ).values_list("pk", flat=True)
    )
    if pending:
        transaction.on_commit(lambda: deliveries_enqueue(pks=pending, queue=queue))
    return messages


def deliveries_enqueue(*, pks: list[int], queue: str | None = None) -> None:
    """Queue one sending task per delivery. Call it after commit."""
    from .tasks import delivery_send_task

    for pk in pks:
        delivery_send_task.apply_async((pk,), queue=queue)


def delivery_send(*, delivery_pk: int) -> DeliveryOutcome:
    """Send one e-mail or SMS copy of a message, unless another run did or does.

    Claims the row first with a conditional UPDATE (pending → sending), so of
    two runs only one sends. A claim older than DELIVERY_CLAIM_TIMEOUT belongs
    to a run that died between claiming and sending, and is taken over. On a
    transient error the claim is released and the error raised, for the task
    to retry; a recipient without an address for the channel fails for good.
    Runs outside any transaction: each UPDATE commits at once.
    """
    now = timezone.now()
    claimed = (
        Delivery.objects.filter(pk=delivery_pk)
        .filter(
            Q(status=DeliveryStatus.PENDING)
            | Q(
                status=DeliveryStatus.SENDING,
                claimed_at__lt=now - DELIVERY_CLAIM_TIMEOUT,
            )
        )
        .update(
            status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )
    if not claimed:
        status = (
            Delivery.objects.filter(pk=delivery_pk)
            .values_list("status", flat=True)
            .first()
        )
        if status == DeliveryStatus.SENDING:
            return DeliveryOutcome.BUSY
        return DeliveryOutcome.DONE_BEFORE
    delivery = Delivery.objects.select_related("message__recipient").get(pk=delivery_pk)
    try:
        if delivery.channel == Channel.EMAIL:
            _send_email(delivery)
        else:
            _send_sms(delivery)
    except TRANSIENT_ERRORS as exc:
        _finish(delivery_pk, status=DeliveryStatus.PENDING, error=repr(exc))
        raise
    except DeliveryImpossible as exc:
        logger.info("delivery_send: delivery %s impossible: %s", delivery_pk, exc)
        _finish(delivery_pk, status=DeliveryStatus.FAILED, error=str(exc))
        return DeliveryOutcome.FAILED
    _finish(delivery_pk, status=DeliveryStatus.SENT, sent_at=timezone.now())
    return DeliveryOutcome.SENT


def delivery_fail(*, delivery_pk: int, error: str) -> None:
    """Give up on a delivery (after the last retry); a sent one stays sent."""
    Delivery.objects.filter(pk=delivery_pk).exclude(status=DeliveryStatus.SENT).update(
        status=DeliveryStatus.FAILED, error=error[:255]
    )


def message_mark_read(*, message: Message) -> Message:
    """Mark the message read the first time its recipient opens it."""
    if message.read_at is None:
        now = timezone.now()
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=now)
        message.read_at = now
    return message


def message_mark_all_read(*, recipient, kind: str = "") -> int:
    """Mark every unread message of the user (of one kind, if given) read; how many."""
    unread = Message.objects.filter(recipient=recipient, read_at__isnull=True)
    if kind:
        unread = unread.filter(kind=kind)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def channel_preferences_set(*, user, chosen: dict[str, set[str]]) -> None:
    """Store, for every MessageKind, which channels the user wants it by.

    ``chosen`` maps MessageKind values to the Channel values ticked; a kind
    left out means none. Only channels that reach the user can be chosen: for
    the others the earlier choice (or the default, every channel) is kept, so
    that confirming a phone later brings SMS back where it was wanted. Raises
    ValidationError (keyed ``channels``) for an unknown kind or channel, or one
    that cannot reach the user; nothing is saved then.
    """
    reachable = channels_reachable(user=user)
    errors = []
    if set(chosen) - set(MessageKind.values) or any(
        set(channels) - set(Channel.values) for channels in chosen.values()
    ):
        errors.append(_("Choose kinds of message and channels from the list."))
    ticked = set().union(*chosen.values()) if chosen else set()
    if Channel.EMAIL in ticked and Channel.EMAIL not in reachable:
        errors.append(
            _("Add an e-mail address to your account to get messages by e-mail.")
        )
    if Channel.SMS in ticked and Channel.SMS not in reachable:
        errors.append(
            _("Log in once with an SMS code to confirm your phone for messages by SMS.")
        )
    if errors:
        raise ValidationError({"channels": errors})
    stored = channel_preference_list(user=user)
    preferences = []
    for kind in MessageKind.values:
        earlier = stored.get(kind) or ChannelPreference()
        wanted = chosen.get(kind, set())
        preferences.append(
            ChannelPreference(
                user=user,
                kind=kind,
                by_email=Channel.EMAIL in wanted
                if Channel.EMAIL in reachable
                else earlier.by_email,
                by_sms=Channel.SMS in wanted
                if Channel.SMS in reachable
                else earlier.by_sms,
            )
        )
    ChannelPreference.objects.bulk_create(
        preferences,
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["by_email", "by_sms"],
    )


def _finish(delivery_pk: int, *, status: str, error: str = "", sent_at=None) -> None:
    # Only the run holding the claim moves the row on.
    Delivery.objects.filter(pk=delivery_pk, status=DeliveryStatus.SENDING).update(
        status=status, error=error[:255], sent_at=sent_at
    )


def _send_email(delivery: Delivery) -> None:
    message = delivery.message
    address = message.recipient.email
    if not address:
        raise DeliveryImpossible("no e-mail address")
    with translation.override(message.language or settings.LANGUAGE_CODE):
        body = render_to_string("notifications/email/message.txt", {"message": message})
    host = urlsplit(settings.HUB_BASE_URL).hostname or "localhost"
    # The same Message-ID on every attempt: if a worker died after handing the
    # mail over but before recording it, mail clients fold the second copy.
    headers = {"Message-ID": f"<message-{message.uuid}@{host}>"}
    if message.unsubscribe_url:
        # RFC 2369 link, and RFC 8058 one-click: the mail client POSTs to it.
        headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    EmailMessage(
        subject=message.subject, body=body, to=[address], headers=headers
    ).send()


def _send_sms(delivery: Delivery) -> None:
    message = delivery.message
    recipient = message.recipient
    if not recipient.phone or not recipient.is_phone_verified:
        raise DeliveryImpossible("no confirmed phone number")
    with translation.override(message.language or settings.LANGUAGE_CODE):
        body = render_to_string(
            "notifications/sms/message.txt", {"message": message}
        ).strip()
    send_sms(to=str(recipient.phone), body=body)
