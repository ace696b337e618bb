"""Writes for accounts: sign-up, profiles, one-time SMS login codes."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.exceptions import ApplicationError

from .models import LoginCode, Profile, User


@transaction.atomic
def login_code_send(*, phone: str, language: str = "") -> LoginCode:
    """Create a fresh 6-digit code for the phone and text it after commit.

    ``phone`` is in E.164 form. Refuses a new code within SMS_CODE_RESEND_INTERVAL
    of the last one and past SMS_CODES_PER_HOUR, so that nobody can flood a
    villager's phone. Earlier unused codes for the phone stop working. The SMS
    is written in ``language`` (default: LANGUAGE_CODE).
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
    login_code_sms_task.delay_on_commit(login_code.pk, code, language)
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
def login_code_redeem(*, phone: str, code: str) -> User | None:
    """Use up the code and return the phone's account; None if the code is not right.

    ``phone`` is in E.164 form. A phone without an account gets one (phone
    verified, no usable password). The first correct code for an account whose
    phone was unverified verifies it and drops its password and e-mail address:
    anyone could have typed this number at sign-up (and added an e-mail on the
    shop's profile page), and the phone's owner must not end up in an account
    that a stranger can reopen by password or by a password-reset e-mail.
    Called by SmsCodeBackend, i.e. behind django-axes's lockout.
    """
    if not login_code_consume(phone=phone, code=code):
        return None
    user = User.objects.select_for_update().filter(phone=phone).first()
    if user is None:
        return user_create(phone=phone, is_phone_verified=True)
    if not user.is_phone_verified:
        user.is_phone_verified = True
        user.email = None
        user.set_unusable_password()
        user.save(update_fields=["is_phone_verified", "email", "password"])
    return user


@transaction.atomic
def user_create(
    *,
    email: str | None = None,
    phone: str | None = None,
    password: str | None = None,
    real_name: str = "",
    is_phone_verified: bool = False,
    preferred_language: str = "",
) -> User:
    """Create an account with its profile. Without a password, only SMS login works.

    ``phone`` is in E.164 form; the e-mail is stored in lower case, as login
    looks it up. Raises ValidationError (keyed ``email``, ``phone``,
    ``password``) for a taken e-mail or phone, neither of the two, or a password
    that AUTH_PASSWORD_VALIDATORS refuse.
    """
    email = email.strip().lower() if email else None
    errors: dict[str, list[str]] = {}
    if not email and not phone:
        raise ValidationError(_("Give an e-mail address or a phone number."))
    if email and User.objects.filter(email__iexact=email).exists():
        errors["email"] = [
            _("An account with this e-mail address already exists. Please log in.")
        ]
    if phone and User.objects.filter(phone=phone).exists():
        errors["phone"] = [
            _("An account with this phone number already exists. Please log in.")
        ]
    user = User(email=email, phone=phone or None, is_phone_verified=is_phone_verified)
    if password:
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    # The unique constraints stay the last word if two sign-ups race.
    user.full_clean(exclude=["password"])
    user.save()
    Profile.objects.create(
        user=user, real_name=real_name, preferred_language=preferred_language
    )
    return user


@transaction.atomic
def profile_update(
    *,
    user: User,
    real_name: str,
    township: models.Model | None,
    village: str,
    preferred_language: str,
) -> Profile:
    """Save the user's profile, creating it for accounts made without one.

    ``township`` is a townships.Township (hub code does not import it).
    """
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    profile.real_name = real_name.strip()
    profile.township = township
    profile.village = village.strip()
    profile.preferred_language = preferred_language
    profile.full_clean()
    profile.save()
    return profile


def login_codes_purge(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Delete codes that expired more than ``older_than`` ago; return how many."""
    deleted, _per_model = LoginCode.objects.filter(
        expires_at__lt=timezone.now() - older_than
    ).delete()
    return deleted
