"""Tell the shopper their order is placed and each seller what to pack."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from hub.notifications.constants import MessageKind
from hub.notifications.selectors import channels_available
from hub.notifications.services import MessageDraft, message_bulk_create


def _absolute(path: str) -> str:
    return settings.HUB_BASE_URL.rstrip("/") + path


def _line_text(line) -> str:
    return f"{line.quantity} × {line.title}"


def order_placed_notify(*, order) -> None:
    """One message to the shopper, one to each seller's people; each sent once.

    Runs in Celery; the dedupe keys make a second run (late acks) harmless.
    """
    groups = list(
        order.seller_groups.select_related("partner").prefetch_related(
            "partner__users__channel_preferences"
        )
    )
    lines = list(order.lines.all())
    language = settings.LANGUAGE_CODE
    if order.user is not None:
        with override(language):
            subject = ngettext(
                "Order %(number)s placed: %(count)d parcel",
                "Order %(number)s placed: %(count)d parcels, one per seller",
                len(groups),
            ) % {"number": order.number, "count": len(groups)}
            body = "\n".join(
                f"{group.partner.name}: "
                + ", ".join(
                    _line_text(line)
                    for line in lines
                    if line.partner_id == group.partner_id
                )
                for group in groups
            )
        message_bulk_create(
            kind=MessageKind.ORDER,
            dedupe_key=f"order-placed:{order.number}",
            drafts=[
                MessageDraft(
                    recipient_id=order.user.pk,
                    subject=subject,
                    body=body,
                    url=_absolute(reverse("orders:detail", args=[order.number])),
                    language=language,
                    channels=tuple(
                        channels_available(user=order.user, kind=MessageKind.ORDER)
                    ),
                )
            ],
        )
    for group in groups:
        sellers = list(group.partner.users.all())
        if not sellers:
            continue
        with override(language):
            subject = _("New order %(number)s: please pack it") % {
                "number": order.number
            }
            body = ", ".join(
                _line_text(line)
                for line in lines
                if line.partner_id == group.partner_id
            )
        message_bulk_create(
            kind=MessageKind.ORDER,
            dedupe_key=f"order-new:{order.number}:{group.partner_id}",
            drafts=[
                MessageDraft(
                    recipient_id=seller.pk,
                    subject=subject,
                    body=body,
                    url=_absolute(reverse("stall:home")),
                    language=language,
                    channels=tuple(
                        channels_available(user=seller, kind=MessageKind.ORDER)
                    ),
                )
                for seller in sellers
            ],
        )
