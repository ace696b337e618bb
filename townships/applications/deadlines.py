"""Flag applications whose legal deadline is near or past, and tell the staff once."""

import logging
from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from townships.core.workdays import working_days_to_each

from .constants import CLOCK_RUNNING, ApplicationEventKind
from .models import Application, ApplicationEvent
from .notify import application_staff_notify

logger = logging.getLogger(__name__)

# "Near": the deadline is at most this many working days ahead (today included).
NEAR_WORKING_DAYS = 2
# No run of 2 working days spans more calendar days than this (golden weeks).
_NEAR_REACH = timedelta(days=14)


def _local_today(township, now: datetime) -> date:
    return now.astimezone(ZoneInfo(township.timezone)).date()


def _flag(application: Application, *, kind: str, field: str) -> bool:
    """Set one flag with a conditional UPDATE; record and tell only if it was unset.

    Two runs at once both try; the row lock makes the second UPDATE wait for
    the first to commit and then match nothing, so one of them tells.
    """
    with transaction.atomic():
        flagged = Application.objects.filter(
            pk=application.pk, status__in=CLOCK_RUNNING, **{field: False}
        ).update(**{field: True, "updated_at": timezone.now()})
        if not flagged:
            return False
        event = ApplicationEvent.objects.create(
            application=application,
            kind=kind,
            status=application.status,
            at=timezone.now(),
            note=str(application.deadline),
        )
        application_staff_notify(event=event)
    logger.info("application_deadlines_flag: %s %s", application.pk, kind)
    return True


def application_deadlines_flag(*, today: date | None = None) -> int:
    """Flag running applications due within 2 working days, or overdue; tell once.

    `today` defaults to each township's local date. Only applications whose
    clock runs (submitted, accepted) are considered. Safe to run twice, and
    twice at once: each flag is set by a conditional UPDATE that only one run
    wins. Returns the number of flags set.
    """
    now = timezone.now()
    horizon = (today or now.date()) + _NEAR_REACH
    candidates = (
        Application.objects.filter(
            status__in=CLOCK_RUNNING,
            deadline__isnull=False,
            deadline__lte=horizon,
            is_overdue_flagged=False,
        )
        .select_related("township", "department", "service")
        .order_by("township_id", "deadline", "pk")
    )
    by_township = defaultdict(list)
    for application in candidates:
        by_township[application.township].append(application)
    flagged = 0
    for township, applications in by_township.items():
        local_today = today or _local_today(township, now)
        days_left = working_days_to_each(
            start=local_today,
            ends=[application.deadline for application in applications],
            country=township.country,
            township=township,
        )
        for application in applications:
            if application.deadline < local_today:
                flagged += _flag(
                    application,
                    kind=ApplicationEventKind.FLAGGED_OVERDUE,
                    field="is_overdue_flagged",
                )
            elif (
                days_left[application.deadline] <= NEAR_WORKING_DAYS
                and not application.is_near_flagged
            ):
                flagged += _flag(
                    application,
                    kind=ApplicationEventKind.FLAGGED_NEAR,
                    field="is_near_flagged",
                )
    return flagged
