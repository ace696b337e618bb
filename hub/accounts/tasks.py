"""Celery tasks of the accounts app."""

import logging

from django.utils.translation import gettext as _

from celery import shared_task

from hub.notifications.sms import send_sms

from .models import LoginCode
from .services import login_codes_purge

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5
)
def login_code_sms_task(login_code_pk: int, code: str) -> None:
    """Text the login code, unless it was already used up or expired."""
    login_code = LoginCode.objects.filter(pk=login_code_pk).first()
    if login_code is None or not login_code.is_usable:
        logger.info("login_code_sms_task: code %s no longer usable", login_code_pk)
        return
    send_sms(
        to=str(login_code.phone),
        body=_("Your Township Hub login code is %(code)s. It expires in 10 minutes.")
        % {"code": code},
    )


@shared_task
def login_code_purge_task() -> None:
    """Delete long-expired login codes."""
    deleted = login_codes_purge()
    logger.info("login_code_purge_task: deleted %d codes", deleted)
