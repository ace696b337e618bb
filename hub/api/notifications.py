"""The caller's inbox (every kind of message, unread counts, marking read) and
their choice of channels per kind, like the web pages at /me/ and
/me/preferences/. Views parse, call one selector or service, and respond;
another person's message is a 404.
"""

from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.notifications.constants import Channel, MessageKind
from hub.notifications.models import Message
from hub.notifications.selectors import (
    channels_available,
    channels_reachable,
    message_list_for_recipient,
    message_unread_counts_by_kind,
)
from hub.notifications.services import (
    channel_preferences_set,
    message_mark_all_read,
    message_mark_read,
)

# --- Serializers ----------------------------------------------------------------


class MessageSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    is_read = serializers.BooleanField()

    class Meta:
        model = Message
        fields = [
            "uuid",
            "kind",
            "kind_label",
            "subject",
            "body",
            "url",
            "unsubscribe_url",
            "created_at",
            "is_read",
        ]


class UnreadSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_kind = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Unread messages per kind.")
    )


class MarkAllReadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=MessageKind.choices,
        required=False,
        help_text=_("Only messages of this kind; all kinds if left out."),
    )


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text=_("How many messages were unread."))


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MessageKind.choices)
    kind_label = serializers.CharField(read_only=True)
    channels = serializers.ListField(
        child=serializers.ChoiceField(choices=Channel.choices),
        help_text=_("Channels besides the inbox, of those that reach the caller."),
    )


class PreferencesSerializer(serializers.Serializer):
    reachable = serializers.ListField(
        child=serializers.ChoiceField(choices=Channel.choices),
        read_only=True,
        help_text=_("The channels the caller has an address for."),
    )
    preferences = PreferenceSerializer(many=True)


def _kind(request: Request) -> str:
    kind = request.query_params.get("kind", "")
    return kind if kind in MessageKind.values else ""


def _preferences(user) -> dict:
    return {
        "reachable": channels_reachable(user=user),
        "preferences": [
            {
                "kind": kind,
                "kind_label": label,
                "channels": channels_available(user=user, kind=kind),
            }
            for kind, label in MessageKind.choices
        ],
    }


# --- Views ----------------------------------------------------------------------

KIND_PARAMETER = OpenApiParameter(
    "kind", str, enum=MessageKind.values, description="Only messages of this kind."
)


class InboxView(generics.ListAPIView):
    """The caller's messages of every kind (or one), newest first."""

    serializer_class = MessageSerializer

    @extend_schema(parameters=[KIND_PARAMETER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return message_list_for_recipient(
            recipient=self.request.user, kind=_kind(self.request)
        )


class UnreadView(APIView):
    """How many of the caller's messages are unread, in total and per kind."""

    @extend_schema(responses=UnreadSerializer)
    def get(self, request: Request) -> Response:
        by_kind = message_unread_counts_by_kind(recipient=request.user)
        return Response(
            UnreadSerializer({"total": sum(by_kind.values()), "by_kind": by_kind}).data
        )


class MessageView(APIView):
    """One of the caller's messages, marked read."""

    @extend_schema(responses=MessageSerializer)
    def get(self, request: Request, uuid: UUID) -> Response:
        message = (
            message_list_for_recipient(recipient=request.user).filter(uuid=uuid).first()
        )
        if message is None:
            raise Http404
        return Response(MessageSerializer(message_mark_read(message=message)).data)


class MarkAllReadView(APIView):
    """Mark the caller's unread messages read (of one kind, if given)."""

    @extend_schema(request=MarkAllReadSerializer, responses=MarkedSerializer)
    def post(self, request: Request) -> Response:
        serializer = MarkAllReadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        marked = message_mark_all_read(
            recipient=request.user, kind=serializer.validated_data.get("kind", "")
        )
        return Response(MarkedSerializer({"marked": marked}).data)


class PreferencesView(APIView):
    """Per kind of message, the channels besides the inbox it comes by.

    A PUT names the channels for every kind it lists; a kind left out gets the
    inbox only. A channel that does not reach the caller is refused (400) and
    nothing is saved.
    """

    @extend_schema(responses=PreferencesSerializer)
    def get(self, request: Request) -> Response:
        return Response(PreferencesSerializer(_preferences(request.user)).data)

    @extend_schema(request=PreferencesSerializer, responses=PreferencesSerializer)
    def put(self, request: Request) -> Response:
        serializer = PreferencesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        chosen = {
            item["kind"]: set(item["channels"])
            for item in serializer.validated_data["preferences"]
        }
        channel_preferences_set(user=request.user, chosen=chosen)
        return Response(PreferencesSerializer(_preferences(request.user)).data)
