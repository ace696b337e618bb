"""Celery tasks of the pages app: telling subscribers, scheduled publishing."""

import logging

from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from .dispatch import notice_dispatch_batch_send, notice_dispatch_fan_out
from .models import NoticeDispatch

logger = logging.getLogger(__name__)

# Both tasks are idempotent, so a batch cut short is simply run again.
RETRY_OPTIONS = {
    "autoretry_for": (OperationalError, SoftTimeLimitExceeded),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(**RETRY_OPTIONS)
def notice_dispatch_task(dispatch_pk: int) -> int:
    """Queue the batches of a round of telling a notice's subscribers.

    Safe to run twice: every batch is idempotent. Returns the number of batches.
    """
    dispatch = NoticeDispatch.objects.filter(pk=dispatch_pk).first()
    if dispatch is None:
        logger.info("notice_dispatch_task: dispatch %s is gone", dispatch_pk)
        return 0
    return notice_dispatch_fan_out(
        dispatch=dispatch, batch_size=settings.HUB_NOTICE_BATCH_SIZE
    )


@shared_task(**RETRY_OPTIONS)
def notice_dispatch_batch_task(dispatch_pk: int, after_pk: int, until_pk: int) -> int:
    """Tell the subscribers in one pk range (after_pk, until_pk] of a round.

    Safe to run twice: nobody gets a second message, and deliveries still
    pending are queued again (a run that died after its commit loses nothing).
    """
    dispatch = (
        NoticeDispatch.objects.select_related("notice", "township")
        .filter(pk=dispatch_pk)
        .first()
    )
    if dispatch is None:
        logger.info("notice_dispatch_batch_task: dispatch %s is gone", dispatch_pk)
        return 0
    return notice_dispatch_batch_send(
        dispatch=dispatch, after_pk=after_pk, until_pk=until_pk
    )


@shared_task
def pages_publish_scheduled_task() -> None:
    """Run Wagtail's publish_scheduled: scheduled pages go live, expired ones down."""
    call_command("publish_scheduled")
