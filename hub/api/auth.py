"""Token login for apps: phone-or-e-mail and password, through the same
authenticate() as the web login, so django-axes counts wrong passwords and
locks the identifier exactly as it does there (hub.accounts.views.login_view).

Tokens are django-rest-knox's: one per login (per device), stored hashed,
expiring after REST_KNOX["TOKEN_TTL"]; logout deletes the token used.
"""

from django.contrib.auth import authenticate, user_logged_in, user_logged_out
from django.utils.translation import get_language

from axes.handlers.proxy import AxesProxyHandler
from drf_spectacular.utils import extend_schema
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.accounts.forms import SignupForm, SmsRequestForm, SmsVerifyForm
from hub.accounts.identifiers import normalize_identifier
from hub.accounts.selectors import login_code_refusal
from hub.accounts.services import login_code_send, user_create
from hub.core.exceptions import ApplicationError

from .exceptions import InvalidCredentials, LockedOut, form_errors
from .serializers import (
    LoginSerializer,
    SignupSerializer,
    SmsRequestSerializer,
    SmsVerifySerializer,
    TokenSerializer,
)


def _token_for(user, http_request) -> Response:
    """A new token for the user (one per device), logged in as the web does."""
    instance, token = AuthToken.objects.create(user=user)
    # As django.contrib.auth.login does: last_login, and axes resets failures.
    user_logged_in.send(sender=user.__class__, request=http_request, user=user)
    return Response(TokenSerializer({"token": token, "expiry": instance.expiry}).data)


class LoginView(APIView):
    """Log in with a phone number or e-mail and a password; get a token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=LoginSerializer, responses={200: TokenSerializer})
    def post(self, request: Request) -> Response:
        serializer = LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        username = serializer.validated_data["username"]
        # axes reads the Django request: who tried (identifiers.axes_username)
        # and, after the attempt, whether it locked the identifier.
        http_request = request._request
        http_request.login_identifier = username
        if AxesProxyHandler.is_locked(http_request, {"username": username}):
            raise LockedOut()
        user = authenticate(
            http_request,
            username=username,
            password=serializer.validated_data["password"],
        )
        if user is None:
            if getattr(http_request, "axes_locked_out", False):
                # Answered here in the API's format, so AxesMiddleware must not
                # swap in the web's HTML lockout page.
                http_request.axes_locked_out = False
                raise LockedOut()
            raise InvalidCredentials()
        return _token_for(user, http_request)


class SmsRequestView(APIView):
    """Step 1 of SMS login or sign-up: text a 6-digit code to the number."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=SmsRequestSerializer, responses={202: None})
    def post(self, request: Request) -> Response:
        body = SmsRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)  # an object with the fields, first
        form = SmsRequestForm(body.validated_data)
        if not form.is_valid():
            raise form_errors(form)
        phone = form.cleaned_data["phone"]
        if AxesProxyHandler.is_locked(request._request, {"username": phone}):
            raise LockedOut()  # no code for a number step 2 would refuse anyway
        try:
            login_code_send(phone=phone, language=get_language())
        except ApplicationError as error:
            raise exceptions.ValidationError({"phone": [error.message]}) from error
        return Response(status=status.HTTP_202_ACCEPTED)


class SmsVerifyView(APIView):
    """Step 2: the code logs in (or signs up a new number); get a token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=SmsVerifySerializer, responses={200: TokenSerializer})
    def post(self, request: Request) -> Response:
        body = SmsVerifySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        phone_form = SmsRequestForm({"phone": body.validated_data["phone"]})
        code_form = SmsVerifyForm({"code": body.validated_data["code"]})
        if not phone_form.is_valid():
            raise form_errors(phone_form)
        if not code_form.is_valid():
            raise form_errors(code_form)
        phone = phone_form.cleaned_data["phone"]
        http_request = request._request
        http_request.login_identifier = phone
        if AxesProxyHandler.is_locked(http_request, {"username": phone}):
            raise LockedOut()
        user = authenticate(
            http_request, username=phone, sms_code=code_form.cleaned_data["code"]
        )
        if user is None:
            if getattr(http_request, "axes_locked_out", False):
                http_request.axes_locked_out = False
                raise LockedOut()
            raise exceptions.ValidationError(
                {"code": [login_code_refusal(phone=phone)]}
            )
        return _token_for(user, http_request)


class SignupView(APIView):
    """Sign up with a real name, an e-mail and/or a phone, and a password."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=SignupSerializer, responses={201: TokenSerializer})
    def post(self, request: Request) -> Response:
        body = SignupSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = SignupForm(body.validated_data)
        if not form.is_valid():
            raise form_errors(form)
        data = form.cleaned_data
        # A taken e-mail or phone, or a weak password: ValidationError by
        # field, answered as 400 by hub.api.exceptions.
        user = user_create(
            email=data["email"],
            phone=data["phone"],
            password=data["password"],
            real_name=data["real_name"],
        )
        http_request = request._request
        http_request.login_identifier = normalize_identifier(
            data["email"] or data["phone"]
        )
        response = _token_for(user, http_request)
        response.status_code = status.HTTP_201_CREATED
        return response


class LogoutView(APIView):
    """Revoke the token this request is made with."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        request.auth.delete()
        user_logged_out.send(
            sender=request.user.__class__, request=request._request, user=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllView(APIView):
    """Revoke every token of the caller (every device)."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        AuthToken.objects.filter(user=request.user).delete()
        user_logged_out.send(
            sender=request.user.__class__, request=request._request, user=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
