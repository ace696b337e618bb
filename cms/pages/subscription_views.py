"""Subscribe to a township's notices (logged in); unsubscribe by a signed link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hub.notifications.selectors import channels_reachable
from townships.core.models import Township

from .subscription_forms import NoticeSubscriptionForm
from .subscriptions import (
    notice_subscription_cancel,
    notice_subscription_get,
    notice_subscription_set,
    notice_unsubscribe_token_read,
    township_get,
    township_home_for,
)


def _township_or_404(**lookup) -> Township:
    try:
        return township_get(**lookup)
    except Township.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def notice_subscribe(request: HttpRequest, township_slug: str) -> HttpResponse:
    """Choose which of the township's notices to get, and how; or stop them.

    Only ever the logged-in user's own subscription: it is found by user and
    township, never by an id from the request.
    """
    township = _township_or_404(slug=township_slug)
    subscription = notice_subscription_get(user=request.user, township=township)
    if request.method == "POST" and "unsubscribe" in request.POST:
        notice_subscription_cancel(user_id=request.user.pk, township_id=township.pk)
        messages.success(
            request,
            _("You will no longer be told of notices of %(township)s.")
            % {"township": township.name},
        )
        return redirect(request.path)
    form = NoticeSubscriptionForm(
        request.POST if request.method == "POST" else None,
        initial=NoticeSubscriptionForm.initial_for(subscription),
        available_channels=channels_reachable(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            notice_subscription_set(
                user=request.user, township=township, **form.service_kwargs()
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("Saved. You will be told of new notices of %(township)s.")
                % {"township": township.name},
            )
            return redirect(request.path)
    return render(
        request,
        "pages/notice_subscription_form.html",
        {
            "form": form,
            "township": township,
            "subscription": subscription,
            "home": township_home_for(township=township),
        },
    )


# RFC 8058: mail clients POST without a CSRF token; the signed token in the URL
# is what authorises the request, and it only ever unsubscribes.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def notice_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe from a message: GET asks to confirm, POST does it.

    No login needed. A token that was tampered with is refused (400) and
    changes nothing; unsubscribing twice is fine.
    """
    try:
        user_id, township_id = notice_unsubscribe_token_read(token=token)
    except signing.BadSignature:
        return render(request, "pages/notice_unsubscribe.html", {}, status=400)
    township = _township_or_404(pk=township_id, active_only=False)
    done = False
    if request.method == "POST":
        notice_subscription_cancel(user_id=user_id, township_id=township.pk)
        done = True
    return render(
        request,
        "pages/notice_unsubscribe.html",
        {"township": township, "done": done, "valid": True},
    )
