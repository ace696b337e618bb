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
    count against the same lock."""
    credentials = credentials or {}
    raw = credentials.get("username") or (
        request.POST.get("username") if request else None
    )
    return normalize_identifier(raw) if raw else None
