"""Statuses of orders and of their seller groups.

Oscar keeps an order's status as a plain string; ours are fixed English keys
(shown translated through ORDER_STATUS_LABELS) so that code and data agree.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

ORDER_PENDING_PAYMENT = "Pending payment"
ORDER_PLACED = "Placed"
ORDER_CANCELLED = "Cancelled"
ORDER_COMPLETE = "Complete"

ORDER_STATUS_LABELS = {
    ORDER_PENDING_PAYMENT: _("Waiting for your card payment"),
    ORDER_PLACED: _("Placed"),
    ORDER_CANCELLED: _("Cancelled"),
    ORDER_COMPLETE: _("Complete"),
}

LINE_REFUSED = "Refused"
LINE_CANCELLED = "Cancelled"
LINE_INACTIVE_STATUSES = (LINE_REFUSED, LINE_CANCELLED)

# An unpaid card order holds its stock this long; then it is cancelled.
UNPAID_CARD_ORDER_TTL_MINUTES = 30


class SellerGroupStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("Waiting for payment")
    PLACED = "placed", _("To be packed")
    DISPATCHED = "dispatched", _("On its way")
    DELIVERED = "delivered", _("Delivered")
    RETURNED = "returned", _("Returned to the seller")
    CANCELLED = "cancelled", _("Cancelled")


# Before dispatch the shopper may cancel a group and the seller refuse a line.
GROUP_OPEN_STATUSES = (SellerGroupStatus.PENDING_PAYMENT, SellerGroupStatus.PLACED)
