"""Writes for accounts: sign-up, profiles, one-time SMS login codes."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.exceptions import ApplicationError

from .models import LoginCode, Profile, User


@transaction.atomic
def login_code_send(*, phone: str) -> LoginCode:
    """Create a fresh 6-digit code for the phone and text it after commit.

    Refuses a new code within SMS_CODE_RESEND_INTERVAL of the last one and past
    SMS_CODES_PER_HOUR, so that nobody can flood a villager's phone. Earlier
    unused codes for the phone stop working.
    """
    from .tasks import login_code_sms_task

    now = timezone.now()
    recent = LoginCode.objects.filter(
        phone=phone, created_at__gte=now - timedelta(hours=1)
    )
    last = recent.order_by("-created_at").first()
    if last and now - last.created_at < settings.SMS_CODE_RESEND_INTERVAL:
        wait = settings.SMS_CODE_RESEND_INTERVAL - (now - last.created_at)
        raise ApplicationError(
            _("A code was just sent. Please wait %(seconds)d seconds and ask again.")
            % {"seconds": int(wait.total_seconds()) + 1}
        )
    if recent.count() >= settings.SMS_CODES_PER_HOUR:
        raise ApplicationError(
            _("Too many codes were sent to this number. Please try again in an hour.")
        )
    LoginCode.objects.filter(phone=phone, used_at__isnull=True).update(used_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    login_code = LoginCode.objects.create(
        phone=phone,
        code_hash=make_password(code),
        created_at=now,
        expires_at=now + settings.SMS_CODE_TTL,
    )
    login_code_sms_task.delay_on_commit(login_code.pk, code)
    return login_code


@transaction.atomic
def login_code_consume(*, phone: str, code: str) -> bool:
    """Use up the phone's current code if ``code`` matches it and it has not expired.

    Takes a row lock, so a code works once even when two requests race.
    """
    login_code = (
        LoginCode.objects.select_for_update()
        .filter(phone=phone, used_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )
    if login_code is None or not check_password(code.strip(), login_code.code_hash):
        return False
    login_code.used_at = timezone.now()
    login_code.save(update_fields=["used_at"])
    return True


@transaction.atomic
def user_create(
    *,
    email: str | None = None,
    phone: str | None = None,
    password: str | None = None,
    real_name: str = "",
    is_phone_verified: bool = False,
) -> User:
    """Create an account with its profile. Without a password, only SMS login works."""
    user = User(
        email=email or None, phone=phone or None, is_phone_verified=is_phone_verified
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    Profile.objects.create(user=user, real_name=real_name)
    return user


def login_codes_purge(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Delete codes that expired more than ``older_than`` ago; return how many."""
    deleted, _ = LoginCode.objects.filter(
        expires_at__lt=timezone.now() - older_than
    ).delete()
    return deleted
