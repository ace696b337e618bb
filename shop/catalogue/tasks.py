"""Celery tasks of the catalogue: photo processing."""

import logging

from celery import shared_task

from .constants import PhotoStatus
from .models import ProductPhotoUpload
from .services import product_photo_process

logger = logging.getLogger(__name__)


@shared_task(soft_time_limit=120, time_limit=180)
def product_photo_process_task(upload_pk: int) -> None:
    """Process one uploaded photo into a product image. Safe to run twice."""
    upload = ProductPhotoUpload.objects.filter(pk=upload_pk).first()
    if upload is None or upload.status != PhotoStatus.PENDING:
        logger.info("product_photo_process_task: upload %s already done", upload_pk)
        return
    upload = product_photo_process(upload=upload)
    logger.info("product_photo_process_task: upload %s is %s", upload_pk, upload.status)
