"""Questions in the API: the public board (answered public items) and the
caller's own items, where they ask, rate and say "not resolved".

Views parse, authorise through the same selectors as the pages, call one
service and respond; another citizen's item is a 404. Asking takes JSON, or
multipart with a photo, checked like the web form's and kept private.
"""

from uuid import UUID

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from townships.core.models import Township

from . import selectors, services
from .constants import (
    BODY_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    ConsultationKind,
)
from .forms import REASON_MAX_LENGTH
from .models import Category, Consultation, ConsultationEvent
from .views import photo_response


class PublicItemSerializer(serializers.ModelSerializer):
    """An answered public item as the board shows it (text already masked)."""

    township = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    department_name = serializers.CharField(source="department.name")
    is_on_time = serializers.BooleanField(source="is_answered_on_time")
    hours_taken = serializers.SerializerMethodField()
    me_too_count = serializers.IntegerField(source="me_too_total")

    class Meta:
        model = Consultation
        fields = [
            "uuid",
            "reference",
            "kind",
            "township",
            "category",
            "department_name",
            "title",
            "body",
            "place",
            "answer",
            "created_at",
            "answered_at",
            "answer_due",
            "is_on_time",
            "hours_taken",
            "rating",
            "me_too_count",
        ]

    def get_hours_taken(self, item: Consultation) -> float:
        return round(item.time_taken.total_seconds() / 3600, 1)


class EventSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_kind_display")
    to_department_name = serializers.CharField(
        source="to_department.name", allow_null=True, default=None
    )

    class Meta:
        model = ConsultationEvent
        fields = ["kind", "label", "at", "text", "to_department_name"]


class MyItemSerializer(serializers.ModelSerializer):
    township = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    department_name = serializers.CharField(source="department.name")
    status_label = serializers.CharField(source="get_status_display")
    photo_url = serializers.SerializerMethodField(
        help_text=_("The asker's own photo, if one was sent; never public.")
    )

    class Meta:
        model = Consultation
        fields = [
            "uuid",
            "reference",
            "kind",
            "township",
            "category",
            "department_name",
            "title",
            "body",
            "place",
            "photo_url",
            "is_public",
            "status",
            "status_label",
            "created_at",
            "first_reply_due",
            "answer_due",
            "answered_at",
            "answer",
            "rating",
            "reopened_count",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_photo_url(self, item: Consultation) -> str | None:
        if not item.photo:
            return None
        return reverse("api:my-question-photo", args=[item.uuid])


class MyItemDetailSerializer(MyItemSerializer):
    trail = EventSerializer(many=True, source="events")

    class Meta(MyItemSerializer.Meta):
        fields = [*MyItemSerializer.Meta.fields, "trail"]


class SlugOfField(serializers.SlugRelatedField):
    """The slug of an existing row; text no database can hold (NUL) is invalid."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


class BoardFilterSerializer(serializers.Serializer):
    """The public board's query parameters."""

    township = serializers.SlugField(
        required=False, max_length=60, help_text=_("A township's slug.")
    )
    category = serializers.SlugField(
        required=False, max_length=60, help_text=_("A category's slug.")
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text=_("Words to look for."),
    )


class AskSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=ConsultationKind.choices, default=ConsultationKind.QUESTION
    )
    township = SlugOfField(slug_field="slug", queryset=Township.objects.active())
    category = SlugOfField(
        slug_field="slug", queryset=Category.objects.filter(is_active=True)
    )
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    body = serializers.CharField(max_length=BODY_MAX_LENGTH)
    place = serializers.CharField(
        max_length=PLACE_MAX_LENGTH, required=False, allow_blank=True, default=""
    )
    is_public = serializers.BooleanField(
        help_text=_("Everyone may read it and its answer (numbers hidden).")
    )
    photo = serializers.FileField(
        required=False,
        help_text=_("Optional (multipart): a JPEG, PNG, WebP or GIF photo."),
    )


class RateSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH)


# --- The public board -------------------------------------------------------------


