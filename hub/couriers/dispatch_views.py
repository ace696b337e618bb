"""The dispatch board at /dispatch/: township logistics staff (and the head)
assign shipments to couriers, print run sheets, unlock delivery codes, return
parcels after failed attempts, and receive the couriers' cash.

Every view finds the township through ``township_get_for_dispatcher`` (404 for
a township the user does not dispatch) and the services re-check the actor.
Views parse, authorise, call one service or selector, and respond.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hub.core.exceptions import ApplicationError
from hub.core.spreadsheets import csv_download, csv_text

from . import dispatch_selectors, services
from .dispatch_forms import AssignForm, RemitForm, ReturnForm

RUNS_PER_PAGE = 40
REMITTANCES_PER_PAGE = 50


def _township(request: HttpRequest, township_slug: str):
    return dispatch_selectors.township_get_for_dispatcher(
        user=request.user, slug=township_slug
    )


def _to_board(township) -> HttpResponse:
    return redirect("couriers:dispatch_board", township_slug=township.slug)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The townships the user dispatches; straight to the board if only one."""
    townships = list(dispatch_selectors.township_list_for_dispatcher(user=request.user))
    if not townships:
        raise Http404
    if len(townships) == 1:
        return _to_board(townships[0])
    return render(request, "couriers/dispatch/index.html", {"townships": townships})


def _board(request: HttpRequest, township, *, form: AssignForm | None = None):
    form = form or AssignForm(township=township)
    return render(
        request,
        "couriers/dispatch/board.html",
        {
            "section": "board",
            "township": township,
            "board": dispatch_selectors.board_for_township(township=township),
            "form": form,
            "checked": form.checked_pks(),
            "today": timezone.localdate(),
        },
    )


@login_required
def board(request: HttpRequest, township_slug: str) -> HttpResponse:
    """Waiting shipments by village, assigned ones by courier, and what needs help."""
    return _board(request, _township(request, township_slug))


