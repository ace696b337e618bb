"""A recipient's parcels (/me/parcels/) and the public tracking page (/track/<uuid>/).

The recipient's pages show the delivery code to give the courier; the public
page, for anyone holding the link (a guest shopper, a family member, the QR
code on the label), shows statuses and times only.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from .constants import FINAL_STATUSES, TOWNSHIP_PROVIDER
from .permissions import can_follow
from .tracking_selectors import (
    shipment_get_for_recipient,
    shipment_list_for_recipient,
    shipment_tracking_public,
)

PARCELS_PAGE_SIZE = 20


@login_required
def parcel_list(request: HttpRequest) -> HttpResponse:
    """The user's parcels, newest first, with their status and last event."""
    parcels = Paginator(
        shipment_list_for_recipient(recipient=request.user), PARCELS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "couriers/tracking/parcel_list.html", {"parcels": parcels})


@login_required
def parcel_detail(request: HttpRequest, uuid) -> HttpResponse:
    """The user's own parcel with its code; another's is a 404, as a missing one."""
    shipment = shipment_get_for_recipient(recipient=request.user, uuid=uuid)
    if shipment is None or not can_follow(request.user, shipment):
        raise Http404
    track_url = request.build_absolute_uri(
        reverse("couriers:track", args=[shipment.uuid])
    )
    return render(
        request,
        "couriers/tracking/parcel_detail.html",
        {
            "shipment": shipment,
            "show_code": shipment.status not in FINAL_STATUSES,
            "is_outside_carrier": shipment.provider != TOWNSHIP_PROVIDER,
            "track_url": track_url,
        },
    )


def track(request: HttpRequest, uuid) -> HttpResponse:
    """Anyone with the link: the status and the history, nothing personal."""
    tracking = shipment_tracking_public(uuid=uuid)
    if tracking is None:
        raise Http404
    return render(request, "couriers/tracking/track.html", {"tracking": tracking})
