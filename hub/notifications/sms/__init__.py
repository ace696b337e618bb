"""Send SMS through the backend named by settings.SMS_BACKEND (like EMAIL_BACKEND)."""

from django.conf import settings
from django.utils.module_loading import import_string

from .backends.base import BaseSmsBackend, SmsMessage


def get_backend() -> BaseSmsBackend:
    """Return an instance of the configured SMS backend."""
    return import_string(settings.SMS_BACKEND)()


def send_sms(*, to: str, body: str) -> None:
    """Send one text message now. Call it from a Celery task, not from a request."""
    get_backend().send_messages([SmsMessage(to=to, body=body)])


__all__ = ["BaseSmsBackend", "SmsMessage", "get_backend", "send_sms"]
