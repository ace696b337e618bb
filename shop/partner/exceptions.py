from django.utils.translation import gettext as _

from hub.core.exceptions import ApplicationError


class InsufficientStock(ApplicationError):
    """The stall has fewer left than the basket asks for (someone bought first)."""

    def __init__(self, *, product_title: str, available: int) -> None:
        if available > 0:
            message = _("Only %(count)s left of %(product)s.") % {
                "count": available,
                "product": product_title,
            }
        else:
            message = _("%(product)s is sold out.") % {"product": product_title}
        super().__init__(message, extra={"available": available})
