"""Forms of the account pages: they parse and check what was typed, nothing more."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

import phonenumbers

from .identifiers import normalize_phone
from .models import Profile

PHONE_INVALID = _(
    "This is not a mobile phone number we can send a text to. Check the digits, "
    "e.g. 138 0013 8000, or +84 … for Vietnam."
)


def _clean_mobile(raw: str) -> str:
    """Return the number in E.164 form, or raise if it cannot receive an SMS."""
    phone = normalize_phone(raw)
    if phone is None:
        raise forms.ValidationError(PHONE_INVALID, code="invalid_phone")
    kind = phonenumbers.number_type(phonenumbers.parse(phone))
    if kind not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise forms.ValidationError(PHONE_INVALID, code="invalid_phone")
    return phone


def _phone_widget() -> forms.TextInput:
    return forms.TextInput(
        attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
    )


class LoginForm(forms.Form):
    """Phone number or e-mail, and password."""

    # Named "username" because django-axes reads the identifier from that field.
    username = forms.CharField(
        label=_("Phone number or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SmsRequestForm(forms.Form):
    """The mobile number a login code is sent to."""

    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=32,
        widget=_phone_widget(),
        help_text=_("We text you a 6-digit code. New numbers get a new account."),
    )

    def clean_phone(self) -> str:
        return _clean_mobile(self.cleaned_data["phone"])


class SmsVerifyForm(forms.Form):
    """The 6-digit code from the SMS."""

    code = forms.CharField(
        label=_("Code from the SMS"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self) -> str:
        code = re.sub(r"\s+", "", self.cleaned_data["code"])
        if not re.fullmatch(r"[0-9]{6}", code):
            raise forms.ValidationError(
                _("Enter the 6 digits from the SMS."), code="invalid_code"
            )
        return code


class SignupForm(forms.Form):
    """Real name, e-mail and/or phone, password twice.

    Taken e-mails and phones and weak passwords are refused by user_create.
    """

    real_name = forms.CharField(
        label=_("Real name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Give an e-mail address, a mobile phone number, or both."),
    )
    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=32,
        required=False,
        widget=_phone_widget(),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self) -> str:
        raw = self.cleaned_data["phone"].strip()
        return _clean_mobile(raw) if raw else ""

    def clean(self) -> dict:
        cleaned = super().clean()
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            raise forms.ValidationError(
                _("Give an e-mail address or a mobile phone number."),
                code="no_identifier",
            )
        password = cleaned.get("password")
        if password and password != cleaned.get("password_again"):
            self.add_error(
                "password_again",
                forms.ValidationError(
                    _("The two passwords are not the same."),
                    code="password_mismatch",
                ),
            )
        return cleaned


def _language_choices() -> list[tuple[str, str]]:
    """Each language named in itself, so that a reader can find their own."""
    return [
        ("", _("Same as my browser")),
        *(
            (code, get_language_info(code)["name_local"])
            for code, _name in settings.LANGUAGES
        ),
    ]


class ProfileForm(forms.ModelForm):
    """Real name, township of residence, village, preferred language."""

    real_name = forms.CharField(
        label=_("Real name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("As on your ID card; needed for applications and deliveries."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=_language_choices, required=False
    )

    class Meta:
        model = Profile
        fields = ["real_name", "township", "village", "preferred_language"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        township = self.fields["township"]
        # Active townships only, reached through the FK (hub does not import
        # townships); keep the current one even if it was since deactivated.
        township_model = township.queryset.model
        choices = township_model.objects.active()
        if self.instance.township_id:
            choices = choices | township_model.objects.filter(
                pk=self.instance.township_id
            )
        township.queryset = choices
        township.empty_label = _("Choose your township")
