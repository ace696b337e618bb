"""Reads for accounts."""

from .models import LoginCode, Profile, User


def login_code_latest(*, phone: str) -> LoginCode | None:
    """Return the code most recently sent to the phone (E.164), if any."""
    return LoginCode.objects.filter(phone=phone).order_by("-created_at").first()


def profile_get_for_user(*, user: User) -> Profile:
    """Return the user's profile, or an unsaved blank one if they have none yet."""
    try:
        return Profile.objects.select_related("township").get(user=user)
    except Profile.DoesNotExist:
        return Profile(user=user)
