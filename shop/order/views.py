"""The shopper's order page: a parcel per seller, each cancellable before dispatch."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.exceptions import ApplicationError
from hub.payments.models import Payment

from .constants import ORDER_STATUS_LABELS
from .selectors import (
    order_get_for_shopper,
    order_groups_with_lines,
    order_shipments_by_partner,
)
from .services import order_payment_reference, seller_group_cancel


def _order_or_404(request: HttpRequest, number: str):
    order = order_get_for_shopper(user=request.user, number=number)
    if order is None:
        raise Http404
    return order


@login_required
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    order = _order_or_404(request, number)
    card = Payment.objects.filter(reference=order_payment_reference(order)).first()
    groups = order_groups_with_lines(order=order)
    shipments = order_shipments_by_partner(order=order)
    for group in groups:
        group.shipment = shipments.get(group.partner_id)
    return render(
        request,
        "shop/order/detail.html",
        {
            "order": order,
            "status_label": ORDER_STATUS_LABELS.get(order.status, order.status),
            "groups": groups,
            "card_payment": card,
        },
    )


@login_required
@require_POST
def group_cancel(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    order = _order_or_404(request, number)
    group = order.seller_groups.filter(pk=pk).first()
    if group is None:
        raise Http404
    try:
        seller_group_cancel(group=group, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(stall)s's part is cancelled. A card payment for it is refunded.")
            % {"stall": group.partner.name},
        )
    return redirect("orders:detail", number=order.number)
