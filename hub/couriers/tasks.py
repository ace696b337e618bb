from celery import shared_task

from . import notify, services
from .base import CarrierUnavailable
from .constants import FINAL_STATUSES, TOWNSHIP_PROVIDER
from .models import Shipment, TrackingEvent


@shared_task(acks_late=True)
def tracking_event_notify_task(event_pk: int) -> None:
    """Tell the recipient of one change of their shipment (told once)."""
    event = (
        TrackingEvent.objects.select_related("shipment__recipient")
        .filter(pk=event_pk)
        .first()
    )
    if event is not None:
        notify.tracking_event_notify(event=event)


@shared_task(
    acks_late=True,
    autoretry_for=(CarrierUnavailable,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=6,
)
def shipment_book_task(shipment_pk: int) -> None:
    """Book a shipment with its outside carrier. Safe to run twice."""
    shipment = Shipment.objects.filter(pk=shipment_pk).first()
    if shipment is not None:
        services.shipment_book(shipment=shipment)


@shared_task
def shipments_track_task() -> int:
    """Beat: read outside carriers' tracking of shipments still on their way."""
    applied = 0
    open_shipments = (
        Shipment.objects.exclude(provider=TOWNSHIP_PROVIDER)
        .exclude(provider_reference="")
        .exclude(status__in=FINAL_STATUSES)
    )
    for shipment in open_shipments.iterator():
        try:
            applied += services.shipment_track_sync(shipment=shipment)
        except CarrierUnavailable:
            continue
    return applied
