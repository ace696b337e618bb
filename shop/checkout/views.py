"""Checkout, forked: choose card or cash on delivery, place once, then pay.

Oscar's steps stay (address, delivery, payment method, preview). Placing the
order is ``shop.order.services.order_place``: idempotent per basket, stock
allocated inside it. A card order then waits on the pay page, where Stripe's
Payment Element (or localstripe's card element) takes the card, 3-D Secure
included; the order becomes placed when hub/payments records the money,
whether the shopper's browser or Stripe's webhook says so first.
"""

from django import forms, http
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from oscar.apps.basket.middleware import BasketMiddleware
from oscar.apps.checkout import exceptions
from oscar.apps.checkout import views as oscar_views
from oscar.core.loading import get_model

from hub.core.exceptions import ApplicationError
from hub.payments.constants import PaymentMethod
from hub.payments.gateway import GatewayError
from hub.payments.models import Payment
from shop.order.constants import ORDER_PENDING_PAYMENT
from shop.order.selectors import order_groups_with_lines
from shop.order.services import (
    order_card_payment,
    order_payment_reference,
    order_place,
    order_unpaid_cancel,
)
from shop.partner.exceptions import InsufficientStock
from shop.shipping.methods import parcel_weights

from .messages import card_failure_message

Order = get_model("order", "Order")

LAST_ORDER_KEY = "hub_checkout_last_order"
UNREACHABLE = gettext_lazy(
    "Card payments cannot be reached just now. "
    "Nothing was charged; please try again in a minute."
)
TOO_HEAVY = gettext_lazy(
    "No delivery takes parcels this heavy. Take some items out of your basket "
    "and order them separately."
)


class ShippingMethodView(oscar_views.ShippingMethodView):
    """Oscar's choice of delivery, as a list of villages and prices."""

    def get(self, request, *args, **kwargs):
        # Oscar would blame the address, but the repository offers every
        # delivery whatever the address: only a parcel's weight rules all out.
        if (
            request.basket.is_shipping_required()
            and self.checkout_session.is_shipping_address_set()
            and not self.get_available_shipping_methods()
        ):
            messages.warning(request, TOO_HEAVY)
            return redirect("basket:summary")
        return super().get(request, *args, **kwargs)

    def get_available_shipping_methods(self):
        if not hasattr(self, "_offered"):
            self._offered = super().get_available_shipping_methods()
        return self._offered

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        basket = self.request.basket
        context["parcel_count"] = len(parcel_weights(basket))
        context["chosen_code"] = self.checkout_session.shipping_method_code(basket)
        return context


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("How will you pay?"),
        choices=PaymentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how you will pay.")},
    )


class PaymentMethodView(oscar_views.PaymentMethodView):
    template_name = "oscar/checkout/payment_method.html"
    success_url = "checkout:preview"

    def get(self, request, *args, **kwargs):
        initial = {"method": self.checkout_session.payment_method() or ""}
        return self.render_to_response(
            self.get_context_data(form=PaymentMethodForm(initial=initial))
        )

    def post(self, request, *args, **kwargs):
        form = PaymentMethodForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect(self.success_url)


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    def get_pre_conditions(self, request):
        conditions = super().get_pre_conditions(request)
        if self.preview:
            conditions = ["check_order_not_placed_already"] + conditions
            conditions.append("check_payment_method_is_chosen")
        return conditions

    def check_order_not_placed_already(self, request):
        """A repeated 'place order' after the basket is gone goes to its order."""
        number = request.session.get(LAST_ORDER_KEY)
        if number and request.basket.is_empty:
            order = Order.objects.filter(number=number).first()
            if order is not None:
                raise exceptions.FailedPreCondition(url=_order_next_url(order))

    def check_payment_method_is_chosen(self, request):
        if self.checkout_session.payment_method() not in PaymentMethod.values:
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Choose how you will pay."),
            )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        method = self.checkout_session.payment_method()
        context["payment_method_label"] = (
            PaymentMethod(method).label if method in PaymentMethod.values else ""
        )
        return context

    def submit(
        self,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        billing_address,
        order_total,
        payment_kwargs=None,
        order_kwargs=None,
        surcharges=None,
    ):
        try:
            order, created = order_place(
                basket=basket,
                user=user,
                shipping_address=shipping_address,
                shipping_method=shipping_method,
                shipping_charge=shipping_charge,
                total=order_total,
                payment_method=self.checkout_session.payment_method(),
                guest_email=self.checkout_session.get_guest_email() or "",
                billing_address=billing_address,
            )
        except InsufficientStock as error:
            return self.render_preview(self.request, error=error.message)
        except ApplicationError as error:
            return self.render_preview(self.request, error=error.message)
        if created and shipping_address is not None:
            self.update_address_book(user, shipping_address)
        self.request.session[LAST_ORDER_KEY] = order.number
        if order.status == ORDER_PENDING_PAYMENT:
            return redirect(_order_next_url(order))
        return self.handle_successful_order(order)

    def handle_successful_order(self, order):
        """Oscar's ending, without its e-mail: our messages go through Celery."""
        self.send_signal(self.request, None, order)
        self.checkout_session.flush()
        self.request.session["checkout_order_id"] = order.id
        return redirect(self.get_success_url())


