"""Parcels and courier tasks: the recipient's parcels with their tracking and
delivery code, public tracking by link, and a courier's tasks with pickup and
delivery. Views parse, authorise, call one selector or service, and respond,
like hub.couriers' web views; another person's parcel or task is a 404.
"""

from collections.abc import Callable
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.couriers import selectors, services
from hub.couriers.constants import FINAL_STATUSES, FailureReason, ShipmentStatus
from hub.couriers.courier_forms import action_form, action_names
from hub.couriers.models import Shipment, TrackingEvent
from hub.couriers.permissions import can_follow, courier_for
from hub.couriers.tracking_selectors import (
    shipment_get_for_recipient,
    shipment_list_for_recipient,
    shipment_tracking_public,
)

from .exceptions import form_errors

# --- Serializers ----------------------------------------------------------------


class PublicEventSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ShipmentStatus.choices)
    label = serializers.CharField()
    at = serializers.DateTimeField()


class PublicTrackingSerializer(serializers.Serializer):
    """Statuses and times only: nothing names a person or a place."""

    status = serializers.ChoiceField(choices=ShipmentStatus.choices)
    label = serializers.CharField()
    kind_label = serializers.CharField()
    events = PublicEventSerializer(many=True)


class TrackingEventSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_status_display")

    class Meta:
        model = TrackingEvent
        fields = ["status", "label", "at", "place", "note"]


class ParcelSerializer(serializers.ModelSerializer):
    """One of the caller's parcels in a list, with its latest event."""

    status_label = serializers.CharField(source="get_status_display")
    last_event = serializers.SerializerMethodField()

    class Meta:
        model = Shipment
        fields = [
            "uuid",
            "kind",
            "status",
            "status_label",
            "description",
            "sender_name",
            "created_at",
            "last_event",
        ]

    @extend_schema_field(TrackingEventSerializer(allow_null=True))
    def get_last_event(self, shipment: Shipment):
        events = shipment.last_events
        return TrackingEventSerializer(events[0]).data if events else None


class ParcelDetailSerializer(serializers.ModelSerializer):
    """The caller's own parcel: history, and the code while it is on its way."""

    status_label = serializers.CharField(source="get_status_display")
    delivery_code = serializers.SerializerMethodField(
        help_text=_("Give it to the courier at the door; null once it has arrived.")
    )
    courier_name = serializers.SerializerMethodField()
    history = TrackingEventSerializer(many=True)

    class Meta:
        model = Shipment
        fields = [
            "uuid",
            "kind",
            "status",
            "status_label",
            "description",
            "sender_name",
            "recipient_name",
            "address",
            "method",
            "delivery_code",
            "courier_name",
            "delivered_at",
            "created_at",
            "history",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_delivery_code(self, shipment: Shipment) -> str | None:
        if shipment.status in FINAL_STATUSES:
            return None
        return shipment.delivery_code

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_courier_name(self, shipment: Shipment) -> str | None:
        if shipment.courier is None:
            return None
        return shipment.courier.user.get_full_name() or None


class MoneySerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()


class CourierTaskSerializer(serializers.ModelSerializer):
    """A shipment as its courier sees it: where to collect, where to deliver."""

    status_label = serializers.CharField(source="get_status_display")
    zone_name = serializers.CharField(source="zone.name", allow_null=True)
    cash_due = serializers.SerializerMethodField(
        help_text=_("Cash to collect at the door, or null.")
    )
    actions = serializers.SerializerMethodField(
        help_text=_("The steps the status allows next.")
    )

    class Meta:
        model = Shipment
        fields = [
            "uuid",
            "kind",
            "status",
            "status_label",
            "pickup_place",
            "sender_name",
            "sender_phone",
            "recipient_name",
            "recipient_phone",
            "address",
            "zone_name",
            "method",
            "description",
            "weight_grams",
            "is_code_locked",
            "cash_due",
            "actions",
        ]

    @extend_schema_field(MoneySerializer(allow_null=True))
    def get_cash_due(self, shipment: Shipment):
        payment = selectors.shipment_cash_due(shipment)
        return MoneySerializer(payment).data if payment is not None else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, shipment: Shipment) -> list[str]:
        return action_names(shipment)


class DeliverSerializer(serializers.Serializer):
    code = serializers.CharField(
        max_length=32, help_text=_("The recipient's 6-digit delivery code.")
    )
    cash = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        help_text=_("Cash collected, for cash on delivery."),
    )


class PhotoDeliverSerializer(serializers.Serializer):
    photo = serializers.FileField(
        help_text=_("The parcel handed over, with the person who took it.")
    )
    received_by = serializers.CharField(
        max_length=200, help_text=_("Name of the person who took it.")
    )
    cash = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        help_text=_("Cash collected, for cash on delivery."),
    )


class FailSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=FailureReason.choices)
    note = serializers.CharField(
        max_length=255,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Needed for “Other”; dispatch and the recipient read it."),
    )


class ReturnSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )


# --- Public tracking ------------------------------------------------------------


class TrackingView(APIView):
    """Anyone with the tracking link: statuses and times, nothing personal."""

    permission_classes = [AllowAny]

    @extend_schema(responses=PublicTrackingSerializer)
    def get(self, request: Request, uuid: UUID) -> Response:
        tracking = shipment_tracking_public(uuid=uuid)
        if tracking is None:
            raise Http404
        return Response(PublicTrackingSerializer(tracking).data)


# --- The recipient's parcels ----------------------------------------------------


class ParcelListView(generics.ListAPIView):
    """The caller's parcels, newest first."""

    serializer_class = ParcelSerializer

    def get_queryset(self):
        return shipment_list_for_recipient(recipient=self.request.user)


