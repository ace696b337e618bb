"""The seller's stall at /stall/: apply, list from a phone, see stock, orders and
earnings, refuse a line; staff review and record payouts; the finance office
exports earnings; service-centre agents act for villagers. Views parse,
authorise, call one service or selector, and respond."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts.models import User
from hub.core.exceptions import ApplicationError
from hub.core.spreadsheets import csv_download, csv_text
from hub.payments.gateway import GatewayError
from shop.catalogue import services as catalogue_services
from shop.order.services import line_refuse as order_line_refuse

from . import earnings, selectors, services
from .forms import (
    AssistedStallForm,
    BadgeForm,
    ListingForm,
    PayoutForm,
    RefuseStallForm,
    StallApplyForm,
)
from .permissions import (
    agent_township_ids,
    can_list_on_stall,
    verifier_township_ids,
)


def _add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, by field where it can."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _stall_url(request: HttpRequest, stall) -> str:
    if stall.users.filter(pk=request.user.pk).exists():
        return "stall:home"
    return stall.get_manage_url()


def _dashboard(
    request: HttpRequest, stall, *, refused_line_pk=None, reason=""
) -> HttpResponse:
    """The stall's page; after a refusal that failed, that line's form keeps
    the reason the seller typed."""
    return render(
        request,
        "shop/stall/dashboard.html",
        {
            "stall": stall,
            "products": selectors.stall_product_list(stall=stall),
            "stall_orders": selectors.stall_order_list(stall=stall),
            "earnings": earnings.stall_earnings(stall=stall),
            "badges": selectors.stall_badges(stall=stall),
            "actions": selectors.stall_actions(stall=stall),
            "can_list": can_list_on_stall(request.user, stall),
            "refused_line_pk": refused_line_pk,
            "reason": reason,
        },
    )


@login_required
def stall_home(request: HttpRequest) -> HttpResponse:
    """The seller's own stall, or the way to apply for one."""
    stall = selectors.stall_get_for_owner(user=request.user)
    if stall is None:
        return render(
            request,
            "shop/stall/no_stall.html",
            {
                "is_agent": bool(agent_township_ids(request.user)),
                "is_reviewer": bool(verifier_township_ids(request.user)),
            },
        )
    return _dashboard(request, stall)


@login_required
def stall_manage(request: HttpRequest, stall_uuid) -> HttpResponse:
    """A stall the user owns or assists (agents), by its uuid."""
    stall = selectors.stall_get_for_manager(user=request.user, stall_uuid=stall_uuid)
    return _dashboard(request, stall)


@login_required
@require_POST
def line_refuse(request: HttpRequest, stall_uuid, line_pk: int) -> HttpResponse:
    """The seller cannot supply a line: refuse it with a reason; it is refunded."""
    stall = selectors.stall_get_for_manager(user=request.user, stall_uuid=stall_uuid)
    line = selectors.stall_order_line_get(stall=stall, pk=line_pk)
    reason = request.POST.get("reason", "")
    try:
        order_line_refuse(line=line, actor=request.user, reason=reason)
    except ApplicationError as error:
        messages.error(request, error.message)
    except GatewayError:
        messages.error(
            request,
            _(
                "The card refund could not be made just now; nothing was changed. "
                "Try again in a few minutes."
            ),
        )
    else:
        messages.success(request, _("Refused; the shopper is refunded."))
        return redirect(_stall_url(request, stall))
    return _dashboard(request, stall, refused_line_pk=line.pk, reason=reason)


@login_required
def stall_apply(request: HttpRequest) -> HttpResponse:
    """A citizen applies to open a stall; township staff verify it."""
    if selectors.stall_get_for_owner(user=request.user) is not None:
        return redirect("stall:home")
    form = StallApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stall_apply(
                actor=request.user, owner=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Thank you. Township staff will check your stall soon."),
            )
            return redirect("stall:home")
    return render(request, "shop/stall/apply.html", {"form": form})


def _listing_denied(request: HttpRequest, stall) -> HttpResponse:
    return render(request, "shop/stall/not_verified.html", {"stall": stall}, status=403)