class ThankYouView(oscar_views.ThankYouView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = context["order"]
        card = Payment.objects.filter(reference=order_payment_reference(order)).first()
        context["groups"] = order_groups_with_lines(order=order)
        context["payment_summary"] = (
            _("Paid by card.")
            if card is not None and card.is_paid
            else _("Cash on delivery: pay each parcel to its courier.")
        )
        return context


def _order_next_url(order) -> str:
    if order.status == ORDER_PENDING_PAYMENT:
        return reverse("checkout:card-pay", args=[order.number])
    return reverse("checkout:thank-you")


class _ShopperOrderMixin:
    """The order on the URL, if this browser placed it or its owner is signed in."""

    def get_order(self):
        number = self.kwargs["number"]
        order = get_object_or_404(Order, number=number)
        user = self.request.user
        mine = user.is_authenticated and order.user_id == user.pk
        if not mine and self.request.session.get(LAST_ORDER_KEY) != number:
            raise http.Http404
        return order

    def order_done(self, order):
        self.request.session["checkout_order_id"] = order.id
        return redirect("checkout:thank-you")


class CardPayView(_ShopperOrderMixin, generic.TemplateView):
    template_name = "oscar/checkout/card_pay.html"

    def get(self, request, *args, **kwargs):
        order = self.get_order()
        if order.status != ORDER_PENDING_PAYMENT:
            return self.order_done(order)
        try:
            payment, state = order_card_payment(order=order)
        except GatewayError:
            messages.error(
                request,
                UNREACHABLE,
            )
            payment, state = None, None
        if payment is not None and payment.is_paid:
            return self.order_done(order)
        context = self.get_context_data(
            order=order,
            client_secret=state.client_secret if state else "",
            failure=card_failure_message(state) if state else "",
            stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            stripe_js_url=settings.STRIPE_JS_URL,
            groups=order_groups_with_lines(order=order),
        )
        return self.render_to_response(context)


class CardConfirmView(_ShopperOrderMixin, generic.View):
    """Confirm on the server with the card the page tokenised (localstripe)."""

    def post(self, request, *args, **kwargs):
        order = self.get_order()
        payment_method = request.POST.get("payment_method", "")
        if not payment_method:
            return http.JsonResponse(
                {"error": _("Enter your card details.")}, status=400
            )
        try:
            payment, state = order_card_payment(
                order=order, payment_method=payment_method
            )
        except ApplicationError:
            return http.JsonResponse({"next": _order_next_url(order)})
        except GatewayError:
            return http.JsonResponse(
                {"error": UNREACHABLE},
                status=502,
            )
        return_url = reverse("checkout:card-return", args=[order.number])
        if state is None or payment.is_paid:
            return http.JsonResponse({"next": return_url})
        if state.status == "requires_action":
            return http.JsonResponse(
                {
                    "action": True,
                    "client_secret": state.client_secret,
                    "next": return_url,
                }
            )
        return http.JsonResponse({"error": card_failure_message(state)}, status=402)


class CardReturnView(_ShopperOrderMixin, generic.View):
    """Where the browser comes back after paying (or 3-D Secure): read, then go on."""

    def get(self, request, *args, **kwargs):
        order = self.get_order()
        if order.status == ORDER_PENDING_PAYMENT:
            try:
                payment, _state = order_card_payment(order=order)
            except (ApplicationError, GatewayError):
                payment = None
            order.refresh_from_db()
            if payment is None or not payment.is_paid:
                return redirect("checkout:card-pay", number=order.number)
        return self.order_done(order)


class BackToBasketView(_ShopperOrderMixin, generic.View):
    """Give up paying by card: the order is cancelled and the basket comes back."""

    def post(self, request, *args, **kwargs):
        order = self.get_order()
        basket = order_unpaid_cancel(order=order)
        if basket is None:
            order.refresh_from_db()
            return redirect(_order_next_url(order))
        request.session.pop(LAST_ORDER_KEY, None)
        messages.info(request, _("Your basket is as you left it. Nothing was charged."))
        response = redirect("basket:summary")
        if not request.user.is_authenticated:
            middleware = BasketMiddleware(lambda r: response)
            response.set_cookie(
                middleware.get_cookie_key(request),
                middleware.get_basket_hash(basket.id),
                max_age=settings.OSCAR_BASKET_COOKIE_LIFETIME,
                secure=settings.OSCAR_BASKET_COOKIE_SECURE,
                httponly=True,
            )
        return response
