"""Place, pay, cancel and refuse orders that are split into seller groups.

A basket from several stalls becomes one order and one group per stall. The
shopper pays once: by card (one payment for the order, through hub/payments)
or cash on delivery (one cash payment per group, because each group is its
own parcel and its courier collects its own cash). Every change takes a row
lock first, so a double-click, a retried request or a webhook racing the
shopper's browser does the work once.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oscar.core.loading import get_class, get_model

from hub.core.exceptions import ApplicationError
from hub.couriers.constants import (
    TOWNSHIP_PROVIDER,
    DeliveryMethod,
    ShipmentKind,
    ShipmentStatus,
    ZoneKind,
)
from hub.couriers.models import DeliveryZone, Shipment
from hub.couriers.rates import shipping_code_parse
from hub.couriers.services import ShipmentDraft, shipment_cancel, shipment_create
from hub.payments.constants import PaymentMethod, PaymentStatus
from hub.payments.models import Payment
from hub.payments.services import (
    payment_cancel,
    payment_card_start,
    payment_cash_amount_set,
    payment_cash_start,
    payment_refund,
)
from shop.partner.permissions import can_manage_stall
from shop.shipping.methods import stall_charges

from .constants import (
    LINE_CANCELLED,
    LINE_REFUSED,
    ORDER_CANCELLED,
    ORDER_COMPLETE,
    ORDER_PENDING_PAYMENT,
    ORDER_PLACED,
    UNPAID_CARD_ORDER_TTL_MINUTES,
    SellerGroupStatus,
)
from .models import SellerGroup

logger = logging.getLogger(__name__)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")


def order_payment_reference(order) -> str:
    """The card payment of a whole order."""
    return f"order:{order.number}"


def group_payment_reference(group: SellerGroup) -> str:
    """The cash a group's courier collects."""
    return f"order:{group.order.number}:{group.partner_id}"


def _order_number_from(reference: str) -> tuple[str, int | None]:
    number, _sep, partner_id = reference.removeprefix("order:").partition(":")
    return number, int(partner_id) if partner_id else None


@transaction.atomic
def order_place(
    *,
    basket,
    user,
    shipping_address,
    shipping_method,
    shipping_charge,
    total,
    payment_method: str,
    guest_email: str = "",
    billing_address=None,
) -> tuple[object, bool]:
    """The order for this basket, placed once; (order, True) if placed now.

    A second submission of the same basket (double-click, retry, several tabs)
    waits on the basket's row lock and gets the order the first one placed.
    Stock is allocated inside this transaction; InsufficientStock rolls the
    whole order back and leaves the basket as it was.
    """
    if payment_method not in PaymentMethod.values:
        raise ApplicationError(_("Choose how you will pay."))
    list(Basket.objects.select_for_update().filter(pk=basket.pk).values_list("pk"))
    number = str(OrderNumberGenerator().order_number(basket))
    existing = Order.objects.filter(number=number).first()
    if existing is not None:
        return existing, False
    if shipping_address is not None and shipping_address.pk is None:
        shipping_address.save()
    if billing_address is not None and billing_address.pk is None:
        billing_address.save()
    by_card = payment_method == PaymentMethod.CARD
    shipping_charges = stall_charges(shipping_method, basket)
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=shipping_method,
        shipping_charge=shipping_charge,
        user=user if user and user.is_authenticated else None,
        shipping_address=shipping_address,
        billing_address=billing_address,
        order_number=number,
        status=ORDER_PENDING_PAYMENT if by_card else ORDER_PLACED,
        guest_email=guest_email,
    )
    groups = _groups_create(order, by_card=by_card, shipping_charges=shipping_charges)
    if by_card:
        basket.freeze()
    else:
        _cash_payments_start(order, groups)
        order_shipments_create(order=order)
        basket.submit()
        transaction.on_commit(lambda: _tell_placed(order.pk))
    return order, True


def _groups_create(
    order, *, by_card: bool, shipping_charges: dict[int, Decimal]
) -> list[SellerGroup]:
    """One group per stall, with its goods and its parcel's delivery charge."""
    totals: dict[int, Decimal] = {}
    for partner_id, price in order.lines.values_list(
        "partner_id", "line_price_incl_tax"
    ):
        totals[partner_id] = totals.get(partner_id, Decimal("0.00")) + price
    status = SellerGroupStatus.PENDING_PAYMENT if by_card else SellerGroupStatus.PLACED
    return SellerGroup.objects.bulk_create(
        SellerGroup(
            order=order,
            partner_id=partner_id,
            total=total,
            shipping_charge=shipping_charges.get(partner_id, Decimal("0.00")),
            status=status,
        )
        for partner_id, total in sorted(totals.items())
    )


