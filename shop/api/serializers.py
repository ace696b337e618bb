"""How townships, stalls, products and a shopper's orders look in the API."""

from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from hub.couriers.constants import ShipmentStatus
from shop.catalogue.constants import ProduceCategory
from shop.catalogue.models import Product
from shop.order.constants import ORDER_STATUS_LABELS, SellerGroupStatus
from shop.partner.models import Badge, Partner
from shop.partner.strategy import Selector


class TownshipSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField(help_text=_("In the language of the request."))
    county = serializers.CharField()
    province = serializers.CharField()
    country = serializers.CharField()
    currency = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, allow_null=True
    )
    has_stalls = serializers.BooleanField(
        help_text=_("Whether it has a verified stall selling produce.")
    )


class TownshipFilterSerializer(serializers.Serializer):
    with_stalls = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("true: only townships selling produce; false: only the others."),
    )


class StallFilterSerializer(serializers.Serializer):
    township = serializers.SlugField(
        required=False, max_length=60, help_text=_("A township's slug.")
    )


class BadgeSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Badge
        fields = ["kind", "kind_label", "number", "expires_on"]


class StallSummarySerializer(serializers.ModelSerializer):
    township = serializers.SlugField(source="township.slug")

    class Meta:
        model = Partner
        fields = ["uuid", "name", "village", "cooperative", "township"]


class StallSerializer(StallSummarySerializer):
    badges = BadgeSerializer(many=True)

    class Meta(StallSummarySerializer.Meta):
        fields = [*StallSummarySerializer.Meta.fields, "story", "badges"]


class PriceSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()


class ProductSerializer(serializers.ModelSerializer):
    """A listing with its price and availability by the shop's strategy."""

    category = serializers.ChoiceField(
        source="produce_category", choices=ProduceCategory.choices, allow_blank=True
    )
    stall = StallSummarySerializer()
    price = serializers.SerializerMethodField()
    is_available = serializers.SerializerMethodField()
    num_available = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField()

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
            "stall",
            "price",
            "is_available",
            "num_available",
            "image",
        ]

    def _purchase_info(self, product: Product):
        # The same strategy as the web (StallStrategy): only verified stalls sell.
        cache = self.context.setdefault("purchase_info", {})
        if product.pk not in cache:
            strategy = Selector().strategy(request=self.context.get("request"))
            cache[product.pk] = strategy.fetch_for_product(product)
        return cache[product.pk]

    @extend_schema_field(PriceSerializer(allow_null=True))
    def get_price(self, product: Product):
        price = self._purchase_info(product).price
        if not price.exists:
            return None
        return PriceSerializer(
            {"amount": price.incl_tax, "currency": price.currency}
        ).data

    @extend_schema_field(serializers.BooleanField())
    def get_is_available(self, product: Product) -> bool:
        return self._purchase_info(product).availability.is_available_to_buy

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_num_available(self, product: Product) -> int | None:
        return getattr(self._purchase_info(product).availability, "num_available", None)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_image(self, product: Product) -> str | None:
        images = list(product.images.all())
        if not images:
            return None
        url = images[0].original.url
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class ProductDetailSerializer(ProductSerializer):
    badges = BadgeSerializer(many=True)

    class Meta(ProductSerializer.Meta):
        fields = [*ProductSerializer.Meta.fields, "badges"]


class ProductFilterSerializer(serializers.Serializer):
    """The product list's query parameters."""

    township = serializers.SlugField(
        required=False, max_length=60, help_text=_("A township's slug.")
    )
    category = serializers.ChoiceField(required=False, choices=ProduceCategory.choices)
    stall = serializers.UUIDField(required=False, help_text=_("A stall's uuid."))
    search = serializers.CharField(
        required=False,
        max_length=100,
        help_text=_("Words in the title, description, stall or village."),
    )
    in_stock = serializers.BooleanField(
        required=False, default=False, help_text=_("Only products with stock left.")
    )


class OrderSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.SerializerMethodField()
    total = serializers.DecimalField(
        source="total_incl_tax", max_digits=12, decimal_places=2
    )
    shipping = serializers.DecimalField(
        source="shipping_incl_tax", max_digits=12, decimal_places=2
    )
    currency = serializers.CharField()
    date_placed = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField())
    def get_status_label(self, order) -> str:
        return str(ORDER_STATUS_LABELS.get(order.status, order.status))


class OrderLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(
        source="unit_price_incl_tax", max_digits=12, decimal_places=2, allow_null=True
    )
    line_price = serializers.DecimalField(
        source="line_price_incl_tax", max_digits=12, decimal_places=2
    )
    status = serializers.CharField()
    is_active = serializers.BooleanField()
    refusal_reason = serializers.CharField()


class GroupShipmentSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    status = serializers.ChoiceField(choices=ShipmentStatus.choices)
    status_label = serializers.CharField(source="get_status_display")


class GroupStallSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["uuid", "name"]


class SellerGroupSerializer(serializers.Serializer):
    """One stall's part of an order: its lines and its parcel."""

    id = serializers.IntegerField()
    stall = GroupStallSerializer(source="partner")
    status = serializers.ChoiceField(choices=SellerGroupStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    shipping_charge = serializers.DecimalField(max_digits=12, decimal_places=2)
    is_open = serializers.BooleanField(
        help_text=_("Not dispatched yet: the shopper may still cancel it.")
    )
    cancelled_at = serializers.DateTimeField(allow_null=True)
    lines = OrderLineSerializer(many=True)
    shipment = GroupShipmentSerializer(allow_null=True)


class OrderDetailSerializer(OrderSerializer):
    """An order with ``context["groups"]`` (order_groups_with_lines, parcels set)."""

    groups = serializers.SerializerMethodField()

    @extend_schema_field(SellerGroupSerializer(many=True))
    def get_groups(self, order) -> list:
        return SellerGroupSerializer(self.context["groups"], many=True).data
