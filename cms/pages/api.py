"""Notices in the API: a township's live notices, newest first, in the caller's
language where translated, and one notice with its body.

The same selectors as the notice index page (cms.pages.selectors): live,
public, not expired, originals swapped for their translation; a township
without a live home or notice index has no notices (404).
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors, subscriptions
from .constants import NoticeCategory
from .models import NoticePage


class NoticeSerializer(serializers.ModelSerializer):
    category = serializers.ChoiceField(choices=NoticeCategory.choices)
    category_label = serializers.CharField(source="get_category_display")
    language = serializers.CharField(source="locale.language_code")
    published_at = serializers.DateTimeField(source="first_published_at")
    url = serializers.SerializerMethodField()

    class Meta:
        model = NoticePage
        fields = [
            "id",
            "title",
            "category",
            "category_label",
            "summary",
            "language",
            "published_at",
            "expire_at",
            "url",
        ]

    @extend_schema_field(serializers.URLField())
    def get_url(self, notice: NoticePage) -> str:
        return notice.get_full_url(request=self.context.get("request"))


class NoticeDetailSerializer(NoticeSerializer):
    body_html = serializers.SerializerMethodField(
        help_text=_("The notice's text as HTML, as the page shows it.")
    )

    class Meta(NoticeSerializer.Meta):
        fields = [*NoticeSerializer.Meta.fields, "body_html"]

    @extend_schema_field(serializers.CharField())
    def get_body_html(self, notice: NoticePage) -> str:
        return str(notice.body)


class NoticeFilterSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=NoticeCategory.choices, required=False)


def _notice_index(slug: str):
    home = selectors.township_home_list_public().filter(township__slug=slug).first()
    index = selectors.notice_index_for_home(home=home) if home is not None else None
    if index is None:
        raise Http404
    return index


@extend_schema(parameters=[NoticeFilterSerializer])
class NoticeListView(generics.ListAPIView):
    """A township's live notices, newest first (``category`` filters)."""

    permission_classes = [AllowAny]
    serializer_class = NoticeSerializer

    def get_queryset(self):
        filters = NoticeFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return selectors.notice_list_live(
            index=_notice_index(self.kwargs["slug"]),
            category=filters.validated_data.get("category", ""),
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return selectors.notice_list_in_language(page)


class NoticeDetailView(generics.RetrieveAPIView):
    """One live notice of the township, in the caller's language where translated."""

    permission_classes = [AllowAny]
    serializer_class = NoticeDetailSerializer
    queryset = NoticePage.objects.none()

    def get_object(self) -> NoticePage:
        notices = selectors.notice_list_live(index=_notice_index(self.kwargs["slug"]))
        notice = notices.filter(pk=self.kwargs["pk"]).first()
        if notice is None:
            raise Http404
        return selectors.notice_list_in_language([notice])[0]


# --- The caller's subscription to a township's notices ------------------------


class SubscriptionSerializer(serializers.Serializer):
    """Which notices of the township reach the caller's inbox, and how else."""

    categories = serializers.ListField(
        child=serializers.ChoiceField(choices=NoticeCategory.choices),
        max_length=len(NoticeCategory.choices),
        help_text=_("Empty: every category."),
    )
    by_email = serializers.BooleanField(default=False)
    by_sms = serializers.BooleanField(default=False)


class SubscriptionView(APIView):
    """The caller's subscription: read, set (PUT), or stop (DELETE).

    Every subscription brings notices to the inbox; e-mail and SMS only where
    the account can be reached that way (else 400 on `channels`).
    """

    def _township(self, slug: str):
        try:
            return subscriptions.township_get(slug=slug)
        except subscriptions.Township.DoesNotExist as error:
            raise Http404 from error

    @extend_schema(responses=SubscriptionSerializer)
    def get(self, request: Request, slug: str) -> Response:
        subscription = subscriptions.notice_subscription_get(
            user=request.user, township=self._township(slug)
        )
        if subscription is None:
            raise Http404
        return Response(SubscriptionSerializer(subscription).data)

    @extend_schema(request=SubscriptionSerializer, responses=SubscriptionSerializer)
    def put(self, request: Request, slug: str) -> Response:
        data = SubscriptionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        subscription = subscriptions.notice_subscription_set(
            user=request.user, township=self._township(slug), **data.validated_data
        )
        return Response(SubscriptionSerializer(subscription).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, slug: str) -> Response:
        subscriptions.notice_subscription_cancel(
            user_id=request.user.pk, township_id=self._township(slug).pk
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
