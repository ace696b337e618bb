"""Citizens' subscriptions to a township's notices, and one-click unsubscribe links.

Services and the few reads they need. A subscription is always reached through
its user (the logged-in one, or the one named in a signed token), never by an id
from the URL, so nobody can change someone else's.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import Locale

from hub.accounts.models import User
from hub.notifications.constants import Channel
from hub.notifications.selectors import channels_reachable
from townships.core.models import Township

from .constants import NoticeCategory
from .models import NoticeSubscription, TownshipHomePage

# A different salt per purpose: a token signed for anything else never passes.
UNSUBSCRIBE_SALT = "cms.pages.notice-unsubscribe"


def township_get(*, active_only: bool = True, **lookup) -> Township:
    """The township by ``slug=`` or ``pk=``; raises Township.DoesNotExist.

    Subscribing needs an active township; unsubscribing works from any.
    """
    townships = Township.objects.active() if active_only else Township.objects
    return townships.get(**lookup)


def township_home_for(*, township: Township) -> TownshipHomePage | None:
    """The township's live home page, in the active language if it has one."""
    homes = TownshipHomePage.objects.live().filter(township=township)
    locale = Locale.get_active()
    return homes.filter(locale=locale).first() or homes.first()


def notice_subscription_get(
    *, user: User, township: Township
) -> NoticeSubscription | None:
    """The user's subscription to the township's notices, if any."""
    return NoticeSubscription.objects.filter(user=user, township=township).first()


@transaction.atomic
def notice_subscription_set(
    *,
    user: User,
    township: Township,
    categories: list[str],
    by_email: bool = False,
    by_sms: bool = False,
) -> NoticeSubscription:
    """Subscribe the user to the township's notices, or change what and how.

    ``categories`` are NoticeCategory values; empty means all. Raises
    ValidationError (keyed ``categories``, ``channels``) for an unknown category
    or a channel that cannot reach the user. One subscription per user and
    township: the row is locked and updated if it exists.
    """
    errors: dict[str, list[str]] = {}
    if set(categories) - set(NoticeCategory.values):
        errors["categories"] = [_("Choose categories from the list.")]
    available = channels_reachable(user=user)
    if by_email and Channel.EMAIL not in available:
        errors.setdefault("channels", []).append(
            _("Add an e-mail address to your account to get notices by e-mail.")
        )
    if by_sms and Channel.SMS not in available:
        errors.setdefault("channels", []).append(
            _("Log in once with an SMS code to confirm your phone for notices by SMS.")
        )
    if errors:
        raise ValidationError(errors)
    subscription = (
        NoticeSubscription.objects.select_for_update()
        .filter(user=user, township=township)
        .first()
    ) or NoticeSubscription(user=user, township=township)
    # Stored in the order of NoticeCategory, without repeats.
    subscription.categories = [c for c in NoticeCategory.values if c in categories]
    subscription.by_email = by_email
    subscription.by_sms = by_sms
    subscription.full_clean()
    subscription.save()
    return subscription


@transaction.atomic
def notice_subscription_cancel(*, user_id: int, township_id: int) -> bool:
    """Stop telling the user of the township's notices; False if not subscribed.

    Safe to call twice. Messages already in the inbox stay there.
    """
    deleted, _per_model = NoticeSubscription.objects.filter(
        user_id=user_id, township_id=township_id
    ).delete()
    return bool(deleted)


def notice_unsubscribe_token(*, subscription: NoticeSubscription) -> str:
    """A signed token that unsubscribes this user from this township, without login.

    It names the user and the township, not the row, so that a link in an old
    message still works after the user changed or renewed the subscription.
    """
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(
        [subscription.user_id, subscription.township_id]
    )


def notice_unsubscribe_token_read(*, token: str) -> tuple[int, int]:
    """Return (user pk, township pk); raises signing.BadSignature if tampered with."""
    try:
        user_id, township_id = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(
            token
        )
    except (ValueError, TypeError) as exc:  # signed, but not our shape
        raise signing.BadSignature(str(exc)) from exc
    if not isinstance(user_id, int) or not isinstance(township_id, int):
        raise signing.BadSignature("unexpected token content")
    return user_id, township_id


def notice_unsubscribe_url(*, subscription: NoticeSubscription) -> str:
    """The absolute one-click unsubscribe address put in every notice message."""
    token = notice_unsubscribe_token(subscription=subscription)
    path = reverse("notices:unsubscribe", kwargs={"token": token})
    return settings.HUB_BASE_URL.rstrip("/") + path
