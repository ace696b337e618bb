"""Log in with a password or an SMS code, sign up, edit the profile, log out.

Views parse the form, call authenticate() or a service, and respond. Every login
goes through django.contrib.auth.authenticate(request, ...), so django-axes
counts wrong passwords and wrong SMS codes against the identifier typed and
AxesMiddleware answers a locked-out attempt with accounts/locked_out.html.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language, get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from phonenumber_field.phonenumber import PhoneNumber

from hub.core.exceptions import ApplicationError
from hub.couriers.permissions import courier_for, dispatch_township_ids

from .constants import Role
from .forms import LoginForm, ProfileForm, SignupForm, SmsRequestForm, SmsVerifyForm
from .identifiers import normalize_identifier
from .models import User
from .selectors import login_code_refusal, profile_get_for_user
from .services import login_code_send, profile_update, user_create

# The phone number between the two SMS steps.
SESSION_SMS_PHONE = "accounts_sms_phone"
PASSWORD_BACKEND = "hub.accounts.backends.PhoneOrEmailPasswordBackend"


def _next_url(request: HttpRequest) -> str:
    """Return ?next= (or the posted next) if it points at this site, else ""."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    """Remember the language as django.views.i18n.set_language does."""
    if not language or not check_for_language(language):
        return
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _log_in(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """Log the user in and send them on; ask for a real name first if missing."""
    auth_login(request, user)
    profile = profile_get_for_user(user=user)
    if profile.real_name:
        target = next_url or resolve_url(settings.LOGIN_REDIRECT_URL)
    else:
        messages.info(
            request, _("Welcome! Please tell us your real name to finish signing up.")
        )
        target = _with_next(reverse("accounts:profile"), next_url)
    response = redirect(target)
    _set_language_cookie(response, profile.preferred_language)
    return response


@sensitive_post_parameters("password")
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    """Log in with a phone number or e-mail and a password."""
    next_url = _next_url(request)
    form = LoginForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        request.login_identifier = form.cleaned_data["username"]
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is not None:
            return _log_in(request, user, next_url)
        form.add_error(
            None,
            _(
                "The phone number or e-mail, or the password, is not right. "
                "Please check and try again."
            ),
        )
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@never_cache
def sms_request_view(request: HttpRequest) -> HttpResponse:
    """Step 1 of SMS login or sign-up: text a code to the number typed."""
    next_url = _next_url(request)
    form = SmsRequestForm(
        request.POST if request.method == "POST" else None,
        initial={"phone": request.session.get(SESSION_SMS_PHONE, "")},
    )
    if form.is_valid():
        phone = form.cleaned_data["phone"]
        credentials = {"username": phone}
        if AxesProxyHandler.is_locked(request, credentials):
            # No code for a locked-out number: step 2 would refuse it anyway.
            return get_lockout_response(request, credentials=credentials)
        try:
            login_code_send(phone=phone, language=get_language())
        except ApplicationError as exc:
            form.add_error("phone", exc.message)
        else:
            request.session[SESSION_SMS_PHONE] = phone
            return redirect(_with_next(reverse("accounts:sms_verify"), next_url))
    return render(
        request, "accounts/sms_request.html", {"form": form, "next": next_url}
    )


@sensitive_post_parameters("code")
@never_cache
def sms_verify_view(request: HttpRequest) -> HttpResponse:
    """Step 2: the code from the SMS logs in, or signs up a new number."""
    next_url = _next_url(request)
    phone = request.session.get(SESSION_SMS_PHONE)
    if not phone:
        return redirect(_with_next(reverse("accounts:sms_request"), next_url))
    form = SmsVerifyForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        request.login_identifier = phone
        user = authenticate(request, username=phone, sms_code=form.cleaned_data["code"])
        if user is not None:
            del request.session[SESSION_SMS_PHONE]
            return _log_in(request, user, next_url)
        form.add_error("code", login_code_refusal(phone=phone))
    context = {
        "form": form,
        "next": next_url,
        "phone": PhoneNumber.from_string(phone).as_international,
    }
    return render(request, "accounts/sms_verify.html", context)


@sensitive_post_parameters("password", "password_again")
@never_cache
def signup_view(request: HttpRequest) -> HttpResponse:
    """Sign up with a real name, an e-mail and/or a phone number, and a password."""
    next_url = _next_url(request)
    form = SignupForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            user = user_create(
                email=data["email"],
                phone=data["phone"],
                password=data["password"],
                real_name=data["real_name"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            request.login_identifier = normalize_identifier(
                data["email"] or data["phone"]
            )
            auth_login(request, user, backend=PASSWORD_BACKEND)
            messages.success(
                request,
                _("Your account is ready. Tell us your township to see its services."),
            )
            return redirect(next_url or reverse("accounts:profile"))
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


@login_required
@never_cache
def profile_view(request: HttpRequest) -> HttpResponse:
    """Real name, township, village, preferred language of the logged-in user."""
    next_url = _next_url(request)
    profile = profile_get_for_user(user=request.user)
    form = ProfileForm(
        request.POST if request.method == "POST" else None, instance=profile
    )
    if form.is_valid():
        profile = profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        response = redirect(next_url or reverse("accounts:profile"))
        _set_language_cookie(response, profile.preferred_language)
        return response
    context = {
        "form": form,
        "next": next_url,
        "account": request.user,
        "is_courier": courier_for(request.user) is not None,
        "dispatches": dispatch_township_ids(request.user) != set(),
        "handles_applications": request.user.memberships.filter(
            role__in=(Role.OFFICER, Role.TOWNSHIP_HEAD)
        ).exists(),
    }
    return render(request, "accounts/profile.html", context)


# POST only (Django ≥ 5.0); goes to ?next= if safe, else LOGOUT_REDIRECT_URL.
logout_view = auth_views.LogoutView.as_view()
