"""The one inbox at /me/ (every kind of message, marked read on open) and the
user's choice of channels per kind at /me/preferences/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .constants import INBOX_PAGE_SIZE, MessageKind
from .forms import ChannelPreferencesForm
from .selectors import (
    channel_preference_list,
    channels_reachable,
    message_list_for_recipient,
    message_unread_counts_by_kind,
)
from .services import channel_preferences_set, message_mark_all_read, message_mark_read


def _kind(value: str) -> str:
    """A MessageKind value from the request, or "" (all kinds) for anything else."""
    return value if value in MessageKind.values else ""


def _inbox_url(kind: str) -> str:
    url = reverse("notifications:inbox")
    return f"{url}?{urlencode({'kind': kind})}" if kind else url


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's messages of every kind (or one), newest first, with unread counts."""
    kind = _kind(request.GET.get("kind", ""))
    messages_page = Paginator(
        message_list_for_recipient(recipient=request.user, kind=kind),
        INBOX_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    unread = message_unread_counts_by_kind(recipient=request.user)
    return render(
        request,
        "notifications/inbox.html",
        {
            "inbox_messages": messages_page,
            "kind": kind,
            "kinds": [
                {"value": value, "label": label, "unread": unread[value]}
                for value, label in MessageKind.choices
            ],
            "unread_count": sum(unread.values()),
            "kind_unread_count": unread[kind] if kind else sum(unread.values()),
        },
    )


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    """Mark every unread message read, or those of the kind being looked at."""
    kind = _kind(request.POST.get("kind", ""))
    count = message_mark_all_read(recipient=request.user, kind=kind)
    messages.success(
        request,
        ngettext(
            "%(count)d message marked read.", "%(count)d messages marked read.", count
        )
        % {"count": count},
    )
    return redirect(_inbox_url(kind))


@login_required
def message_detail(request: HttpRequest, message_uuid) -> HttpResponse:
    """One of the user's messages; someone else's is a 404, like a missing one."""
    message = get_object_or_404(
        message_list_for_recipient(recipient=request.user), uuid=message_uuid
    )
    message_mark_read(message=message)
    return render(request, "notifications/message_detail.html", {"message": message})


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """Per kind of message, whether it also comes by e-mail and by SMS.

    Only channels that reach the user are offered; the inbox gets everything.
    """
    form = ChannelPreferencesForm(
        request.POST if request.method == "POST" else None,
        reachable=channels_reachable(user=request.user),
        preferences=channel_preference_list(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            channel_preferences_set(user=request.user, chosen=form.chosen())
        except ValidationError as exc:
            form.add_error("channels", exc.error_dict["channels"])
        else:
            messages.success(request, _("Saved. Messages will reach you as you chose."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
