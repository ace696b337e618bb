"""Celery tasks of notifications: send the e-mail and SMS copies of messages."""

import logging
import random

from celery import shared_task

from .constants import DELIVERY_CLAIM_TIMEOUT, DELIVERY_MAX_RETRIES
from .services import (
    TRANSIENT_ERRORS,
    DeliveryOutcome,
    delivery_fail,
    delivery_send,
)

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=DELIVERY_MAX_RETRIES)
def delivery_send_task(self, delivery_pk: int) -> str:
    """Send one delivery; safe to run twice (delivery_send claims the row first).

    Transient provider errors retry with exponential backoff and jitter, then
    mark the delivery failed. A delivery claimed by another run is looked at
    again once that claim could have expired, in case that run died.
    """
    try:
        outcome = delivery_send(delivery_pk=delivery_pk)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            logger.warning(
                "delivery_send_task: delivery %s failed: %r", delivery_pk, exc
            )
            delivery_fail(delivery_pk=delivery_pk, error=repr(exc))
            return DeliveryOutcome.FAILED
        countdown = 10 * 2**self.request.retries + random.uniform(0, 5)
        raise self.retry(exc=exc, countdown=countdown) from exc
    if outcome == DeliveryOutcome.BUSY and self.request.retries < self.max_retries:
        countdown = DELIVERY_CLAIM_TIMEOUT.total_seconds() + random.uniform(5, 30)
        raise self.retry(countdown=countdown)
    return outcome
