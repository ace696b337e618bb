"""The marketplace in the API: townships, stalls and products for anyone; a
shopper's own orders, with each stall's part and parcel, and cancelling a part.

Views parse, authorise, call one selector or service, and respond, like the
web's (shop.catalogue.views, shop.order.views); another shopper's order is a
404, like a missing one.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.api.pagination import KeysFirstPageNumberPagination
from hub.core.fragments import kept_data
from hub.core.page_cache import mark_for_visitors, version
from shop.catalogue import selectors as catalogue_selectors
from shop.catalogue.receivers import ALL_STOCK
from shop.order import selectors as order_selectors
from shop.order.services import seller_group_cancel
from shop.partner.selectors import stall_get_public

from .serializers import (
    OrderDetailSerializer,
    OrderSerializer,
    ProductDetailSerializer,
    ProductFilterSerializer,
    ProductSerializer,
    StallFilterSerializer,
    StallSerializer,
    StallSummarySerializer,
    TownshipFilterSerializer,
    TownshipSerializer,
)


@extend_schema(parameters=[TownshipFilterSerializer])
class TownshipListView(generics.ListAPIView):
    """Every active township by slug; `with_stalls` keeps those selling (or not)."""

    permission_classes = [AllowAny]
    serializer_class = TownshipSerializer

    def get_queryset(self):
        filters = TownshipFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return catalogue_selectors.township_list_public(
            with_stalls=filters.validated_data.get("with_stalls")
        )


class TownshipDetailView(generics.RetrieveAPIView):
    """One active township by its slug."""

    permission_classes = [AllowAny]
    serializer_class = TownshipSerializer

    def get_object(self):
        return get_object_or_404(
            catalogue_selectors.township_list_public(), slug=self.kwargs["slug"]
        )


@extend_schema(parameters=[StallFilterSerializer])
class StallListView(generics.ListAPIView):
    """Verified stalls by name, of one township if asked."""

    permission_classes = [AllowAny]
    serializer_class = StallSummarySerializer

    def get_queryset(self):
        filters = StallFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return catalogue_selectors.stall_list_public(
            township_slug=filters.validated_data.get("township", "")
        )


class StallDetailView(generics.RetrieveAPIView):
    """A verified stall: who, where, their story and badges."""

    permission_classes = [AllowAny]
    serializer_class = StallSerializer

    def get_object(self):
        return stall_get_public(stall_uuid=self.kwargs["uuid"])


@extend_schema(parameters=[ProductFilterSerializer])
class ProductListView(generics.ListAPIView):
    """Products of verified stalls, newest first, filtered as asked."""

    permission_classes = [AllowAny]
    serializer_class = ProductSerializer
    pagination_class = KeysFirstPageNumberPagination

    def list(self, request, *args, **kwargs):
        # The same page for every caller: kept whole for callers without a token
        # (page_cache), its data kept for the others (fragments).
        data = kept_data(
            request,
            "api-products",
            # It says how many of each are left.
            [request.build_absolute_uri(), version(request, ALL_STOCK)],
            lambda: super(ProductListView, self).list(request, *args, **kwargs).data,
        )
        return mark_for_visitors(Response(data))

    def get_queryset(self):
        filters = ProductFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        stall = None
        if "stall" in data:
            try:
                stall = stall_get_public(stall_uuid=data["stall"])
            except Http404:
                return catalogue_selectors.product_list_public().none()
        return catalogue_selectors.product_list_public(
            township_slug=data.get("township", ""),
            category=data.get("category", ""),
            query=data.get("search", "").strip(),
            stall=stall,
            in_stock=data["in_stock"],
        )


class ProductDetailView(generics.RetrieveAPIView):
    """One product of a verified stall, with its badges."""

    permission_classes = [AllowAny]
    serializer_class = ProductDetailSerializer

    def get_object(self):
        return catalogue_selectors.product_get_public(pk=self.kwargs["pk"])


class OrderListView(generics.ListAPIView):
    """The caller's orders, newest first."""

    serializer_class = OrderSerializer

    def get_queryset(self):
        return order_selectors.order_list_for_shopper(user=self.request.user)


def _order_or_404(request: Request, number: str):
    order = order_selectors.order_get_for_shopper(user=request.user, number=number)
    if order is None:
        raise Http404
    return order


def _order_detail(order) -> dict:
    """The order with its seller groups, each with its lines and its parcel."""
    groups = order_selectors.order_groups_with_lines(order=order)
    shipments = order_selectors.order_shipments_by_partner(order=order)
    for group in groups:
        group.shipment = shipments.get(group.partner_id)
    return OrderDetailSerializer(order, context={"groups": groups}).data


class OrderDetailView(APIView):
    """One of the caller's orders: a part per stall, each with its parcel."""

    @extend_schema(responses=OrderDetailSerializer)
    def get(self, request: Request, number: str) -> Response:
        return Response(_order_detail(_order_or_404(request, number)))


class SellerGroupCancelView(APIView):
    """Cancel one stall's part before dispatch; a card payment for it is refunded."""

    @extend_schema(request=None, responses=OrderDetailSerializer)
    def post(self, request: Request, number: str, pk: int) -> Response:
        order = _order_or_404(request, number)
        group = order.seller_groups.filter(pk=pk).first()
        if group is None:
            raise Http404
        seller_group_cancel(group=group, actor=request.user)
        return Response(_order_detail(order))
