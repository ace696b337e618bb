"""Errors that services raise and interfaces turn into a message for the user."""


class ApplicationError(Exception):
    """A rule of ours refused the action; ``message`` is safe to show the user."""

    def __init__(self, message: str, extra: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
