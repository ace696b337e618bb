"""The steps of an application, each checked, recorded and told.

Every step locks the application row, checks the status machine
(constants.TRANSITIONS) and the actor's right, and writes one
ApplicationEvent. The legal clock starts at submission, stops while the
application waits for the citizen's correction or is suspended, and the
deadline is recomputed from the pauses whenever it restarts.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.exceptions import ApplicationError
from hub.payments.constants import PaymentMethod
from hub.payments.models import Payment
from hub.payments.services import payment_cash_record
from townships.core.permissions import (
    can_act_for_citizens_of,
    can_handle_for_department,
    can_view_township_statistics,
)
from townships.core.workdays import deadline_for

from .constants import (
    CLOCK_STOPPED,
    NEEDS_REASON,
    RATEABLE,
    RATING_REVIEW_AT_MOST,
    TRANSITIONS,
    ApplicationEventKind,
    ApplicationStatus,
)
from .models import Application, ApplicationEvent, ClockPause, MaterialView
from .results import application_result_issue

A = ApplicationStatus

# Officers' steps; the citizen's are submit (also after a correction) and withdraw.
OFFICER_STEPS = (A.ACCEPTED, A.CORRECTION, A.SUSPENDED, A.APPROVED, A.REJECTED)


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("service", "township", "department")
        .get(pk=application.pk)
    )


def _event(application, status, *, actor, note="", kind=ApplicationEventKind.STATUS):
    """Record one step; the citizen is told of it by a task queued after commit."""
    from .tasks import application_event_notify_task

    event = ApplicationEvent.objects.create(
        application=application,
        kind=kind,
        status=status,
        at=timezone.now(),
        actor=actor,
        note=note,
    )
    application_event_notify_task.delay_on_commit(event.pk)
    return event


def _check_transition(application: Application, to: str) -> None:
    if to not in TRANSITIONS[application.status]:
        raise ApplicationError(
            _("An application that is “%(old)s” cannot become “%(new)s”.")
            % {"old": A(application.status).label, "new": A(to).label}
        )


def _is_applicant_side(actor, application: Application) -> bool:
    """The applicant, or an agent of the township who filed it for them."""
    if not (actor and actor.is_authenticated):
        return False
    if application.applicant_id == actor.pk:
        return True
    return application.filed_by_id == actor.pk and can_act_for_citizens_of(
        actor, application.township
    )


def _deadlines_set(application: Application) -> None:
    """The legal and promised dates from submission, pauses and extensions."""
    pauses = [
        (pause.started_at, pause.ended_at or timezone.now())
        for pause in application.pauses.all()
    ]
    service = application.service
    application.deadline = deadline_for(
        submitted_at=application.submitted_at,
        days=service.legal_time_limit_days + application.extended_days,
        township=application.township,
        paused=pauses,
    )
    application.promised_by = deadline_for(
        submitted_at=application.submitted_at,
        days=service.promised_time_days,
        township=application.township,
        paused=pauses,
    )


def _pause_end(application: Application) -> None:
    application.pauses.filter(ended_at__isnull=True).update(ended_at=timezone.now())


@transaction.atomic
def application_submit(*, application: Application, actor) -> Application:
    """Submit a draft, or resubmit after a correction (the clock runs again)."""
    application = _locked(application)
    if not _is_applicant_side(actor, application):
        raise ApplicationError(_("Only the applicant can submit this application."))
    if application.status == A.SUBMITTED:
        return application  # the same button twice
    _check_transition(application, A.SUBMITTED)
    now = timezone.now()
    if application.status == A.DRAFT:
        application.submitted_at = now
        application.reference = _reference_new(application)
    else:
        _pause_end(application)
    application.status = A.SUBMITTED
    application.is_near_flagged = application.is_overdue_flagged = False
    _deadlines_set(application)
    application.save()
    _event(application, A.SUBMITTED, actor=actor)
    return application


def _reference_new(application: Application) -> str:
    """Township, year and the row's number: readable on the phone and at the
    counter, and unique without a counter to race on."""
    year = timezone.localdate().year
    return f"{application.township.slug[:3].upper()}-{year}-{application.pk:06d}"


@transaction.atomic
def application_step(
    *, application: Application, to: str, actor, reason: str = ""
) -> Application:
    """An officer of the application's department takes it one step on."""
    application = _locked(application)
    if to not in OFFICER_STEPS:
        raise ApplicationError(_("This is not a step an officer takes."))
    if not can_handle_for_department(actor, application.department):
        raise ApplicationError(_("Only officers of this department handle this."))
    if application.status == to:
        return application  # the same button twice
    _check_transition(application, to)
    reason = (reason or "").strip()
    if to in NEEDS_REASON and not reason:
        raise ApplicationError(_("Give the reason: the applicant reads it."))
    if application.status == A.SUSPENDED:
        _pause_end(application)
    if to in CLOCK_STOPPED:
        ClockPause.objects.create(
            application=application, started_at=timezone.now(), reason=to
        )
    application.status = to
    if to in (A.APPROVED, A.REJECTED):
        application.decided_at = timezone.now()
        application.decision_reason = reason
    _deadlines_set(application)
    application.save()
    _event(application, to, actor=actor, note=reason)
    if to == A.APPROVED:
        application_result_issue(application=application, actor=actor)
    return application


