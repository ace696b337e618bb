"""An SMS provider that is down: every send raises ConnectionError."""

from hub.notifications.sms.backends.base import BaseSmsBackend, SmsMessage


class SmsBackend(BaseSmsBackend):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        raise ConnectionError("provider unreachable")
