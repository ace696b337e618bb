from .base import BaseSmsBackend, SmsMessage

# Messages sent in this process, for tests (like django.core.mail.outbox).
outbox: list[SmsMessage] = []


class SmsBackend(BaseSmsBackend):
    """Keep messages in memory, in ``outbox``."""

    def send_messages(self, messages: list[SmsMessage]) -> int:
        outbox.extend(messages)
        return len(messages)