@transaction.atomic
def application_extend(
    *, application: Application, days: int, actor, reason: str
) -> Application:
    """Extend the time limit, as the law allows, with a reason the citizen reads."""
    application = _locked(application)
    if not can_handle_for_department(actor, application.department):
        raise ApplicationError(_("Only officers of this department handle this."))
    if application.status not in (A.SUBMITTED, A.ACCEPTED, A.SUSPENDED):
        raise ApplicationError(_("Only an application being handled can be extended."))
    if not 1 <= days <= 60:
        raise ApplicationError(_("Extend by 1 to 60 working days."))
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Give the reason: the applicant reads it."))
    application.extended_days += days
    application.is_near_flagged = application.is_overdue_flagged = False
    _deadlines_set(application)
    application.save()
    _event(
        application,
        application.status,
        actor=actor,
        note=reason,
        kind=ApplicationEventKind.EXTENDED,
    )
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor) -> Application:
    application = _locked(application)
    if not _is_applicant_side(actor, application):
        raise ApplicationError(_("Only the applicant can withdraw this application."))
    if application.status == A.WITHDRAWN:
        return application
    _check_transition(application, A.WITHDRAWN)
    _pause_end(application)
    application.status = A.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    _event(application, A.WITHDRAWN, actor=actor)
    return application


def material_view_record(*, material, viewer) -> MaterialView:
    """Audit one look at a private material by someone other than the applicant.

    The caller has checked that the viewer may see it; every look is a row.
    """
    return MaterialView.objects.create(material=material, viewer=viewer)


@transaction.atomic
def application_rate(
    *, application: Application, actor, rating, reason: str = ""
) -> Application:
    """The applicant rates a finished application once; a low rating opens a
    review by the township head, who is told."""
    application = _locked(application)
    if not (actor and actor.is_authenticated and application.applicant_id == actor.pk):
        raise ApplicationError(_("Only the applicant can rate this application."))
    if application.status not in RATEABLE:
        raise ApplicationError(_("You can rate an application once it is decided."))
    if application.rating is not None:
        raise ApplicationError(_("You have already rated this application."))
    if rating not in range(1, 6):
        raise ApplicationError(_("Choose 1 to 5 stars."))
    reason = " ".join((reason or "").split())
    if len(reason) > 500:
        raise ApplicationError(_("Keep the reason under 500 characters."))
    now = timezone.now()
    application.rating = rating
    application.rating_reason = reason
    application.rated_at = now
    if rating <= RATING_REVIEW_AT_MOST:
        application.review_opened_at = now
    application.save()
    event = _event(
        application,
        application.status,
        actor=actor,
        note=f"{rating}/5" + (f"\n{reason}" if reason else ""),
        kind=ApplicationEventKind.RATED,
    )
    if application.review_opened_at is not None:
        from .notify import application_staff_notify

        application_staff_notify(event=event)
    return application


@transaction.atomic
def application_review_close(
    *, application: Application, actor, note: str
) -> Application:
    """The township head closes the review of a low rating, with what was done."""
    application = _locked(application)
    if not can_view_township_statistics(actor, application.township):
        raise ApplicationError(_("Only the township head reviews low ratings."))
    if application.review_opened_at is None:
        raise ApplicationError(_("This application has no review to close."))
    if application.review_closed_at is not None:
        return application
    note = (note or "").strip()
    if not note:
        raise ApplicationError(_("Write what was found and done."))
    application.review_closed_at = timezone.now()
    application.save(update_fields=["review_closed_at", "updated_at"])
    _event(
        application,
        application.status,
        actor=actor,
        note=note,
        kind=ApplicationEventKind.REVIEW_CLOSED,
    )
    return application


def application_fee_counter_record(
    *, application: Application, actor, receipt: str
) -> Payment:
    """An officer of the department records the fee paid in cash at the counter.

    The receipt number makes a second recording of the same cash harmless.
    """
    if not can_handle_for_department(actor, application.department):
        raise ApplicationError(_("Only officers of this department handle this."))
    receipt = (receipt or "").strip()
    if not receipt:
        raise ApplicationError(_("Type the number of the counter's receipt."))
    payment = Payment.objects.filter(
        reference=f"fee:{application.reference}", method=PaymentMethod.CASH
    ).first()
    if payment is None:
        raise ApplicationError(
            _("The applicant did not choose to pay this fee at the counter.")
        )
    return payment_cash_record(
        payment=payment,
        amount=payment.amount,
        receipt=f"fee-counter:{application.township_id}:{receipt}",
        actor=actor,
    )
