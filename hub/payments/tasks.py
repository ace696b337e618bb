from datetime import timedelta

from celery import shared_task

from . import services
from .gateway import GatewayError
from .models import StripeEvent


@shared_task(
    autoretry_for=(GatewayError,), retry_backoff=True, max_retries=8, acks_late=True
)
def stripe_event_process_task(stripe_event_pk: int) -> None:
    """Act on a webhook event; retried while Stripe cannot be reached."""
    stripe_event = StripeEvent.objects.filter(pk=stripe_event_pk).first()
    if stripe_event is not None:
        services.stripe_event_process(stripe_event=stripe_event)


@shared_task
def payment_reconcile_task() -> int:
    """Beat: re-read card payments left waiting, in case a webhook never came."""
    return services.payment_reconcile(older_than=timedelta(minutes=10))
