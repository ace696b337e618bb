"""Celery tasks of questions."""

from celery import shared_task

from .escalation import consultation_escalate_late


@shared_task(acks_late=True)
def consultation_escalate_late_task() -> int:
    """Beat: escalate late questions to the township head, once each."""
    return consultation_escalate_late()
