"""Who is told when a payment succeeds: the app that owns the reference.

hub imports nothing of shop or townships, so they register here (in their
AppConfig.ready) a handler for their reference prefix: "order" for the shop,
"fee" for the service hall. Handlers run after the commit that marks the
payment paid, which happens once per payment.
"""

from collections.abc import Callable

_succeeded_handlers: dict[str, list[Callable]] = {}


def on_payment_succeeded(purpose: str):
    """Register a handler `fn(payment)` for payments whose reference is `purpose:…`."""

    def register(fn: Callable) -> Callable:
        handlers = _succeeded_handlers.setdefault(purpose, [])
        if fn not in handlers:
            handlers.append(fn)
        return fn

    return register


def payment_succeeded(payment) -> None:
    for handler in _succeeded_handlers.get(payment.purpose, []):
        handler(payment)
