"""The officer workspace at /hall/: the queue of one's departments, one
application with its materials, timeline and the steps its status allows.

Views parse, authorise, call one service or selector, and respond. A step
done ends in a redirect (PRG); a step refused shows the same form with the
reason and what was typed. Township heads see their township's queue and
applications read-only.
"""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hub.core.exceptions import ApplicationError
from townships.core.permissions import can_view_township_statistics

from . import officer_selectors as selectors
from . import services
from .officer_forms import (
    ACTIONS,
    FeeCounterForm,
    QueueFilterForm,
    ReviewCloseForm,
    action_form,
    action_forms,
    action_names,
)

QUEUE_PAGE_SIZE = 50

# What the officer is told after each step.
_DONE = {
    "accept": _("Accepted: the clock runs to the deadline."),
    "resume": _("Resumed: the clock runs again."),
    "correction": _("The applicant is asked to correct it; the clock stops."),
    "approve": _("Approved."),
    "reject": _("Rejected; the applicant reads the reason."),
    "suspend": _("Suspended; the clock stops."),
    "extend": _("The time limit is extended."),
}


# The button of each step.
_BUTTONS = {
    "accept": _("Accept"),
    "resume": _("Resume handling"),
    "correction": _("Ask for a correction"),
    "approve": _("Approve"),
    "reject": _("Reject"),
    "suspend": _("Suspend"),
    "extend": _("Extend the time limit"),
}


def _not_staff(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/officer/not_officer.html", status=403)


@never_cache
@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Applications of the user's departments (and headed townships), overdue first."""
    scope = selectors.officer_scope(user=request.user)
    if not scope:
        return _not_staff(request)
    filters = QueueFilterForm(request.GET)
    applications = selectors.application_list_for_officer(
        scope=scope, status=filters.status_value()
    )
    page = Paginator(applications, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.days_left_set(list(page.object_list))
    for row in rows:
        row.applicant_masked = selectors.masked_name(
            row.applicant_real_name or row.applicant.get_full_name()
        )
    return render(
        request,
        "applications/officer/queue.html",
        {
            "filters": filters,
            "page": page,
            "rows": rows,
            "reviews": selectors.reviews_open_for_head(scope=scope),
        },
    )


def _detail_page(
    request: HttpRequest,
    application,
    can_act: bool,
    bound: dict | None = None,
    review_form: ReviewCloseForm | None = None,
    fee_form: FeeCounterForm | None = None,
) -> HttpResponse:
    forms = {**action_forms(application), **(bound or {})} if can_act else {}
    actions = [
        {"name": name, "form": form, "button": _BUTTONS[name]}
        for name, form in forms.items()
    ]
    [application] = selectors.days_left_set([application])
    return render(
        request,
        "applications/officer/detail.html",
        {
            "application": application,
            "can_act": can_act,
            "actions": actions,
            "review_form": review_form or _review_form(request, application),
            "fee_form": fee_form or (FeeCounterForm() if can_act else None),
            **selectors.application_detail_for_officer(application=application),
        },
    )


def _get(request: HttpRequest, uuid: UUID):
    scope = selectors.officer_scope(user=request.user)
    return selectors.application_get_for_officer(
        scope=scope, user=request.user, uuid=uuid
    )


@never_cache
@login_required
def detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """One application: answers, materials, timeline and the steps allowed now."""
    application, can_act = _get(request, uuid)
    return _detail_page(request, application, can_act)


@require_POST
@login_required
def act(request: HttpRequest, uuid: UUID, action: str) -> HttpResponse:
    """Take one step; refused: the same form with the reason and what was typed."""
    if action not in ACTIONS:
        raise Http404
    application, can_act = _get(request, uuid)
    if not can_act:
        return render(request, "applications/officer/read_only.html", status=403)
    form = action_form(action, request.POST)
    if form.is_valid():
        try:
            if action == "extend":
                services.application_extend(
                    application=application, actor=request.user, **form.service_kwargs()
                )
            else:
                services.application_step(
                    application=application, actor=request.user, **form.service_kwargs()
                )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _DONE[action])
            return redirect("hall:detail", uuid=application.uuid)
    application, can_act = _get(request, uuid)
    if action not in action_names(application):
        # The status moved on meanwhile (another officer, another tab).
        for error in form.non_field_errors() or [_("This step is no longer possible.")]:
            messages.error(request, error)
        return redirect("hall:detail", uuid=application.uuid)
    return _detail_page(request, application, can_act, bound={action: form})


def _review_form(request: HttpRequest, application) -> ReviewCloseForm | None:
    """The head's form to close the review of a low rating, when one is open."""
    if (
        application.review_opened_at is None
        or application.review_closed_at is not None
        or not can_view_township_statistics(request.user, application.township)
    ):
        return None
    return ReviewCloseForm()


@require_POST
@login_required
def review_close(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The township head closes the review of a low rating."""
    application, can_act = _get(request, uuid)
    form = ReviewCloseForm(request.POST)
    if form.is_valid():
        try:
            services.application_review_close(
                application=application,
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The review is closed; the applicant is told."))
            return redirect("hall:detail", uuid=application.uuid)
    if _review_form(request, application) is None:
        return render(request, "applications/officer/read_only.html", status=403)
    return _detail_page(request, application, can_act, review_form=form)


@require_POST
@login_required
def fee_counter(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Record the fee the applicant paid in cash at the counter."""
    application, can_act = _get(request, uuid)
    if not can_act:
        return render(request, "applications/officer/read_only.html", status=403)
    form = FeeCounterForm(request.POST)
    if form.is_valid():
        try:
            services.application_fee_counter_record(
                application=application,
                actor=request.user,
                receipt=form.cleaned_data["receipt"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The fee is recorded as paid."))
            return redirect("hall:detail", uuid=application.uuid)
    return _detail_page(request, application, can_act, fee_form=form)


@never_cache
@login_required
def material(request: HttpRequest, uuid: UUID, material_uuid: UUID) -> FileResponse:
    """Open one material of an application in reach; every look is audited."""
    application, _can_act = _get(request, uuid)
    material = selectors.material_get_for_officer(
        application=application, uuid=material_uuid
    )
    services.material_view_record(material=material, viewer=request.user)
    response = FileResponse(
        material.file.open("rb"),
        content_type=material.content_type,
        filename=material.original_name,
    )
    # Shown in the browser, but never able to run anything of its own.
    response["Content-Security-Policy"] = "sandbox"
    return response
