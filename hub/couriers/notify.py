"""Tell a recipient of each change of their shipment (in-site, e-mail, SMS)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from hub.notifications.constants import MessageKind
from hub.notifications.selectors import channels_available
from hub.notifications.services import MessageDraft, message_bulk_create

from .constants import ShipmentStatus

# On these steps the recipient is reminded of the code to show the courier.
_WITH_CODE = (ShipmentStatus.CREATED, ShipmentStatus.IN_TRANSIT)


def tracking_event_notify(*, event) -> None:
    shipment = event.shipment
    recipient = shipment.recipient
    if recipient is None:
        return
    language = settings.LANGUAGE_CODE
    with override(language):
        subject = _("Parcel %(reference)s: %(status)s") % {
            "reference": shipment.description or shipment.reference,
            "status": ShipmentStatus(event.status).label,
        }
        lines = [text for text in (event.place, event.note) if text]
        if event.status in _WITH_CODE:
            lines.append(
                _("Show the courier this delivery code: %(code)s")
                % {"code": shipment.delivery_code}
            )
    url = settings.HUB_BASE_URL.rstrip("/") + reverse(
        "couriers:parcel", args=[shipment.uuid]
    )
    message_bulk_create(
        kind=MessageKind.PARCEL,
        dedupe_key=f"tracking:{event.pk}",
        drafts=[
            MessageDraft(
                recipient_id=recipient.pk,
                subject=subject,
                body="\n".join(lines),
                url=url,
                language=language,
                channels=tuple(
                    channels_available(user=recipient, kind=MessageKind.PARCEL)
                ),
            )
        ],
    )
