"""Token login for apps: phone-or-e-mail and password, through the same
authenticate() as the web login, so django-axes counts wrong passwords and
locks the identifier exactly as it does there (hub.accounts.views.login_view).

Tokens are django-rest-knox's: one per login (per device), stored hashed,
expiring after REST_KNOX["TOKEN_TTL"]; logout deletes the token used.
"""

from django.contrib.auth import authenticate, user_logged_in, user_logged_out

from axes.handlers.proxy import AxesProxyHandler
from drf_spectacular.utils import extend_schema
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .exceptions import InvalidCredentials, LockedOut
from .serializers import LoginSerializer, TokenSerializer


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
        instance, token = AuthToken.objects.create(user=user)
        # As django.contrib.auth.login does: last_login, and axes resets failures.
        user_logged_in.send(sender=user.__class__, request=http_request, user=user)
        data = TokenSerializer({"token": token, "expiry": instance.expiry}).data
        return Response(data)


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
