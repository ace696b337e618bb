"""Reads for accounts."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import LoginCode, Profile, User


def login_code_latest(*, phone: str) -> LoginCode | None:
    """Return the code most recently sent to the phone (E.164), if any."""
    return LoginCode.objects.filter(phone=phone).order_by("-created_at").first()


def login_code_refusal(*, phone: str) -> str:
    """Why a code typed for the phone (E.164) did not work, in plain words."""
    latest = login_code_latest(phone=phone)
    if latest is None:
        return _("No code was sent to this number. Please ask for a code.")
    if latest.used_at is not None:
        return _("This code was already used. Please ask for a new code.")
    if latest.expires_at <= timezone.now():
        return _("This code has expired. Please ask for a new code.")
    return _("This code is not right. Check the latest SMS from us and try again.")


def profile_get_for_user(*, user: User) -> Profile:
    """Return the user's profile, or an unsaved blank one if they have none yet."""
    try:
        return Profile.objects.select_related("township").get(user=user)
    except Profile.DoesNotExist:
        return Profile(user=user)
