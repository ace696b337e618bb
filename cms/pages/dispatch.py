"""Tell a notice's subscribers: one dispatch per round, fanned out by Celery.

The publish request only records a NoticeDispatch and queues
notice_dispatch_task after commit (a constant number of queries, whatever the
number of subscribers). That task splits the subscribers into pk ranges and
queues one batch task per range; each batch stores an inbox message per
subscriber (idempotent: unique per user and round) and queues their e-mails and
SMS. Emergency alerts use the urgent queue all the way down.
"""

import logging

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Revision, Site

from hub.notifications.constants import Channel, MessageKind
from hub.notifications.selectors import channels_available
from hub.notifications.services import MessageDraft, message_bulk_create

from .models import NoticeDispatch, NoticePage, NoticeSubscription
from .selectors import township_for_page
from .subscriptions import notice_unsubscribe_url

logger = logging.getLogger(__name__)


@transaction.atomic
def notice_dispatch_for_publish(
    *, notice: NoticePage, revision: Revision | None = None
) -> NoticeDispatch | None:
    """Record a round of telling subscribers of a notice just published.

    Called from Wagtail's page_published signal. Does nothing for a notice that
    is not live now (scheduled: it is told when it goes live), has expired, or
    is an alias; nor when the notice or one of its translations was told
    before, unless "tell subscribers again" is ticked: that adds a round and
    unticks the box in the page row and the published revision, with UPDATEs
    (saving the page would make a new revision). The fan-out task is queued
    after commit, on the urgent queue for an emergency alert.
    """
    now = timezone.now()
    if (
        not notice.live
        or notice.alias_of_id is not None
        or (notice.expire_at is not None and notice.expire_at <= now)
    ):
        return None
    last_round = NoticeDispatch.objects.filter(
        translation_key=notice.translation_key
    ).aggregate(last=Max("round"))["last"]
    if last_round and not notice.notify_again:
        return None
    township = township_for_page(page=notice)
    if township is None:
        return None
    # The unique (translation_key, round) settles two publications racing.
    dispatch, created = NoticeDispatch.objects.get_or_create(
        translation_key=notice.translation_key,
        round=(last_round or 0) + 1,
        defaults={"notice": notice, "township": township, "category": notice.category},
    )
    if notice.notify_again:
        _untick_notify_again(notice=notice, revision=revision)
    if created and _has_subscribers(dispatch):
        from .tasks import notice_dispatch_task

        notice_dispatch_task.apply_async_on_commit(
            (dispatch.pk,), queue=notice_dispatch_queue(dispatch=dispatch)
        )
    return dispatch


def notice_dispatch_queue(*, dispatch: NoticeDispatch) -> str | None:
    """The Celery queue of the round's tasks: urgent for an emergency alert.

    None means Celery's default queue.
    """
    return settings.HUB_URGENT_QUEUE if dispatch.is_urgent else None


def notice_dispatch_fan_out(*, dispatch: NoticeDispatch, batch_size: int) -> int:
    """Queue one batch task per ``batch_size`` subscribers; return how many.

    The batches are pk ranges (after, until] of the subscriptions that match
    now. Running this twice queues every batch twice, which the batches make
    harmless. Someone who subscribes after this ran is not told of the notice.
    """
    from .tasks import notice_dispatch_batch_task

    pks = list(_subscriptions(dispatch).order_by("pk").values_list("pk", flat=True))
    queue = notice_dispatch_queue(dispatch=dispatch)
    batches = 0
    for start in range(0, len(pks), batch_size):
        after = pks[start - 1] if start else 0
        until = pks[min(start + batch_size, len(pks)) - 1]
        notice_dispatch_batch_task.apply_async((dispatch.pk, after, until), queue=queue)
        batches += 1
    logger.info(
        "notice_dispatch_fan_out: dispatch %s, %d subscribers in %d batches",
        dispatch.pk,
        len(pks),
        batches,
    )
    return batches


