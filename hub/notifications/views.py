"""The in-site inbox: a user's own messages, and one message (marked read on open)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .constants import INBOX_PAGE_SIZE
from .selectors import message_list_for_recipient, message_unread_count
from .services import message_mark_read


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's messages, newest first, with how many are unread."""
    messages_page = Paginator(
        message_list_for_recipient(recipient=request.user), INBOX_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "inbox_messages": messages_page,
            "unread_count": message_unread_count(recipient=request.user),
        },
    )


@login_required
def message_detail(request: HttpRequest, message_uuid) -> HttpResponse:
    """One of the user's messages; someone else's is a 404, like a missing one."""
    message = get_object_or_404(
        message_list_for_recipient(recipient=request.user), uuid=message_uuid
    )
    message_mark_read(message=message)
    return render(request, "notifications/message_detail.html", {"message": message})