def _cash_payments_start(order, groups: list[SellerGroup]) -> None:
    """One cash payment per parcel: its goods and its own delivery charge."""
    for group in groups:
        payment_cash_start(
            reference=group_payment_reference(group),
            amount=group.total + group.shipping_charge,
            currency=order.currency,
            payer=order.user,
        )


def order_card_payment(*, order, payment_method: str = ""):
    """Start (or go on with) the card payment of an order waiting for it.

    Returns (payment, intent state); the state is None once nothing is left to pay.
    """
    if order.status != ORDER_PENDING_PAYMENT:
        raise ApplicationError(_("This order is not waiting for a card payment."))
    return payment_card_start(
        reference=order_payment_reference(order),
        amount=order.total_incl_tax,
        currency=order.currency,
        payer=order.user,
        payment_method=payment_method,
    )


def order_payment_succeeded(payment: Payment) -> None:
    """hub/payments tells us a payment of ours is paid (once per payment)."""
    number, partner_id = _order_number_from(payment.reference)
    now = timezone.now()
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(number=number).first()
        if order is None:
            logger.error("Payment %s: no order %s", payment.reference, number)
            return
        if partner_id is not None:
            SellerGroup.objects.filter(
                order=order, partner_id=partner_id, paid_at=None
            ).update(paid_at=now)
            return
        if order.status == ORDER_PENDING_PAYMENT:
            _order_status_set(order, ORDER_PLACED)
            order.seller_groups.filter(status=SellerGroupStatus.PENDING_PAYMENT).update(
                status=SellerGroupStatus.PLACED, paid_at=now
            )
            Basket.objects.filter(pk=order.basket_id, status=Basket.FROZEN).update(
                status=Basket.SUBMITTED, date_submitted=now
            )
            order_shipments_create(order=order)
            transaction.on_commit(lambda: _tell_placed(order.pk))
            return
    if order.status == ORDER_CANCELLED:
        # Paid at the last moment of an order already given up: give it back.
        payment_refund(
            payment=payment,
            amount=payment.amount,
            reference=f"{payment.reference}:cancelled",
        )


def _order_status_set(order, status: str) -> None:
    """Oscar's status with its history row, without Oscar's pipeline checks."""
    old = order.status
    order.status = status
    order.save(update_fields=["status"])
    order.status_changes.create(old_status=old, new_status=status)


def order_unpaid_cancel(*, order):
    """Give up an unpaid card order: stock back, intent cancelled, basket open again.

    Returns the basket, open for the shopper, or None when the order turned out
    paid (the payment handler has placed it) or was not waiting any more.
    """
    payment = Payment.objects.filter(reference=order_payment_reference(order)).first()
    if payment is not None and payment_cancel(payment=payment).is_paid:
        return None
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status != ORDER_PENDING_PAYMENT:
            return None
        for line in order.lines.all():
            _line_release(line, LINE_CANCELLED)
        order.seller_groups.update(
            status=SellerGroupStatus.CANCELLED, cancelled_at=timezone.now()
        )
        _order_status_set(order, ORDER_CANCELLED)
        basket = Basket.objects.filter(pk=order.basket_id).first()
        if basket is not None and basket.status == Basket.FROZEN:
            basket.thaw()
            return basket
    return None


def order_unpaid_expire(*, older_than=timedelta(minutes=UNPAID_CARD_ORDER_TTL_MINUTES)):
    """Cancel card orders left unpaid too long, so their stock goes back on sale."""
    stale = Order.objects.filter(
        status=ORDER_PENDING_PAYMENT, date_placed__lt=timezone.now() - older_than
    )
    count = 0
    for order in stale.iterator():
        if order_unpaid_cancel(order=order) is not None:
            count += 1
    return count


def _line_release(line, status: str, reason: str = "") -> None:
    if line.num_allocated:
        line.cancel_allocation(line.num_allocated)
    line.status = status
    line.refusal_reason = reason
    line.save(update_fields=["status", "refusal_reason"])


def _group_locked(group_pk: int) -> SellerGroup:
    return (
        SellerGroup.objects.select_for_update(of=("self",))
        .select_related("order", "partner")
        .get(pk=group_pk)
    )


def _group_payment(group: SellerGroup) -> Payment | None:
    order = group.order
    reference = order_payment_reference(order)
    cash = Payment.objects.filter(reference=group_payment_reference(group)).first()
    return cash or Payment.objects.filter(reference=reference).first()


