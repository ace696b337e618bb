"""One error format for every API response that is not a success.

``{"errors": [{"field": "code", "message": "…", "code": "required"}]}``: ``field``
is null for an error of the whole request, a dotted path for a nested field.
Messages are in the request's language (LocaleMiddleware reads Accept-Language).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.forms import Form
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from hub.core.exceptions import ApplicationError
from hub.payments.gateway import GatewayError


class LockedOut(exceptions.APIException):
    """Too many wrong passwords for this identifier (django-axes)."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = _(
        "The password or SMS code was wrong too many times for this phone number "
        "or e-mail, so logging in to it is paused for a while. This protects your "
        "account."
    )
    default_code = "locked_out"


class PaymentServiceUnavailable(exceptions.APIException):
    """Stripe refused or could not be reached; the service changed nothing."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _(
        "The payment service could not be reached just now; nothing was changed. "
        "Try again in a few minutes."
    )
    default_code = "payment_service_unavailable"


class InvalidCredentials(exceptions.APIException):
    """The identifier or the password is wrong (one message for both)."""

    status_code = status.HTTP_401_UNAUTHORIZED
    default_detail = _(
        "The phone number or e-mail, or the password, is not right. "
        "Please check and try again."
    )
    default_code = "invalid_credentials"


def _flatten(detail: Any, field: str | None) -> list[dict[str, Any]]:
    """The ErrorDetails of a (nested) DRF error detail as a flat list."""
    if isinstance(detail, dict):
        errors = []
        for key, value in detail.items():
            if key in ("non_field_errors", "__all__"):
                name = field
            else:
                name = f"{field}.{key}" if field else str(key)
            errors += _flatten(value, name)
        return errors
    if isinstance(detail, list):
        return [error for item in detail for error in _flatten(item, field)]
    return [
        {
            "field": field,
            "message": str(detail),
            "code": getattr(detail, "code", None) or "invalid",
        }
    ]


def form_errors(form: Form) -> exceptions.ValidationError:
    """A Django form's errors as an API ValidationError, codes kept."""
    return exceptions.ValidationError(
        {
            field: [
                exceptions.ErrorDetail(
                    error["message"], code=error["code"] or "invalid"
                )
                for error in errors
            ]
            for field, errors in form.errors.get_json_data().items()
        }
    )


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler (headers, rollback), with our body and ApplicationError as 400."""
    if isinstance(exc, ApplicationError):
        exc = exceptions.ValidationError(
            exceptions.ErrorDetail(exc.message, code=exc.extra.get("code", "invalid"))
        )
    elif isinstance(exc, DjangoValidationError):
        # A service's own checks (e.g. listing_check), by field where it names one.
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    elif isinstance(exc, GatewayError):
        exc = PaymentServiceUnavailable()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
    response.data = {"errors": _flatten(detail, None)}
    return response


class NotFoundView(APIView):
    """Every method of an unknown /api/v1/ path: a 404 in the error format."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    schema = None

    def initial(self, request, *args, **kwargs) -> None:
        raise exceptions.NotFound()
