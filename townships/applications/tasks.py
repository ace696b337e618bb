"""Celery tasks of applications: tell the citizen of each step, flag deadlines."""

from celery import shared_task

from . import notify
from .deadlines import application_deadlines_flag
from .models import ApplicationEvent, Certificate
from .results import certificate_pdf_store


@shared_task(acks_late=True)
def application_event_notify_task(event_pk: int) -> None:
    """Tell the applicant (and the filing agent) of one step. Safe to run twice."""
    event = (
        ApplicationEvent.objects.select_related(
            "application__applicant__profile",
            "application__filed_by__profile",
            "application__service",
        )
        .filter(pk=event_pk)
        .first()
    )
    if event is not None:
        notify.application_event_notify(event=event)


@shared_task(acks_late=True)
def application_deadlines_flag_task() -> int:
    """Beat: flag applications near or past their deadline; tell the staff once."""
    return application_deadlines_flag()


# PDF work: more room than the global 60 s soft limit, should the disk be slow.
@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def certificate_pdf_render_task(certificate_pk: int) -> None:
    """Render and store a certificate's PDF. Safe to run twice."""
    if Certificate.objects.filter(pk=certificate_pk, pdf="").exists():
        certificate_pdf_store(certificate_pk=certificate_pk)
