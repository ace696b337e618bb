"""The shopper's basket and checkout in the API, by the web's rules.

The basket is the same one the web shows once logged in (Oscar's open basket
of the account), so an app and a browser share it. Adding and changing lines
go through Oscar's own basket forms (stock, quantity limits, one currency per
basket), deliveries through our shipping repository, and placing the order
through ``shop.order.services.order_place``, as the web's checkout does: one
order per basket, whatever the retries; a card order then waits for its
PaymentIntent to be confirmed with Stripe.
"""

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from drf_spectacular.utils import extend_schema, extend_schema_field
from oscar.core.loading import get_class, get_model
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.api.exceptions import form_errors
from hub.payments.constants import PaymentMethod
from shop.catalogue import selectors as catalogue_selectors
from shop.order.constants import ORDER_PENDING_PAYMENT
from shop.order.services import order_card_payment, order_place
from shop.partner.exceptions import InsufficientStock
from shop.partner.models import StockRecord
from shop.partner.strategy import Selector

from .serializers import OrderDetailSerializer, StallSummarySerializer
from .views import _order_detail, _order_or_404

Basket = get_model("basket", "Basket")
AddToBasketForm = get_class("basket.forms", "AddToBasketForm")
BasketLineForm = get_class("basket.forms", "BasketLineForm")
ShippingAddressForm = get_class("checkout.forms", "ShippingAddressForm")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Repository = get_class("shipping.repository", "Repository")


def basket_of(user):
    """The account's open basket (the web's too), with the shop's strategy."""
    basket = Basket.open.filter(owner=user).order_by("-pk").first()
    if basket is None:
        basket = Basket.open.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    # Oscar's lines, with what pricing, availability, delivery and the stall
    # need read in one go rather than per line.
    basket._lines = (
        basket.lines.select_related(
            "product__product_class", "stockrecord__partner__township"
        )
        .prefetch_related(
            "attributes",
            "product__images",
            Prefetch(
                "product__stockrecords",
                queryset=StockRecord.objects.select_related("partner"),
            ),
        )
        .order_by("pk")
    )
    return basket


def _deliveries(basket, user) -> list:
    if basket.is_empty:
        return []
    return Repository().get_shipping_methods(basket, user=user)


# --- Serializers ---------------------------------------------------------------


class BasketLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    product = serializers.IntegerField(source="product_id")
    title = serializers.CharField(source="product.title")
    stall = StallSummarySerializer(source="stockrecord.partner")
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(
        source="unit_price_incl_tax", max_digits=12, decimal_places=2
    )
    line_total = serializers.DecimalField(
        source="line_price_incl_tax", max_digits=12, decimal_places=2
    )
    is_available = serializers.SerializerMethodField(
        help_text=gettext_lazy("Whether this quantity can still be bought.")
    )

    @extend_schema_field(serializers.BooleanField())
    def get_is_available(self, line) -> bool:
        permitted, _reason = line.purchase_info.availability.is_purchase_permitted(
            line.quantity
        )
        return permitted


class DeliverySerializer(serializers.Serializer):
    code = serializers.CharField(help_text=gettext_lazy("Send it to check out."))
    name = serializers.CharField()
    charge = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        help_text=gettext_lazy("For the whole basket: one parcel per stall."),
    )


class BasketSerializer(serializers.Serializer):
    lines = serializers.SerializerMethodField()
    num_items = serializers.IntegerField()
    total = serializers.DecimalField(
        source="total_incl_tax",
        max_digits=12,
        decimal_places=2,
        help_text=gettext_lazy("The goods, before delivery."),
    )
    currency = serializers.CharField(allow_null=True)
    deliveries = serializers.SerializerMethodField(
        help_text=gettext_lazy("What delivery can take this basket, and its price.")
    )

    @extend_schema_field(BasketLineSerializer(many=True))
    def get_lines(self, basket):
        return BasketLineSerializer(basket.all_lines(), many=True).data

    @extend_schema_field(DeliverySerializer(many=True))
    def get_deliveries(self, basket):
        return DeliverySerializer(
            [
                {
                    "code": method.code,
                    "name": method.name,
                    "charge": method.calculate(basket).incl_tax,
                }
                for method in _deliveries(basket, self.context["user"])
            ],
            many=True,
        ).data


class LineAddSerializer(serializers.Serializer):
    product = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text=gettext_lazy("A product's id.")
    )
    quantity = serializers.IntegerField(min_value=1, max_value=10_000, default=1)


class LineChangeSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(
        min_value=0, max_value=10_000, help_text=gettext_lazy("0 removes the line.")
    )


class AddressSerializer(serializers.Serializer):
    """Where the parcels go; checked like the web checkout's address form."""

    first_name = serializers.CharField(max_length=255)
    last_name = serializers.CharField(max_length=255)
    line1 = serializers.CharField(
        max_length=255, help_text=gettext_lazy("Street, house number or village.")
    )
    line2 = serializers.CharField(max_length=255, required=False, allow_blank=True)
    line4 = serializers.CharField(max_length=255, help_text=gettext_lazy("City."))
    state = serializers.CharField(max_length=255, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=64)
    country = serializers.CharField(
        max_length=2,
        required=False,
        help_text=gettext_lazy("ISO 3166-1 code, e.g. CN or VN."),
    )
    phone_number = serializers.CharField(
        max_length=32,
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("For the courier."),
    )
    notes = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class CheckoutSerializer(serializers.Serializer):
    address = AddressSerializer()
    delivery = serializers.CharField(
        max_length=128, help_text=gettext_lazy("A code from the basket's deliveries.")
    )
    payment = serializers.ChoiceField(
        choices=PaymentMethod.choices,
        help_text=gettext_lazy("cash: pay each parcel to its courier; card: pay now."),
    )