def _group_check_open(group: SellerGroup) -> None:
    if group.order.status != ORDER_PLACED:
        raise ApplicationError(_("This order is not placed yet, or no longer open."))
    if not group.is_open:
        raise ApplicationError(
            _("This parcel has already left the seller or was cancelled.")
        )


def _after_group_change(group: SellerGroup, lines) -> None:
    """Close the group and the order when nothing is left in them."""
    if not any(line.is_active for line in lines):
        group.status = SellerGroupStatus.CANCELLED
        group.cancelled_at = timezone.now()
        group.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        shipment_cancel(reference=group_payment_reference(group))
    if not group.order.seller_groups.exclude(
        status=SellerGroupStatus.CANCELLED
    ).exists():
        _order_status_set(group.order, ORDER_CANCELLED)


@transaction.atomic
def seller_group_cancel(*, group: SellerGroup, actor) -> SellerGroup:
    """The shopper cancels one seller's part before it is dispatched.

    Its stock goes back on sale; a card payment is refunded that part and its
    delivery charge (once, however often this is asked), cash not yet
    collected is not collected.
    """
    group = _group_locked(group.pk)
    if not (actor.is_authenticated and group.order.user_id == actor.pk):
        raise ApplicationError(_("Only the shopper who ordered can cancel this."))
    if group.status == SellerGroupStatus.CANCELLED:
        return group
    _group_check_open(group)
    lines = list(group.order.lines.filter(partner_id=group.partner_id))
    amount = group.amount_due(lines)
    for line in lines:
        if line.is_active:
            _line_release(line, LINE_CANCELLED)
    payment = _group_payment(group)
    if payment is not None:
        _money_back(
            payment,
            amount,
            reference=f"{group_payment_reference(group)}:cancel",
            remaining=Decimal("0.00"),
            actor=actor,
        )
    group.cancelled_by = actor
    _after_group_change(group, lines)
    return group


@transaction.atomic
def line_refuse(*, line, actor, reason: str):
    """The seller cannot supply a line (out of stock after a storm): it is refunded.

    Refusing the group's last line refunds its delivery charge too.
    """
    reason = " ".join((reason or "").split())
    if not reason:
        raise ApplicationError(_("Tell the shopper why you cannot supply this."))
    if len(reason) > 255:
        raise ApplicationError(_("Keep the reason under 255 characters."))
    group = SellerGroup.objects.filter(
        order_id=line.order_id, partner_id=line.partner_id
    ).first()
    if group is None or not can_manage_stall(actor, group.partner):
        raise ApplicationError(_("Only the stall that sells this can refuse it."))
    group = _group_locked(group.pk)
    line = Line.objects.get(pk=line.pk)
    if line.status == LINE_REFUSED:
        return line
    _group_check_open(group)
    if not line.is_active:
        raise ApplicationError(_("This line is already cancelled."))
    _line_release(line, LINE_REFUSED, reason)
    lines = list(group.order.lines.filter(partner_id=group.partner_id))
    refund = line.line_price_incl_tax
    if not any(other.is_active for other in lines):
        refund += group.shipping_charge  # the last line: no parcel goes at all
    payment = _group_payment(group)
    if payment is not None:
        _money_back(
            payment,
            refund,
            reference=f"order:{group.order.number}:line:{line.pk}",
            remaining=group.amount_due(lines),
            actor=actor,
        )
    _after_group_change(group, lines)
    return line


def _money_back(payment, amount, *, reference, remaining, actor) -> None:
    """A card refund of `amount`, or cash to collect lowered to `remaining`."""
    if payment.method == PaymentMethod.CARD:
        if payment.status == PaymentStatus.SUCCEEDED and amount > 0:
            payment_refund(
                payment=payment, amount=amount, reference=reference, actor=actor
            )
        return
    if payment.status == PaymentStatus.SUCCEEDED:
        return  # collected already: the courier's office settles it
    payment_cash_amount_set(payment=payment, amount=remaining)


def _tell_placed(order_pk: int) -> None:
    from .tasks import order_placed_notify_task

    order_placed_notify_task.delay(order_pk)


def _shipping_address_text(address) -> str:
    if address is None:
        return ""
    return "\n".join(address.active_address_fields())


def _zone_and_method(order) -> tuple[DeliveryZone | None, str]:
    parsed = shipping_code_parse(order.shipping_code)
    if parsed is None:
        return None, DeliveryMethod.HOME
    zone_pk, method = parsed
    return DeliveryZone.objects.filter(pk=zone_pk).first(), method