@login_required
@require_POST
def assign(request: HttpRequest, township_slug: str) -> HttpResponse:
    """Assign (or reassign) the checked shipments, or a whole village, to a courier."""
    township = _township(request, township_slug)
    form = AssignForm(request.POST, township=township)
    if form.is_valid():
        courier = form.cleaned_data["courier"]
        try:
            shipments = services.shipments_assign(
                shipment_pks=form.cleaned_data["shipment_pks"],
                courier=courier,
                actor=request.user,
                day=form.cleaned_data["day"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            count = len(shipments)
            messages.success(
                request,
                ngettext(
                    "%(count)d shipment is assigned to %(courier)s for %(day)s.",
                    "%(count)d shipments are assigned to %(courier)s for %(day)s.",
                    count,
                )
                % {
                    "count": count,
                    "courier": courier,
                    "day": form.cleaned_data["day"].isoformat(),
                },
            )
            return _to_board(township)
    return _board(request, township, form=form)


@login_required
@require_POST
def unassign(request: HttpRequest, township_slug: str, pk: int) -> HttpResponse:
    """Take an assigned shipment off its courier, back onto the board."""
    township = _township(request, township_slug)
    shipment = dispatch_selectors.shipment_get_for_dispatch(township=township, pk=pk)
    try:
        services.shipment_unassign(shipment=shipment, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(reference)s is waiting for a courier again.")
            % {"reference": shipment.reference},
        )
    return _to_board(township)


@login_required
@require_POST
def code_unlock(request: HttpRequest, township_slug: str, pk: int) -> HttpResponse:
    """Let the courier try the recipient's delivery code again."""
    township = _township(request, township_slug)
    shipment = dispatch_selectors.shipment_get_for_dispatch(township=township, pk=pk)
    try:
        services.shipment_code_unlock(shipment=shipment, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The delivery code of %(reference)s is unlocked.")
            % {"reference": shipment.reference},
        )
    return _to_board(township)


@login_required
@require_POST
def shipment_return(request: HttpRequest, township_slug: str, pk: int) -> HttpResponse:
    """Give up after a failed attempt: the shipment goes back to its sender."""
    township = _township(request, township_slug)
    shipment = dispatch_selectors.shipment_get_for_dispatch(township=township, pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["note"]))
        return _to_board(township)
    try:
        services.shipment_return(
            shipment=shipment, actor=request.user, note=form.cleaned_data["note"]
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(reference)s goes back to %(sender)s.")
            % {"reference": shipment.reference, "sender": shipment.sender_name},
        )
    return _to_board(township)


@login_required
def run_list(request: HttpRequest, township_slug: str) -> HttpResponse:
    """The township's runs by day, newest first, each with its sheet."""
    township = _township(request, township_slug)
    runs = Paginator(
        dispatch_selectors.run_list_for_township(township=township), RUNS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "couriers/dispatch/runs.html",
        {
            "section": "runs",
            "township": township,
            "runs": runs,
            "today": timezone.localdate(),
        },
    )


@login_required
def run_detail(request: HttpRequest, township_slug: str, run_pk: int) -> HttpResponse:
    """The printable run sheet: pickups, then deliveries in route order."""
    township = _township(request, township_slug)
    run = dispatch_selectors.run_get_for_township(township=township, pk=run_pk)
    return render(
        request,
        "couriers/dispatch/run_sheet.html",
        {
            "section": "runs",
            "township": township,
            "sheet": dispatch_selectors.run_sheet(run=run),
        },
    )


def _remitted_message(remittance, currency: str) -> str:
    values = {
        "courier": remittance.courier,
        "counted": f"{remittance.counted:.2f}",
        "expected": f"{remittance.expected:.2f}",
        "difference": f"{abs(remittance.difference):.2f}",
        "currency": currency,
    }
    if remittance.difference < 0:
        message = _(
            "Recorded: %(courier)s handed over %(counted)s %(currency)s; "
            "%(expected)s %(currency)s was expected, %(difference)s %(currency)s short."
        )
    elif remittance.difference > 0:
        message = _(
            "Recorded: %(courier)s handed over %(counted)s %(currency)s; "
            "%(expected)s %(currency)s was expected, %(difference)s %(currency)s over."
        )
    else:
        message = _(
            "Recorded: %(courier)s handed over %(counted)s %(currency)s, as expected."
        )
    return message % values


@login_required
def cash(request: HttpRequest, township_slug: str) -> HttpResponse:
    """Each courier's cash, a hand-over to record, and the hand-overs so far."""
    township = _township(request, township_slug)
    form = RemitForm(
        request.POST or None,
        township=township,
        initial={"courier": request.GET.get("courier")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            remittance = services.cash_remit(
                courier=form.cleaned_data["courier"],
                counted=form.cleaned_data["counted"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _remitted_message(remittance, township.currency))
            return redirect("couriers:dispatch_cash", township_slug=township.slug)
    remittances = Paginator(
        dispatch_selectors.remittance_list_for_township(township=township),
        REMITTANCES_PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "couriers/dispatch/cash.html",
        {
            "section": "cash",
            "township": township,
            "report": dispatch_selectors.cash_report(township=township),
            "form": form,
            "remittances": remittances,
        },
    )


def _amounts(*amounts: Decimal) -> list[str]:
    return [f"{amount:.2f}" for amount in amounts]


@login_required
def cash_csv(request: HttpRequest, township_slug: str) -> HttpResponse:
    """The cash report as a spreadsheet: one row per courier, then the totals."""
    township = _township(request, township_slug)
    report = dispatch_selectors.cash_report(township=township)
    filename = f"courier-cash-{township.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response, writer = csv_download(filename)
    writer.writerow(
        [
            _("Courier"),
            _("Cash collected"),
            _("Handed over (counted)"),
            _("Expected at hand-overs"),
            _("Difference"),
            _("Holds now"),
            _("Currency"),
        ]
    )
    for row in report.rows:
        writer.writerow(
            [csv_text(str(row.courier))]
            + _amounts(
                row.collected, row.counted, row.expected, row.difference, row.held
            )
            + [report.currency]
        )
    writer.writerow(
        [_("Total")]
        + _amounts(
            report.collected,
            report.counted,
            report.expected,
            report.difference,
            report.held,
        )
        + [report.currency]
    )
    return response
