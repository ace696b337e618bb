"""Serializers of the API's own parts: the error body and token login."""

from django.conf import settings
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


class SmsRequestSerializer(serializers.Serializer):
    phone = serializers.CharField(
        max_length=32,
        help_text=_("A mobile number; a new number gets a new account at step 2."),
    )


class SmsVerifySerializer(serializers.Serializer):
    phone = serializers.CharField(max_length=32)
    code = serializers.CharField(
        max_length=12, help_text=_("The 6 digits from the SMS.")
    )


class SignupSerializer(serializers.Serializer):
    real_name = serializers.CharField(max_length=100)
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        help_text=_("Give an e-mail address, a mobile phone number, or both."),
    )
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    password_again = serializers.CharField(max_length=128, trim_whitespace=False)


class ProfileSerializer(serializers.Serializer):
    """The caller's account and profile, as on /accounts/profile/."""

    phone = serializers.CharField(read_only=True, allow_null=True)
    email = serializers.CharField(read_only=True)
    real_name = serializers.CharField(max_length=100)
    township = serializers.SlugField(
        allow_null=True, help_text=_("The slug of the township one lives in.")
    )
    village = serializers.CharField(max_length=100, allow_blank=True)
    preferred_language = serializers.ChoiceField(
        choices=["", *(code for code, _name in settings.LANGUAGES)],
        allow_blank=True,
        help_text=_("Messages come in it; empty follows the app's language."),
    )
