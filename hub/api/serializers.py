"""Serializers of the API's own parts: the error body and token login."""

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    field = serializers.CharField(
        allow_null=True, help_text=_("The field at fault (dotted path), or null.")
    )
    message = serializers.CharField(help_text=_("In the language of the request."))
    code = serializers.CharField(help_text=_("A stable code, e.g. required."))


class ErrorResponseSerializer(serializers.Serializer):
    errors = ErrorSerializer(many=True)


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(
        max_length=254, help_text=_("A phone number or an e-mail address.")
    )
    password = serializers.CharField(
        max_length=128, trim_whitespace=False, write_only=True
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text=_('Send it as "Authorization: Token <token>".')
    )
    expiry = serializers.DateTimeField(allow_null=True)
