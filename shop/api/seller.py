"""A seller's part of the API: the stalls they run (their own, or as a township's
service-centre agent), their products and stock, the order lines to fulfil and
their earnings.

The same rules as the stall pages (shop.partner.views): a stall is found by
``stall_get_for_manager`` (any other stall is a 404, like a missing one),
listing needs a verified stall, and every change goes through the catalogue's
and the order's services.
"""

from decimal import Decimal
from uuid import UUID

from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.core.images import validate_photo
from shop.catalogue import services as catalogue_services
from shop.catalogue.constants import (
    MAX_QUANTITY,
    MAX_SHELF_LIFE_DAYS,
    MAX_UNIT_PRICE,
    MAX_WEIGHT_GRAMS,
    ProduceCategory,
    ProduceUnit,
)
from shop.catalogue.models import Product
from shop.catalogue.services import ListingData
from shop.order.services import line_refuse
from shop.partner import earnings, selectors
from shop.partner.models import Partner
from shop.partner.permissions import can_list_on_stall

from .serializers import OrderLineSerializer

# --- Serializers ----------------------------------------------------------------


class ManagedStallSerializer(serializers.ModelSerializer):
    township = serializers.SlugField(source="township.slug")
    status_label = serializers.CharField(source="get_status_display")
    can_list = serializers.SerializerMethodField(
        help_text=_("Verified: the stall may list and sell products.")
    )

    class Meta:
        model = Partner
        fields = [
            "uuid",
            "name",
            "village",
            "township",
            "status",
            "status_label",
            "can_list",
        ]

    @extend_schema_field(serializers.BooleanField())
    def get_can_list(self, stall: Partner) -> bool:
        return can_list_on_stall(self.context["request"].user, stall)


class EarningsSerializer(serializers.Serializer):
    """Summed from the orders, the payments ledger and the payouts."""

    card = serializers.DecimalField(max_digits=12, decimal_places=2)
    cash_collected = serializers.DecimalField(max_digits=12, decimal_places=2)
    cash_to_collect = serializers.DecimalField(max_digits=12, decimal_places=2)
    commission_percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    commission = serializers.DecimalField(max_digits=12, decimal_places=2)
    paid_out = serializers.DecimalField(max_digits=12, decimal_places=2)
    balance = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        help_text=_("What the hub still owes the stall."),
    )


class StallDetailSerializer(ManagedStallSerializer):
    earnings = serializers.SerializerMethodField()

    class Meta(ManagedStallSerializer.Meta):
        fields = [*ManagedStallSerializer.Meta.fields, "earnings"]

    @extend_schema_field(EarningsSerializer())
    def get_earnings(self, stall: Partner) -> dict:
        return EarningsSerializer(earnings.stall_earnings(stall=stall)).data


class ListingSerializer(serializers.Serializer):
    """What a seller types for one product; the catalogue's service checks the
    rest (future harvest dates, photos that are not images)."""

    title = serializers.CharField(max_length=255)
    category = serializers.ChoiceField(choices=ProduceCategory.choices)
    unit = serializers.ChoiceField(choices=ProduceUnit.choices)
    price = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MAX_UNIT_PRICE,
    )
    quantity = serializers.IntegerField(min_value=0, max_value=MAX_QUANTITY)
    harvest_date = serializers.DateField()
    shelf_life_days = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_SHELF_LIFE_DAYS
    )
    weight_grams = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_WEIGHT_GRAMS
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")
    photos = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text=_("JPEG, PNG or WebP photos (multipart only); added to the listing."),
    )

    def validate_photos(self, photos: list) -> list:
        for photo in photos:
            validate_photo(photo)
        return photos

    def listing_data(self) -> ListingData:
        data = self.validated_data
        return ListingData(
            title=data["title"],
            produce_category=data["category"],
            unit=data["unit"],
            price=data["price"],
            quantity=data["quantity"],
            harvest_date=data["harvest_date"],
            shelf_life_days=data.get("shelf_life_days"),
            weight_grams=data.get("weight_grams"),
            description=data["description"],
        )


class SellerProductSerializer(serializers.ModelSerializer):
    """One of the stall's products with its price and stock as the seller set them."""

    category = serializers.CharField(source="produce_category")
    price = serializers.SerializerMethodField()
    num_in_stock = serializers.SerializerMethodField()
    num_allocated = serializers.SerializerMethodField(
        help_text=_("Ordered and not yet delivered.")
    )

    class Meta:
        model = Product
        fields = [
            "id",
            "title",
            "description",
            "category",
            "unit",
            "harvest_date",
            "shelf_life_days",
            "weight_grams",
            "price",
            "num_in_stock",
            "num_allocated",
        ]

    def _stockrecord(self, product: Product):
        records = list(product.stockrecords.all())
        return records[0] if records else None

    @extend_schema_field(
        serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    )
    def get_price(self, product: Product):
        record = self._stockrecord(product)
        return None if record is None else f"{record.price:.2f}"

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_num_in_stock(self, product: Product) -> int | None:
        record = self._stockrecord(product)
        return None if record is None else record.num_in_stock

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_num_allocated(self, product: Product) -> int | None:
        record = self._stockrecord(product)
        return None if record is None else record.num_allocated


