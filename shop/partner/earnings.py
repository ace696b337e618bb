"""What stalls earned, what the hub owes them, and the payouts that settle it.

Nothing here is a stored counter: every figure is summed from the order lines
still active (a refused or cancelled line earns nothing), the payments ledger
of hub/payments (card paid, cash collected, cash still to collect) and the
payouts the township's finance office recorded. The hub keeps
``settings.HUB_SHOP_COMMISSION_PERCENT`` of the goods it was paid for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.payments.constants import PaymentMethod, PaymentStatus
from hub.payments.models import Payment
from shop.order.constants import LINE_INACTIVE_STATUSES
from shop.order.models import Line, SellerGroup
from shop.order.services import group_payment_reference, order_payment_reference

from .models import Partner, Payout
from .permissions import can_review_stall

ZERO = Decimal("0.00")


class Settlement(models.TextChoices):
    """Who holds the money for a stall's part of an order."""

    CARD = "card", gettext_lazy("Paid by card")
    CASH_COLLECTED = "cash_collected", gettext_lazy("Cash collected by the courier")
    CASH_TO_COLLECT = "cash_to_collect", gettext_lazy("Cash on delivery")
    UNPAID = "unpaid", gettext_lazy("Not paid")


def commission_percent() -> Decimal:
    return Decimal(settings.HUB_SHOP_COMMISSION_PERCENT)


def commission_on(goods: Decimal) -> Decimal:
    """The hub's commission on ``goods``, rounded to the cent."""
    commission = goods * commission_percent() / 100
    return commission.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def settlement_of(payment: Payment | None) -> Settlement:
    if payment is None:
        return Settlement.UNPAID
    if payment.method == PaymentMethod.CARD:
        return Settlement.CARD if payment.is_paid else Settlement.UNPAID
    if payment.is_paid:
        return Settlement.CASH_COLLECTED
    if payment.status == PaymentStatus.CANCELED:
        return Settlement.UNPAID
    return Settlement.CASH_TO_COLLECT


@dataclass(frozen=True)
class GroupMoney:
    """One stall's part of one order: its goods still ordered, and who is paid."""

    settlement: Settlement
    goods: Decimal
    commission: Decimal

    @classmethod
    def of(cls, *, goods: Decimal, payment: Payment | None) -> GroupMoney:
        return cls(settlement_of(payment), goods, commission_on(goods))

    @property
    def net(self) -> Decimal:
        return self.goods - self.commission


@dataclass
class StallEarnings:
    """A stall's totals. Commission is taken on money received (card and cash
    collected); cash still to collect is shown apart, not yet owed."""

    card: Decimal = ZERO
    cash_collected: Decimal = ZERO
    cash_to_collect: Decimal = ZERO
    commission: Decimal = ZERO
    paid_out: Decimal = ZERO

    def add(self, money: GroupMoney) -> None:
        match money.settlement:
            case Settlement.CARD:
                self.card += money.goods
            case Settlement.CASH_COLLECTED:
                self.cash_collected += money.goods
            case Settlement.CASH_TO_COLLECT:
                self.cash_to_collect += money.goods
        if money.settlement in (Settlement.CARD, Settlement.CASH_COLLECTED):
            self.commission += money.commission

    @property
    def commission_percent(self) -> Decimal:
        return commission_percent()

    @property
    def balance(self) -> Decimal:
        """What the hub still owes the stall."""
        return self.card + self.cash_collected - self.commission - self.paid_out


def group_payments(groups: Iterable[SellerGroup]) -> dict[int, Payment | None]:
    """Each group's payment (by group pk), in one query.

    A cash order has one payment per group (each parcel's courier collects its
    own); a card order has one payment for the whole order. Groups must come
    with their order (``select_related("order")``).
    """
    references = {
        group.pk: (group_payment_reference(group), order_payment_reference(group.order))
        for group in groups
    }
    wanted = [reference for pair in references.values() for reference in pair]
    payments = Payment.objects.in_bulk(wanted, field_name="reference")
    return {
        pk: payments.get(cash) or payments.get(card)
        for pk, (cash, card) in references.items()
    }


def earnings_by_stall(*, stall_pks: list[int]) -> dict[int, StallEarnings]:
    """Each stall's earnings, by stall pk; four queries whatever the orders."""
    groups = list(
        SellerGroup.objects.filter(partner_id__in=stall_pks).select_related("order")
    )
    goods = {
        (row["order_id"], row["partner_id"]): row["goods"]
        for row in Line.objects.filter(partner_id__in=stall_pks)
        .exclude(status__in=LINE_INACTIVE_STATUSES)
        .values("order_id", "partner_id")
        .annotate(goods=Sum("line_price_incl_tax"))
        .order_by()  # Oscar's default ordering would split the groups
    }
    payments = group_payments(groups)
    earnings: dict[int, StallEarnings] = defaultdict(StallEarnings)
    for group in groups:
        earnings[group.partner_id].add(
            GroupMoney.of(
                goods=goods.get((group.order_id, group.partner_id), ZERO),
                payment=payments[group.pk],
            )
        )
    paid_out = (
        Payout.objects.filter(stall_id__in=stall_pks)
        .values("stall_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in paid_out:
        earnings[row["stall_id"]].paid_out = row["total"]
    return earnings


def stall_earnings(*, stall: Partner) -> StallEarnings:
    """One stall's earnings, paid out and balance."""
    return earnings_by_stall(stall_pks=[stall.pk])[stall.pk]


def township_earnings(*, township_id: int) -> list[tuple[Partner, StallEarnings]]:
    """Every stall of the township with its earnings, by name."""
    stalls = list(
        Partner.objects.filter(township_id=township_id)
        .select_related("township")
        .order_by("name", "pk")
    )
    earnings = earnings_by_stall(stall_pks=[stall.pk for stall in stalls])
    return [(stall, earnings[stall.pk]) for stall in stalls]


@transaction.atomic
def payout_record(
    *,
    stall: Partner,
    amount: Decimal,
    reference: str,
    period_start: date,
    period_end: date,
    actor: Any,
    note: str = "",
) -> Payout:
    """Record money the finance office paid a stall (a transfer, cash handed over).

    Only staff and heads of the stall's township record payouts, and never for
    more than the stall is owed. The stall's row is locked first, so that two
    payouts recorded at the same moment cannot together pay more than that.
    """
    if not can_review_stall(actor, stall):
        raise PermissionDenied(_("Only staff of the stall's township record payouts."))
    list(Partner.objects.select_for_update().filter(pk=stall.pk).values_list("pk"))
    if amount <= 0:
        raise ValidationError({"amount": _("A payout must be more than zero.")})
    owed = stall_earnings(stall=stall).balance
    currency = stall.township.currency
    if amount > owed:
        message = _("The hub owes this stall %(owed)s %(currency)s; pay no more.")
        raise ValidationError(
            {"amount": message % {"owed": owed, "currency": currency}}
        )
    payout = Payout(
        stall=stall,
        amount=amount,
        currency=currency,
        reference=reference.strip(),
        period_start=period_start,
        period_end=period_end,
        note=note,
        recorded_by=actor,
    )
    payout.full_clean()
    payout.save()
    return payout