@login_required
def product_create(request: HttpRequest, stall_uuid) -> HttpResponse:
    """List a product: photos, name, category, unit and price, stock, dates."""
    stall = selectors.stall_get_for_manager(user=request.user, stall_uuid=stall_uuid)
    if not can_list_on_stall(request.user, stall):
        return _listing_denied(request, stall)
    form = ListingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            product = catalogue_services.product_create(
                actor=request.user,
                stall=stall,
                data=form.listing_data(),
                photos=form.cleaned_data["photos"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("“%(title)s” is listed.") % {"title": product.title}
            )
            return redirect(_stall_url(request, stall))
    return render(
        request, "shop/stall/product_form.html", {"form": form, "stall": stall}
    )


@login_required
def product_edit(request: HttpRequest, stall_uuid, pk: int) -> HttpResponse:
    """Change a product of the stall; any other product is a 404."""
    stall = selectors.stall_get_for_manager(user=request.user, stall_uuid=stall_uuid)
    product = selectors.stall_product_get(stall=stall, pk=pk)
    if not can_list_on_stall(request.user, stall):
        return _listing_denied(request, stall)
    form = ListingForm(
        request.POST or None,
        request.FILES or None,
        initial=ListingForm.initial_for(product),
    )
    if request.method == "POST" and form.is_valid():
        try:
            catalogue_services.product_update(
                actor=request.user,
                product=product,
                data=form.listing_data(),
                photos=form.cleaned_data["photos"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(_stall_url(request, stall))
    return render(
        request,
        "shop/stall/product_form.html",
        {"form": form, "stall": stall, "product": product},
    )


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    """Township staff: the stalls of their township, pending first."""
    if not (request.user.is_superuser or verifier_township_ids(request.user)):
        raise PermissionDenied
    stalls = selectors.stall_list_for_reviewer(user=request.user)
    return render(
        request,
        "shop/stall/review_list.html",
        {
            "stalls": stalls,
            "finance_townships": selectors.township_list_for_finance(user=request.user),
        },
    )


@login_required
def review_detail(request: HttpRequest, stall_uuid) -> HttpResponse:
    """Verify or refuse a stall, and record official badges on it."""
    stall = selectors.stall_get_for_reviewer(user=request.user, stall_uuid=stall_uuid)
    action = request.POST.get("action") if request.method == "POST" else None
    refuse_form = RefuseStallForm(request.POST if action == "refuse" else None)
    badge_form = BadgeForm(request.POST if action == "badge" else None, stall=stall)
    payout_form = PayoutForm(request.POST if action == "payout" else None)
    try:
        if action == "verify":
            services.stall_verify(actor=request.user, stall=stall)
            messages.success(request, _("The stall is verified and can sell."))
            return redirect("stall:review_detail", stall_uuid=stall.uuid)
        if action == "refuse" and refuse_form.is_valid():
            services.stall_refuse(
                actor=request.user,
                stall=stall,
                reason=refuse_form.cleaned_data["reason"],
            )
            messages.success(request, _("The stall is refused."))
            return redirect("stall:review_detail", stall_uuid=stall.uuid)
        if action == "badge" and badge_form.is_valid():
            services.badge_record(
                actor=request.user, stall=stall, **badge_form.cleaned_data
            )
            messages.success(request, _("The badge is recorded."))
            return redirect("stall:review_detail", stall_uuid=stall.uuid)
        if action == "payout" and payout_form.is_valid():
            earnings.payout_record(
                actor=request.user, stall=stall, **payout_form.cleaned_data
            )
            messages.success(request, _("The payout is recorded."))
            return redirect("stall:review_detail", stall_uuid=stall.uuid)
    except ValidationError as exc:
        forms = {"badge": badge_form, "payout": payout_form}
        _add_errors(forms.get(action, refuse_form), exc)
    return render(
        request,
        "shop/stall/review_detail.html",
        {
            "stall": stall,
            "refuse_form": refuse_form,
            "badge_form": badge_form,
            "payout_form": payout_form,
            "earnings": earnings.stall_earnings(stall=stall),
            "payouts": selectors.stall_payouts(stall=stall),
            "badges": selectors.stall_badges(stall=stall),
            "actions": selectors.stall_actions(stall=stall),
        },
    )


@login_required
def earnings_csv(request: HttpRequest, township_id: int) -> HttpResponse:
    """The finance office's sheet: each stall of the township and what it is owed."""
    user = request.user
    if not (user.is_superuser or township_id in verifier_township_ids(user)):
        raise PermissionDenied
    rows = earnings.township_earnings(township_id=township_id)
    filename = f"stall-earnings-{township_id}-{timezone.localdate():%Y-%m-%d}.csv"
    response, writer = csv_download(filename)
    writer.writerow(
        [
            _("Stall"),
            _("Village"),
            _("Card payments held by the hub"),
            _("Cash collected by couriers"),
            _("Cash still to collect"),
            _("Commission"),
            _("Paid out"),
            _("Balance the hub owes"),
            _("Currency"),
        ]
    )
    for stall, money in rows:
        amounts = [
            money.card,
            money.cash_collected,
            money.cash_to_collect,
            money.commission,
            money.paid_out,
            money.balance,
        ]
        writer.writerow(
            [csv_text(stall.name), csv_text(stall.village)]
            + [f"{amount:.2f}" for amount in amounts]
            + [stall.township.currency]
        )
    return response


@login_required
def assist(request: HttpRequest) -> HttpResponse:
    """Service-centre agents: open a stall for a villager, see assisted stalls."""
    townships = agent_township_ids(request.user)
    if not townships:
        raise PermissionDenied
    form = AssistedStallForm(request.POST or None, townships=townships)
    if request.method == "POST" and form.is_valid():
        villager = User.objects.filter(
            phone=form.cleaned_data["villager_phone"]
        ).first()
        if villager is None:
            form.add_error("villager_phone", _("No account has this phone number yet."))
        else:
            try:
                stall = services.stall_apply(
                    actor=request.user, owner=villager, **form.service_kwargs()
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The stall is opened for %(owner)s; staff will verify it.")
                    % {"owner": villager},
                )
                return redirect(stall.get_manage_url())
    return render(
        request,
        "shop/stall/assist.html",
        {"form": form, "stalls": selectors.stall_list_for_agent(user=request.user)},
    )
