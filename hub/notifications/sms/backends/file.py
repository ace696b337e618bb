from django.conf import settings
from django.utils import timezone

from .base import BaseSmsBackend, SmsMessage


class SmsBackend(BaseSmsBackend):
    """Append each message to a file per day under settings.SMS_FILE_PATH."""

    def send_messages(self, messages: list[SmsMessage]) -> int:
        folder = settings.SMS_FILE_PATH
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{timezone.now():%Y-%m-%d}.log"
        with path.open("a", encoding="utf-8") as out:
            for message in messages:
                out.write(
                    f"{timezone.now().isoformat()}\t{message.to}\t{message.body}\n"
                )
        return len(messages)