class CheckoutResultSerializer(serializers.Serializer):
    order = OrderDetailSerializer()
    client_secret = serializers.CharField(
        allow_null=True,
        help_text=gettext_lazy("For a card: confirm the PaymentIntent with Stripe."),
    )


# --- Views ---------------------------------------------------------------------


def _basket_response(user, status_code=status.HTTP_200_OK) -> Response:
    basket = basket_of(user)  # fresh lines and totals after a change
    return Response(
        BasketSerializer(basket, context={"user": user}).data, status=status_code
    )


class BasketView(APIView):
    """The caller's basket: lines by stall, total, and the deliveries on offer."""

    @extend_schema(responses=BasketSerializer)
    def get(self, request: Request) -> Response:
        return _basket_response(request.user)


class BasketLinesView(APIView):
    """Put a product in the basket (more of it if it is there already)."""

    @extend_schema(request=LineAddSerializer, responses={201: BasketSerializer})
    def post(self, request: Request) -> Response:
        data = LineAddSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        product = (
            catalogue_selectors.product_list_public()
            .filter(pk=data.validated_data["product"])
            .first()
        )
        if product is None:
            raise serializers.ValidationError(
                {"product": [_("This product is not on sale.")]}
            )
        with transaction.atomic():
            basket = basket_of(request.user)
            form = AddToBasketForm(
                basket, product, {"quantity": data.validated_data["quantity"]}
            )
            if not form.is_valid():
                raise form_errors(form)
            basket.add_product(product, form.cleaned_data["quantity"])
        return _basket_response(request.user, status.HTTP_201_CREATED)


class BasketLineView(APIView):
    """Change a line's quantity (0 removes it), or remove it."""

    def _line(self, request: Request, pk: int):
        basket = basket_of(request.user)
        line = basket.all_lines().filter(pk=pk).first()
        if line is None:
            raise serializers.ValidationError(
                {"line": [_("This line is not in your basket.")]}
            )
        return basket, line

    @extend_schema(request=LineChangeSerializer, responses=BasketSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        data = LineChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        basket, line = self._line(request, pk)
        form = BasketLineForm(
            basket.strategy,
            {"quantity": data.validated_data["quantity"]},
            instance=line,
        )
        if not form.is_valid():
            raise form_errors(form)
        if form.cleaned_data["quantity"]:
            form.save()
        else:
            line.delete()
        return _basket_response(request.user)

    @extend_schema(responses=BasketSerializer)
    def delete(self, request: Request, pk: int) -> Response:
        basket, line = self._line(request, pk)
        line.delete()
        return _basket_response(request.user)


class CheckoutView(APIView):
    """Place the basket's order: address, delivery, cash on delivery or card.

    One order per basket: a retry of the same basket gets the same order. Cash
    orders are placed at once (one parcel per stall); card orders wait for the
    PaymentIntent whose client secret comes back, and are placed when Stripe
    says it is paid.
    """

    @extend_schema(
        request=CheckoutSerializer,
        responses={201: CheckoutResultSerializer, 200: CheckoutResultSerializer},
    )
    def post(self, request: Request) -> Response:
        data = CheckoutSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        basket = basket_of(request.user)
        if basket.is_empty:
            raise serializers.ValidationError(_("Your basket is empty."))
        address_form = ShippingAddressForm(data.validated_data["address"])
        if not address_form.is_valid():
            raise serializers.ValidationError(
                {"address": form_errors(address_form).detail}
            )
        method = Repository().find_by_code(
            data.validated_data["delivery"], basket, user=request.user
        )
        if method is None:
            raise serializers.ValidationError(
                {"delivery": [_("This delivery is not offered for your basket.")]}
            )
        charge = method.calculate(basket)
        try:
            order, created = order_place(
                basket=basket,
                user=request.user,
                shipping_address=address_form.save(commit=False),
                shipping_method=method,
                shipping_charge=charge,
                total=OrderTotalCalculator().calculate(basket, charge),
                payment_method=data.validated_data["payment"],
            )
        except InsufficientStock as error:
            raise serializers.ValidationError(error.message) from error
        client_secret = None
        if order.status == ORDER_PENDING_PAYMENT:
            _payment, state = order_card_payment(order=order)
            client_secret = state.client_secret if state else None
        return Response(
            {"order": _order_detail(order), "client_secret": client_secret},
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class OrderPayView(APIView):
    """The client secret of a card order still waiting for its payment."""

    @extend_schema(request=None, responses=CheckoutResultSerializer)
    def post(self, request: Request, number: str) -> Response:
        order = _order_or_404(request, number)
        _payment, state = order_card_payment(order=order)
        return Response(
            {
                "order": _order_detail(order),
                "client_secret": state.client_secret if state else None,
            }
        )