@extend_schema(parameters=[BoardFilterSerializer])
class PublicListView(generics.ListAPIView):
    """Answered public items, newest answer first."""

    permission_classes = [AllowAny]
    serializer_class = PublicItemSerializer

    def get_queryset(self):
        filters = BoardFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        return selectors.consultation_board(
            township_slug=data.get("township", ""),
            category_slug=data.get("category", ""),
            query=data.get("q", ""),
        )


class PublicDetailView(generics.RetrieveAPIView):
    """One answered public item; anything else is a 404."""

    permission_classes = [AllowAny]
    serializer_class = PublicItemSerializer
    queryset = Consultation.objects.none()

    def get_object(self) -> Consultation:
        return selectors.consultation_get_public(uuid=self.kwargs["uuid"])


# --- The caller's own items ---------------------------------------------------------


class MyListView(generics.ListCreateAPIView):
    """The caller's items, newest first; POST asks a new one."""

    serializer_class = MyItemSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.consultation_list_for_asker(asker=self.request.user)

    @extend_schema(request=AskSerializer, responses={201: MyItemDetailSerializer})
    def post(self, request: Request) -> Response:
        ask = AskSerializer(data=request.data)
        ask.is_valid(raise_exception=True)
        try:
            item = services.consultation_ask(asker=request.user, **ask.validated_data)
        except DjangoValidationError as error:  # not a photo we can read
            raise serializers.ValidationError({"photo": error.messages}) from error
        return Response(
            MyItemDetailSerializer(_mine(request, item.uuid)).data,
            status=status.HTTP_201_CREATED,
        )


def _mine(request: Request, uuid: UUID) -> Consultation:
    return selectors.consultation_get_for_asker(asker=request.user, uuid=uuid)


class MyDetailView(generics.RetrieveAPIView):
    """One of the caller's items with its trail."""

    serializer_class = MyItemDetailSerializer
    queryset = Consultation.objects.none()

    def get_object(self) -> Consultation:
        return _mine(self.request, self.kwargs["uuid"])


class MyRateView(APIView):
    """Rate the answer 1-5; the item is then closed."""

    @extend_schema(request=RateSerializer, responses=MyItemDetailSerializer)
    def post(self, request: Request, uuid: UUID) -> Response:
        item = _mine(request, uuid)
        rate = RateSerializer(data=request.data)
        rate.is_valid(raise_exception=True)
        services.consultation_rate(
            consultation=item, actor=request.user, **rate.validated_data
        )
        return Response(MyItemDetailSerializer(_mine(request, uuid)).data)


class MyReopenView(APIView):
    """Not resolved: back to the department with a new deadline."""

    @extend_schema(request=ReopenSerializer, responses=MyItemDetailSerializer)
    def post(self, request: Request, uuid: UUID) -> Response:
        item = _mine(request, uuid)
        reopen = ReopenSerializer(data=request.data)
        reopen.is_valid(raise_exception=True)
        services.consultation_reopen(
            consultation=item, actor=request.user, **reopen.validated_data
        )
        return Response(MyItemDetailSerializer(_mine(request, uuid)).data)


class MyPhotoView(APIView):
    """The photo the caller sent with their item; anyone else's is a 404."""

    @extend_schema(responses={(200, "image/*"): OpenApiTypes.BINARY})
    def get(self, request: Request, uuid: UUID) -> FileResponse:
        return photo_response(_mine(request, uuid))


class MeTooResultSerializer(serializers.Serializer):
    counted_now = serializers.BooleanField(
        help_text=_("False if the caller was counted before.")
    )
    me_too_count = serializers.IntegerField()


class MeTooView(APIView):
    """Say "me too" to a public question; counted once per account."""

    @extend_schema(request=None, responses=MeTooResultSerializer)
    def post(self, request: Request, uuid: UUID) -> Response:
        item = selectors.consultation_get_joinable(uuid=uuid)
        counted_now = services.consultation_me_too(consultation=item, user=request.user)
        return Response(
            MeTooResultSerializer(
                {"counted_now": counted_now, "me_too_count": item.me_toos.count()}
            ).data
        )
