"""Orders, forked so that each order is split into one group per seller.

A shopper pays once for a basket from several stalls; each stall sees,
packs and ships only its own group (its lines, reached by ``Line.partner``),
and each group becomes its own parcel. A seller may refuse a line with a
reason; the shopper may cancel a whole group before it is dispatched.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oscar.apps.order.abstract_models import AbstractLine

from .constants import (
    GROUP_OPEN_STATUSES,
    LINE_INACTIVE_STATUSES,
    SellerGroupStatus,
)


class Line(AbstractLine):
    refusal_reason = models.CharField(
        _("reason for refusal"), max_length=255, blank=True
    )

    @property
    def is_active(self) -> bool:
        return self.status not in LINE_INACTIVE_STATUSES


class SellerGroup(models.Model):
    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="seller_groups"
    )
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="seller_groups",
        verbose_name=_("stall"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SellerGroupStatus.choices,
        default=SellerGroupStatus.PLACED,
    )
    total = models.DecimalField(
        _("total"),
        max_digits=12,
        decimal_places=2,
        help_text=_("The group's lines at the time of ordering, tax included."),
    )
    shipping_charge = models.DecimalField(
        _("delivery charge"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text=_("This parcel's part of the order's delivery charge."),
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("seller group")
        verbose_name_plural = _("seller groups")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "partner"], name="seller_group_one_per_stall"
            )
        ]
        indexes = [models.Index(fields=["partner", "status"])]

    def __str__(self) -> str:
        return f"{self.order.number} / {self.partner}"

    @property
    def is_open(self) -> bool:
        """Not yet dispatched nor cancelled: it can still be cancelled or refused."""
        return self.status in GROUP_OPEN_STATUSES

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None

    def active_total(self, lines) -> Decimal:
        """What the group's lines still on the order cost."""
        return sum(
            (line.line_price_incl_tax for line in lines if line.is_active),
            Decimal("0.00"),
        )

    def amount_due(self, lines) -> Decimal:
        """Its lines still on the order and, while any are, its delivery charge."""
        if not any(line.is_active for line in lines):
            return Decimal("0.00")
        return self.active_total(lines) + self.shipping_charge


from oscar.apps.order.models import *  # noqa isort:skip