@transaction.atomic
def notice_dispatch_batch_send(
    *, dispatch: NoticeDispatch, after_pk: int, until_pk: int
) -> int:
    """Tell the round's subscribers with after_pk < pk <= until_pk; return how many.

    Each gets one inbox message, written in their preferred language (else the
    notice's), with the notice's translation in that language when one is
    live; e-mails and SMS are queued after commit. Idempotent: a subscriber
    already told in this round is not told again. A notice taken down since it
    was published is told to nobody.
    """
    notice = dispatch.notice
    now = timezone.now()
    if not notice.live or (notice.expire_at is not None and notice.expire_at <= now):
        return 0
    subscriptions = list(
        _subscriptions(dispatch)
        .filter(pk__gt=after_pk, pk__lte=until_pk, user__is_active=True)
        .select_related("user__profile")
        .prefetch_related("user__channel_preferences")
        .order_by("pk")
    )
    translations = {
        page.locale.language_code: page
        for page in NoticePage.objects.live()
        .filter(translation_key=notice.translation_key)
        .select_related("locale")
    }
    notice_language = next(
        (code for code, page in translations.items() if page.pk == notice.pk),
        settings.LANGUAGE_CODE,
    )
    texts: dict[str, tuple[str, str, str]] = {}
    drafts = []
    for subscription in subscriptions:
        user = subscription.user
        language = _preferred_language(user) or notice_language
        if language not in texts:
            texts[language] = _notice_text(
                notice=translations.get(language, notice),
                dispatch=dispatch,
                language=language,
            )
        subject, body, url = texts[language]
        available = channels_available(user=user, kind=MessageKind.NOTICE)
        channels = [
            channel
            for channel, wanted in (
                (Channel.EMAIL, subscription.by_email),
                (Channel.SMS, subscription.by_sms),
            )
            if wanted and channel in available
        ]
        drafts.append(
            MessageDraft(
                recipient_id=user.pk,
                subject=subject,
                body=body,
                url=url,
                unsubscribe_url=notice_unsubscribe_url(subscription=subscription),
                language=language,
                channels=tuple(channels),
            )
        )
    message_bulk_create(
        kind=MessageKind.NOTICE,
        dedupe_key=dispatch.dedupe_key,
        drafts=drafts,
        queue=notice_dispatch_queue(dispatch=dispatch),
    )
    return len(drafts)


def _subscriptions(dispatch: NoticeDispatch):
    return NoticeSubscription.objects.for_notice(
        township_id=dispatch.township_id, category=dispatch.category
    )


def _has_subscribers(dispatch: NoticeDispatch) -> bool:
    return _subscriptions(dispatch).exists()


def _untick_notify_again(*, notice: NoticePage, revision: Revision | None) -> None:
    NoticePage.objects.filter(pk=notice.pk).update(notify_again=False)
    notice.notify_again = False
    # The editor's form opens from the latest revision: untick it there too, or
    # the next publication would tell everyone again unasked.
    if revision is not None and revision.content.get("notify_again"):
        Revision.objects.filter(pk=revision.pk).update(
            content={**revision.content, "notify_again": False}
        )


def _preferred_language(user) -> str:
    try:
        language = user.profile.preferred_language
    except ObjectDoesNotExist:
        return ""
    return language if language in dict(settings.LANGUAGES) else ""


def _notice_text(
    *, notice: NoticePage, dispatch: NoticeDispatch, language: str
) -> tuple[str, str, str]:
    """Subject, text and absolute link of the notice, in ``language``."""
    with translation.override(language):
        values = {"township": dispatch.township.name, "title": notice.title}
        if dispatch.is_urgent:
            subject = _("Emergency alert from %(township)s: %(title)s") % values
        else:
            subject = _("%(township)s: %(title)s") % values
        category = _("Category: %(category)s") % {
            "category": notice.get_category_display()
        }
        body = "\n\n".join(part for part in (notice.summary, category) if part)
    return subject, body, _absolute_url(notice)


def _absolute_url(page: NoticePage) -> str:
    """The page's address for a message read outside the site (e-mail, SMS)."""
    parts = page.get_url_parts()
    if parts is None:
        return settings.HUB_BASE_URL
    site_id, root_url, path = parts
    default_site = Site.objects.filter(is_default_site=True).first()
    if default_site is None or site_id == default_site.pk:
        # The default Site says "localhost:80"; HUB_BASE_URL is the real address.
        root_url = settings.HUB_BASE_URL
    return root_url.rstrip("/") + path
