"""The citizen's side: the public board at /ask/, asking, "me too", and the
asker's own items at /me/questions/ with rating and "not resolved".

Views parse, authorise through a selector (another citizen's item is a 404,
like a missing one), call one service and respond; a refused form comes back
with the reason and what was typed.
"""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hub.core.exceptions import ApplicationError
from hub.core.fragments import deferred
from hub.core.page_cache import for_visitors

from . import selectors, services
from .constants import ConsultationStatus
from .forms import AskForm, AskStartForm, BoardFilterForm, RateForm, ReopenForm
from .models import Consultation

BOARD_PAGE_SIZE = 20


@for_visitors
def board(request):
    """Answered public items by township and category, with search."""
    filters = BoardFilterForm(request.GET)
    # Read only where the template's kept part is rendered (hub.core.fragments).
    page = deferred(_board_page, filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "consultations/board.html",
        {"filters": filters, "page": page, "query": query.urlencode()},
    )


def _board_page(filters: BoardFilterForm, number):
    items = selectors.consultation_board(**filters.filters())
    return Paginator(items, BOARD_PAGE_SIZE).get_page(number)


@for_visitors
def public_detail(request, uuid):
    return render(
        request,
        "consultations/public_detail.html",
        {"item": selectors.consultation_get_public(uuid=uuid)},
    )


@login_required
def ask(request):
    """Step one (GET) shows similar public items; the full form posts once."""
    if request.method == "POST":
        form = AskForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                consultation = services.consultation_ask(
                    asker=request.user,
                    township=data["township"],
                    category=data["category"],
                    kind=data["kind"],
                    title=data["title"],
                    body=data["body"],
                    place=data["place"],
                    photo=data["photo"] or None,
                    is_public=data["is_public"],
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                form.add_error("photo", error)
            else:
                messages.success(
                    request,
                    _("Sent as %(reference)s; you are told when it is answered.")
                    % {"reference": consultation.reference},
                )
                return redirect("consultations:mine_detail", uuid=consultation.uuid)
        return _ask_page(request, form=form, status=400)
    start = AskStartForm(request.GET or None)
    if not start.is_valid():
        return render(request, "consultations/ask_start.html", {"form": start})
    return _ask_page(request, form=AskForm(initial=request.GET.dict()))


def _ask_page(request, *, form: AskForm, status: int = 200):
    data = form.data or form.initial
    similar = selectors.consultation_similar(
        title=data.get("title", ""),
        township_id=_pk(form, "township", data),
        category_id=_pk(form, "category", data),
    )
    return render(
        request,
        "consultations/ask.html",
        {"form": form, "similar": similar},
        status=status,
    )


def _pk(form: AskForm, name: str, data) -> int | None:
    """The pk of the chosen township or category, or None if not a valid one."""
    try:
        chosen = form.fields[name].clean(data.get(name))
    except ValidationError:
        return None
    return chosen.pk


@login_required
@require_POST
def me_too(request, uuid):
    consultation = selectors.consultation_get_joinable(uuid=uuid)
    try:
        added = services.consultation_me_too(
            consultation=consultation, user=request.user
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        if added:
            messages.success(request, _("Counted: you have this question too."))
        else:
            messages.info(request, _("You are counted already."))
    if consultation.status == ConsultationStatus.OPEN:
        return redirect("consultations:board")
    return redirect("consultations:public_detail", uuid=consultation.uuid)


@login_required
def mine(request):
    return render(
        request,
        "consultations/mine.html",
        {"items": selectors.consultation_list_for_asker(asker=request.user)},
    )


@never_cache
@login_required
def mine_detail(request, uuid):
    item = selectors.consultation_get_for_asker(asker=request.user, uuid=uuid)
    return _mine_page(request, item)


def _mine_page(request, item, *, rate_form=None, reopen_form=None, status=200):
    can_rate = item.status == ConsultationStatus.ANSWERED
    return render(
        request,
        "consultations/mine_detail.html",
        {
            "item": item,
            "trail": selectors.consultation_trail(consultation=item),
            "rate_form": rate_form or (RateForm() if can_rate else None),
            "reopen_form": reopen_form or (ReopenForm() if can_rate else None),
        },
        status=status,
    )


@login_required
@require_POST
def rate(request, uuid):
    item = selectors.consultation_get_for_asker(asker=request.user, uuid=uuid)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_rate(
                consultation=item,
                actor=request.user,
                rating=form.cleaned_data["rating"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("consultations:mine_detail", uuid=item.uuid)
    return _mine_page(request, item, rate_form=form, status=400)


@login_required
@require_POST
def reopen(request, uuid):
    item = selectors.consultation_get_for_asker(asker=request.user, uuid=uuid)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_reopen(
                consultation=item,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Sent back to the department with a new deadline.")
            )
            return redirect("consultations:mine_detail", uuid=item.uuid)
    return _mine_page(request, item, reopen_form=form, status=400)


def photo_response(item: Consultation) -> FileResponse:
    """The private photo of an item, never able to run anything of its own."""
    if not item.photo:
        raise Http404
    content_type, _encoding = mimetypes.guess_type(item.photo.name)
    response = FileResponse(
        item.photo.open("rb"), content_type=content_type or "application/octet-stream"
    )
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def mine_photo(request, uuid):
    item = selectors.consultation_get_for_asker(asker=request.user, uuid=uuid)
    return photo_response(item)
