"""Celery tasks of the accounts app."""

import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext

from celery import shared_task

from hub.notifications.sms import send_sms

from .models import LoginCode
from .services import login_codes_purge

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5
)
def login_code_sms_task(login_code_pk: int, code: str, language: str = "") -> None:
    """Text the login code in ``language``, unless it was already used up or expired.

    Sending twice (a retry after a lost acknowledgement) sends the same code.
    """
    login_code = LoginCode.objects.filter(pk=login_code_pk).first()
    if login_code is None or not login_code.is_usable:
        logger.info("login_code_sms_task: code %s no longer usable", login_code_pk)
        return
    minutes = max(1, round(settings.SMS_CODE_TTL.total_seconds() / 60))
    with translation.override(language or settings.LANGUAGE_CODE):
        body = ngettext(
            "Your Township Hub login code is %(code)s. It expires in %(minutes)d "
            "minute.",
            "Your Township Hub login code is %(code)s. It expires in %(minutes)d "
            "minutes.",
            minutes,
        ) % {"code": code, "minutes": minutes}
    send_sms(to=str(login_code.phone), body=body)


@shared_task
def login_code_purge_task() -> None:
    """Delete long-expired login codes."""
    deleted = login_codes_purge()
    logger.info("login_code_purge_task: deleted %d codes", deleted)
