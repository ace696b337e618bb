"""Two registries: carriers by name, and who is told of shipment changes.

Carriers (``@register("fake")``) book, label and track shipments that leave
the township with the post or an express company; "township" is the built-in
carrier, the township's own couriers. Status handlers
(``@on_shipment_status("order")``) are the apps that own a reference prefix:
the shop moves its seller group along, consumes stock and so on. They run
inside the transaction that changes the status, so both happen or neither.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from hub.core.exceptions import ApplicationError

from .base import Carrier

_carriers: dict[str, type[Carrier]] = {}
_status_handlers: dict[str, list[Callable]] = {}


def register(name: str):
    """Class decorator: make a Carrier available under `name`."""

    def decorate(cls: type[Carrier]) -> type[Carrier]:
        cls.name = name
        _carriers[name] = cls
        return cls

    return decorate


def carrier_get(name: str) -> Carrier:
    try:
        return _carriers[name]()
    except KeyError:
        raise ApplicationError(
            _("No carrier called %(name)s is set up.") % {"name": name}
        ) from None


def carrier_names() -> list[str]:
    return sorted(_carriers)


def on_shipment_status(purpose: str):
    """Register `fn(shipment, old_status)` for references `purpose:…`."""

    def register_handler(fn: Callable) -> Callable:
        handlers = _status_handlers.setdefault(purpose, [])
        if fn not in handlers:
            handlers.append(fn)
        return fn

    return register_handler


def shipment_status_changed(shipment, old_status: str) -> None:
    for handler in _status_handlers.get(shipment.purpose, []):
        handler(shipment, old_status)
