"""The officer's questions at /hall/questions/: the queue of one's departments
(overdue first), one item with its trail, and reply, forward, final answer.

An item of another department is a 404; township heads read their township's
items (the escalation links there) but act on none.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hub.core.exceptions import ApplicationError

from . import selectors, services
from .forms import AnswerForm, ForwardForm, ReplyForm
from .views import photo_response

QUEUE_PAGE_SIZE = 50
ACTIONS = ("reply", "forward", "answer")
_DONE = {
    "reply": _("Reply sent to the citizen."),
    "forward": _("Forwarded; the citizen has the holding reply."),
    "answer": _("Answer sent."),
}


def _scope(request):
    scope = selectors.question_scope(user=request.user)
    if not scope:
        raise Http404
    return scope


@never_cache
@login_required
def queue(request):
    scope = selectors.question_scope(user=request.user)
    if not scope:
        return render(request, "applications/officer/not_officer.html", status=403)
    items = selectors.consultation_queue(scope=scope)
    page = Paginator(items, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "consultations/officer/queue.html", {"page": page})


def _forms(item, bound: dict | None = None) -> dict:
    departments = selectors.forward_targets(consultation=item)
    forms = {
        "reply": ReplyForm(prefix="reply"),
        "forward": ForwardForm(prefix="forward", departments=departments),
        "answer": AnswerForm(prefix="answer"),
    }
    return {**forms, **(bound or {})}


def _detail_page(request, item, can_act: bool, bound=None, status: int = 200):
    return render(
        request,
        "consultations/officer/detail.html",
        {
            "item": item,
            "can_act": can_act and item.status == "open",
            "forms": _forms(item, bound),
            "trail": selectors.consultation_trail(consultation=item),
        },
        status=status,
    )


@never_cache
@login_required
def detail(request, uuid):
    item, can_act = selectors.consultation_get_for_officer(
        scope=_scope(request), uuid=uuid
    )
    return _detail_page(request, item, can_act)


@require_POST
@login_required
def act(request, uuid, action: str):
    """Reply, forward or answer; refused: the same page with the reason."""
    if action not in ACTIONS:
        raise Http404
    item, can_act = selectors.consultation_get_for_officer(
        scope=_scope(request), uuid=uuid
    )
    if not can_act:
        return render(request, "consultations/officer/read_only.html", status=403)
    if action == "forward":
        form = ForwardForm(
            request.POST,
            prefix="forward",
            departments=selectors.forward_targets(consultation=item),
        )
    else:
        form = (ReplyForm if action == "reply" else AnswerForm)(
            request.POST, prefix=action
        )
    if form.is_valid():
        try:
            if action == "forward":
                services.consultation_forward(
                    consultation=item,
                    actor=request.user,
                    department=form.cleaned_data["department"],
                    text=form.cleaned_data["text"],
                )
            elif action == "reply":
                services.consultation_reply(
                    consultation=item,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                )
            else:
                services.consultation_answer(
                    consultation=item,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _DONE[action])
            if action == "forward":
                return redirect("questions:queue")
            return redirect("questions:detail", uuid=item.uuid)
    return _detail_page(request, item, can_act, bound={action: form}, status=400)


@never_cache
@login_required
def photo(request, uuid):
    item, _can_act = selectors.consultation_get_for_officer(
        scope=_scope(request), uuid=uuid
    )
    return photo_response(item)
