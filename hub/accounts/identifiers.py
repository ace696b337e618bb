"""What a person types to log in (a phone number or an e-mail), made canonical."""

from django.conf import settings

import phonenumbers


def normalize_phone(raw: str) -> str | None:
    """Return the number in E.164 form, or None if it is not a valid phone number.

    A number without a country code is read in PHONENUMBER_DEFAULT_REGION.
    """
    try:
        number = phonenumbers.parse(raw.strip(), settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_identifier(raw: str) -> str:
    """Return the canonical login name: an E.164 phone number or a lowercase e-mail."""
    raw = (raw or "").strip()
    if "@" in raw:
        return raw.lower()
    return normalize_phone(raw) or raw


def axes_username(request, credentials: dict | None) -> str | None:
    """Tell django-axes whose attempt this was, so that "0138..." and "+86138..."
    count against the same lock.

    Our login views put what the person typed on ``request.login_identifier``.
    It comes first because, on a successful login, axes passes
    ``user.get_username()`` (the e-mail, or None) instead, which would clear the
    failures of the e-mail rather than of the phone number that was typed.
    AxesStandaloneBackend keys the identifier by AXES_USERNAME_FORM_FIELD, which
    defaults to USERNAME_FIELD ("email"), so both keys are read.
    """
    credentials = credentials or {}
    form_field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    raw = (
        getattr(request, "login_identifier", None)
        or credentials.get("username")
        or (request.POST.get("username") if request else None)
        or credentials.get(form_field)
    )
    return normalize_identifier(raw) if raw else None
