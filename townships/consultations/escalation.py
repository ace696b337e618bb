"""Escalate late items to the township head, once per deadline.

Late: still open and past the promised first reply (none given yet) or past
the answer deadline. The mark is set by a conditional UPDATE on
escalated_at IS NULL, so when two beat processes run at once the row lock
makes the second UPDATE wait, re-read the row and match nothing: one run
records the escalation and tells the head. Reopening clears the mark.
"""

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .constants import ConsultationEventKind, ConsultationStatus
from .models import Consultation, ConsultationEvent
from .notify import consultation_head_notify

logger = logging.getLogger(__name__)


def _late(now) -> Q:
    return Q(status=ConsultationStatus.OPEN, escalated_at__isnull=True) & (
        Q(answer_due__lt=now) | Q(first_reply_at__isnull=True, first_reply_due__lt=now)
    )


def _escalate(consultation: Consultation, now) -> bool:
    with transaction.atomic():
        marked = Consultation.objects.filter(_late(now), pk=consultation.pk).update(
            escalated_at=now, updated_at=now
        )
        if not marked:
            return False
        event = ConsultationEvent.objects.create(
            consultation=consultation,
            kind=ConsultationEventKind.ESCALATED,
            text=consultation.department.name,
            at=now,
        )
        consultation_head_notify(event=event)
    logger.info("consultation_escalate_late: %s", consultation.pk)
    return True


def consultation_escalate_late() -> int:
    """Escalate every late item not escalated yet; the number escalated.

    Safe to run twice, and twice at once (see the module's docstring).
    """
    now = timezone.now()
    candidates = (
        Consultation.objects.filter(_late(now))
        .select_related("township", "department")
        .order_by("pk")
    )
    return sum(_escalate(consultation, now) for consultation in candidates)
