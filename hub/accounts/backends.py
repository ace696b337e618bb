"""Authentication by phone-or-e-mail plus password, or phone plus a one-time SMS code.

django-axes's backend runs first (settings.AUTHENTICATION_BACKENDS) and refuses
every attempt for a locked-out identifier; each None returned here is counted.
"""

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .identifiers import normalize_identifier, normalize_phone
from .models import User
from .services import login_code_redeem


def _user_for(identifier: str) -> User | None:
    canonical = normalize_identifier(identifier)
    field = "email__iexact" if "@" in canonical else "phone"
    return User.objects.filter(**{field: canonical}).first()


class PhoneOrEmailPasswordBackend(ModelBackend):
    """Log in with a phone number or an e-mail address, and a password."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs,
    ) -> User | None:
        if not username or password is None:
            return None
        user = _user_for(username)
        if user is None:
            # Spend the same time as a real check, so timing does not reveal accounts.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class SmsCodeBackend(ModelBackend):
    """Log in with a phone number and the one-time code just sent to it.

    A correct code for a phone without an account signs the person up.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        sms_code: str | None = None,
        **kwargs,
    ) -> User | None:
        if not username or not sms_code:
            return None
        phone = normalize_phone(username)
        if phone is None:
            return None
        user = login_code_redeem(phone=phone, code=sms_code)
        if user is None or not self.user_can_authenticate(user):
            return None
        return user