class ParcelDetailView(generics.RetrieveAPIView):
    """One of the caller's parcels, with its history and delivery code."""

    serializer_class = ParcelDetailSerializer
    queryset = Shipment.objects.none()

    def get_object(self) -> Shipment:
        shipment = shipment_get_for_recipient(
            recipient=self.request.user, uuid=self.kwargs["uuid"]
        )
        if shipment is None or not can_follow(self.request.user, shipment):
            raise Http404
        return shipment


# --- The courier's tasks --------------------------------------------------------


class IsCourier(BasePermission):
    """An active courier (hub.couriers.permissions.courier_for)."""

    message = _("Only an active courier may do this.")

    def has_permission(self, request, view) -> bool:
        return courier_for(request.user) is not None


class CourierMixin:
    permission_classes = [IsAuthenticated, IsCourier]

    def task(self) -> Shipment:
        return selectors.shipment_get_for_courier(
            courier=courier_for(self.request.user), uuid=self.kwargs["uuid"]
        )


class TaskListView(CourierMixin, generics.ListAPIView):
    """The courier's open tasks in route order: pickups first, then deliveries."""

    serializer_class = CourierTaskSerializer

    def get_queryset(self):
        return selectors.shipment_list_for_courier(
            courier=courier_for(self.request.user)
        )


class TaskDetailView(CourierMixin, generics.RetrieveAPIView):
    """One of the courier's shipments, whatever its status."""

    serializer_class = CourierTaskSerializer
    queryset = Shipment.objects.none()

    def get_object(self) -> Shipment:
        return self.task()


class TaskPickupView(CourierMixin, APIView):
    """The courier has the parcel in hand (again: changes nothing)."""

    @extend_schema(request=None, responses=CourierTaskSerializer)
    def post(self, request: Request, uuid: UUID) -> Response:
        shipment = services.shipment_pickup(shipment=self.task(), actor=request.user)
        return Response(CourierTaskSerializer(shipment).data)


class TaskDeliverView(CourierMixin, APIView):
    """Delivered with the recipient's code and, for cash on delivery, the cash.

    A wrong code counts toward the code's lock, as on the web; asked again for
    a delivered parcel, changes nothing.
    """

    @extend_schema(request=DeliverSerializer, responses=CourierTaskSerializer)
    def post(self, request: Request, uuid: UUID) -> Response:
        serializer = DeliverSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        shipment = self.task()
        cash = serializer.validated_data.get("cash")
        # The web's form reads the code (full-width digits too) and asks for
        # the cash when some is due.
        form = action_form(
            "deliver",
            shipment,
            {
                "code": serializer.validated_data["code"],
                "cash": "" if cash is None else str(cash),
            },
        )
        if not form.is_valid():
            raise form_errors(form)
        shipment = services.shipment_deliver(
            shipment=shipment, actor=request.user, **form.service_kwargs()
        )
        return Response(CourierTaskSerializer(shipment).data)


def _checked(action: str, shipment: Shipment, data: dict, files=None):
    """The web's form of the action, bound and checked: its service arguments."""
    form = action_form(action, shipment, data, files)
    if not form.is_valid():
        raise form_errors(form)
    return form.service_kwargs()


def _cash_text(data: dict) -> str:
    cash = data.get("cash")
    return "" if cash is None else str(cash)


class TaskDepartView(CourierMixin, APIView):
    """On the way to the recipient, or trying again after a failed attempt."""

    @extend_schema(request=None, responses=CourierTaskSerializer)
    def post(self, request: Request, uuid: UUID) -> Response:
        shipment = services.shipment_depart(shipment=self.task(), actor=request.user)
        return Response(CourierTaskSerializer(shipment).data)


class TaskDeliverPhotoView(CourierMixin, APIView):
    """Delivered without the code: a photo and the name of who took it.

    The photo is checked like the web's (an image, not too large, no bomb).
    """

    parser_classes = [MultiPartParser]

    @extend_schema(request=PhotoDeliverSerializer, responses=CourierTaskSerializer)
    def post(self, request: Request, uuid: UUID) -> Response:
        serializer = PhotoDeliverSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        shipment = self.task()
        kwargs = _checked(
            "deliver_photo",
            shipment,
            {"received_by": data["received_by"], "cash": _cash_text(data)},
            {"photo": data["photo"]},
        )
        shipment = services.shipment_deliver(
            shipment=shipment, actor=request.user, **kwargs
        )
        return Response(CourierTaskSerializer(shipment).data)


class _CheckedActionView(CourierMixin, APIView):
    """An action whose arguments the web's form checks, then its service."""

    action: str
    request_serializer: type[serializers.Serializer]
    service: Callable[..., Shipment]

    def post(self, request: Request, uuid: UUID) -> Response:
        serializer = self.request_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        shipment = self.task()
        kwargs = _checked(self.action, shipment, serializer.validated_data)
        shipment = type(self).service(shipment=shipment, actor=request.user, **kwargs)
        return Response(CourierTaskSerializer(shipment).data)


@extend_schema_view(
    post=extend_schema(request=FailSerializer, responses=CourierTaskSerializer)
)
class TaskFailView(_CheckedActionView):
    """Could not deliver: why; the parcel waits for another try or a return."""

    action = "fail"
    request_serializer = FailSerializer
    service = services.shipment_fail


@extend_schema_view(
    post=extend_schema(request=ReturnSerializer, responses=CourierTaskSerializer)
)
class TaskReturnView(_CheckedActionView):
    """Give up after a failed attempt: the parcel goes back to its sender."""

    action = "return"
    request_serializer = ReturnSerializer
    service = services.shipment_return