class StallOrderSerializer(serializers.Serializer):
    """The stall's part of one order: its own lines and who holds the money."""

    group_id = serializers.IntegerField(source="group.pk")
    order_number = serializers.CharField(source="group.order.number")
    date_placed = serializers.DateTimeField(source="group.order.date_placed")
    status = serializers.CharField(source="group.status")
    status_label = serializers.CharField(source="group.get_status_display")
    is_to_pack = serializers.BooleanField(
        help_text=_("Paid (or cash on delivery) and not yet sent: pack it.")
    )
    settlement = serializers.ChoiceField(
        source="money.settlement", choices=earnings.Settlement.choices
    )
    goods = serializers.DecimalField(
        source="money.goods", max_digits=12, decimal_places=2
    )
    commission = serializers.DecimalField(
        source="money.commission", max_digits=12, decimal_places=2
    )
    lines = OrderLineSerializer(many=True)


class RefuseSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=255, help_text=_("Told to the shopper, who is refunded.")
    )


# --- Views ----------------------------------------------------------------------


class StallMixin:
    def stall(self) -> Partner:
        return selectors.stall_get_for_manager(
            user=self.request.user, stall_uuid=self.kwargs["uuid"]
        )

    def listing_stall(self) -> Partner:
        stall = self.stall()
        if not can_list_on_stall(self.request.user, stall):
            raise PermissionDenied(
                _("This stall is not verified yet, so it cannot list products.")
            )
        return stall


class StallListView(generics.ListAPIView):
    """The stalls the caller runs: their own, and as an agent their township's."""

    serializer_class = ManagedStallSerializer
    pagination_class = None

    def get_queryset(self):
        own = selectors.stall_get_for_owner(user=self.request.user)
        agent_stalls = selectors.stall_list_for_agent(user=self.request.user)
        if own is None:
            return list(agent_stalls)
        return [own, *agent_stalls.exclude(pk=own.pk)]


class StallDetailView(StallMixin, generics.RetrieveAPIView):
    """One stall the caller runs, with its earnings."""

    serializer_class = StallDetailSerializer
    queryset = Partner.objects.none()

    def get_object(self) -> Partner:
        return self.stall()


class ProductListView(StallMixin, generics.ListCreateAPIView):
    """The stall's products, newest first; post one to list it (verified stalls)."""

    parser_classes = [JSONParser, MultiPartParser]

    def get_serializer_class(self):
        if self.request.method == "POST":
            return ListingSerializer
        return SellerProductSerializer

    def get_queryset(self):
        return selectors.stall_product_list(stall=self.stall())

    @extend_schema(request=ListingSerializer, responses={201: SellerProductSerializer})
    def post(self, request: Request, uuid: UUID) -> Response:
        stall = self.listing_stall()
        listing = ListingSerializer(data=request.data)
        listing.is_valid(raise_exception=True)
        product = catalogue_services.product_create(
            actor=request.user,
            stall=stall,
            data=listing.listing_data(),
            photos=listing.validated_data["photos"],
        )
        product = selectors.stall_product_get(stall=stall, pk=product.pk)
        return Response(
            SellerProductSerializer(product).data, status=status.HTTP_201_CREATED
        )


class ProductDetailView(StallMixin, APIView):
    """One of the stall's products; put changes its text, price and stock."""

    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(responses=SellerProductSerializer)
    def get(self, request: Request, uuid: UUID, pk: int) -> Response:
        product = selectors.stall_product_get(stall=self.stall(), pk=pk)
        return Response(SellerProductSerializer(product).data)

    @extend_schema(request=ListingSerializer, responses=SellerProductSerializer)
    def put(self, request: Request, uuid: UUID, pk: int) -> Response:
        stall = self.listing_stall()
        product = selectors.stall_product_get(stall=stall, pk=pk)
        listing = ListingSerializer(data=request.data)
        listing.is_valid(raise_exception=True)
        catalogue_services.product_update(
            actor=request.user,
            product=product,
            data=listing.listing_data(),
            photos=listing.validated_data["photos"],
        )
        product = selectors.stall_product_get(stall=stall, pk=pk)
        return Response(SellerProductSerializer(product).data)


class StallOrderListView(StallMixin, APIView):
    """The stall's part of its latest 50 orders, newest first: what to pack."""

    @extend_schema(responses=StallOrderSerializer(many=True))
    def get(self, request: Request, uuid: UUID) -> Response:
        orders = selectors.stall_order_list(stall=self.stall())
        return Response(StallOrderSerializer(orders, many=True).data)


class OrderLineRefuseView(StallMixin, APIView):
    """The seller cannot supply a line: refused with a reason, the shopper refunded."""

    @extend_schema(request=RefuseSerializer, responses=OrderLineSerializer)
    def post(self, request: Request, uuid: UUID, pk: int) -> Response:
        stall = self.stall()
        line = selectors.stall_order_line_get(stall=stall, pk=pk)
        serializer = RefuseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        line = line_refuse(
            line=line, actor=request.user, reason=serializer.validated_data["reason"]
        )
        return Response(OrderLineSerializer(line).data)
