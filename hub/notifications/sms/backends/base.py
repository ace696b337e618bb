"""The interface every SMS backend (console, file, locmem, a provider) implements."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str


class BaseSmsBackend:
    """Sends text messages; a provider subclass raises on a transient failure."""

    def send_messages(self, messages: list[SmsMessage]) -> int:
        """Send the messages and return how many were sent."""
        raise NotImplementedError
