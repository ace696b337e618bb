import sys

from .base import BaseSmsBackend, SmsMessage


class SmsBackend(BaseSmsBackend):
    """Print each message to standard output (the demo's terminal)."""

    def send_messages(self, messages: list[SmsMessage]) -> int:
        for message in messages:
            sys.stdout.write(f"[SMS to {message.to}] {message.body}\n")
        sys.stdout.flush()
        return len(messages)