def order_shipments_create(*, order) -> list[Shipment]:
    """One shipment per placed seller group (once each, however often asked).

    The parcel goes from the stall to the order's address, or to the village
    service point the shopper chose; cash on delivery is the group's cash
    payment, collected by whoever delivers it.
    """
    zone, method = _zone_and_method(order)
    provider = TOWNSHIP_PROVIDER
    if zone is not None and zone.kind == ZoneKind.OUTSIDE:
        provider = settings.HUB_COURIERS_OUTSIDE_PROVIDER or TOWNSHIP_PROVIDER
    address = order.shipping_address
    recipient_name = address.name if address is not None else ""
    if method == DeliveryMethod.PICKUP and zone is not None:
        destination = f"{zone.service_point} ({zone.name})"
    else:
        destination = _shipping_address_text(address)
    groups = order.seller_groups.filter(status=SellerGroupStatus.PLACED).select_related(
        "partner"
    )
    lines = list(order.lines.select_related("product"))
    shipments = []
    for group in groups:
        reference = group_payment_reference(group)
        stall = group.partner
        own = [line for line in lines if line.partner_id == group.partner_id]
        weight = sum(
            line.quantity * ((line.product.weight_grams or 0) if line.product else 0)
            for line in own
        )
        shipments.append(
            shipment_create(
                draft=ShipmentDraft(
                    reference=reference,
                    kind=ShipmentKind.PARCEL,
                    township_id=zone.township_id if zone else stall.township_id,
                    sender_name=stall.name,
                    sender_phone=str(stall.phone or ""),
                    pickup_place=", ".join(
                        part for part in (stall.village, stall.name) if part
                    ),
                    recipient=order.user,
                    recipient_name=recipient_name or str(order.user or order.email),
                    recipient_phone=str(getattr(address, "phone_number", "") or ""),
                    address=destination,
                    description=", ".join(
                        f"{line.quantity} × {line.title}" for line in own
                    ),
                    weight_grams=weight,
                    zone=zone,
                    method=method,
                    cash_payment=Payment.objects.filter(
                        reference=reference, method=PaymentMethod.CASH
                    ).first(),
                    provider=provider,
                )
            )
        )
    return shipments


def order_shipment_status_changed(shipment: Shipment, old_status: str) -> None:
    """hub/couriers tells us a parcel moved; runs in the same transaction.

    Picked up: the group is on its way. Delivered: the group's stock leaves
    the stall for good (the allocation is consumed) and the order is complete
    once every group is delivered or cancelled. Returned: stock back on sale,
    card refunded the group, cash not collected.
    """
    number, partner_id = _order_number_from(shipment.reference)
    group = (
        SellerGroup.objects.select_for_update(of=("self",))
        .select_related("order", "partner")
        .filter(order__number=number, partner_id=partner_id)
        .first()
    )
    if group is None:
        logger.error("Shipment %s: no seller group", shipment.reference)
        return
    lines = list(group.order.lines.filter(partner_id=partner_id))
    if shipment.status == ShipmentStatus.PICKED_UP:
        group.status = SellerGroupStatus.DISPATCHED
        group.save(update_fields=["status"])
    elif shipment.status == ShipmentStatus.DELIVERED:
        for line in lines:
            if line.is_active and line.num_allocated:
                line.consume_allocation(line.num_allocated)
        group.status = SellerGroupStatus.DELIVERED
        group.save(update_fields=["status"])
        _order_close_if_done(group.order)
    elif shipment.status == ShipmentStatus.RETURNED:
        amount = group.active_total(lines)
        for line in lines:
            if line.is_active:
                _line_release(line, LINE_CANCELLED)
        payment = _group_payment(group)
        if payment is not None and payment.method == PaymentMethod.CARD:
            _money_back(
                payment,
                amount,
                reference=f"{group_payment_reference(group)}:returned",
                remaining=Decimal("0.00"),
                actor=None,
            )
        elif payment is not None and not payment.is_paid:
            payment_cancel(payment=payment)
        group.status = SellerGroupStatus.RETURNED
        group.cancelled_at = timezone.now()
        group.save(update_fields=["status", "cancelled_at"])
        _order_close_if_done(group.order)


def _order_close_if_done(order) -> None:
    """Complete once no parcel is left on its way; cancelled if none arrived."""
    statuses = set(order.seller_groups.values_list("status", flat=True))
    if statuses & {SellerGroupStatus.PLACED, SellerGroupStatus.DISPATCHED}:
        return
    if SellerGroupStatus.DELIVERED in statuses:
        _order_status_set(order, ORDER_COMPLETE)
    else:
        _order_status_set(order, ORDER_CANCELLED)
