"""The shipping classes and checkout session Oscar loads are ours."""

from oscar.apps.checkout import views as oscar_checkout_views
from oscar.core.loading import get_class

import shop.checkout.session
import shop.checkout.views
import shop.shipping.methods
import shop.shipping.repository


def test_shipping_repository_is_ours():
    assert get_class("shipping.repository", "Repository") is (
        shop.shipping.repository.Repository
    )


def test_free_shipping_is_ours():
    assert get_class("shipping.methods", "Free") is shop.shipping.methods.Free


def test_checkout_session_is_ours_under_oscars_views():
    mixin = get_class("checkout.session", "CheckoutSessionMixin")
    assert mixin is shop.checkout.session.CheckoutSessionMixin
    assert issubclass(oscar_checkout_views.PaymentDetailsView, mixin)


def test_shipping_method_view_is_ours():
    assert get_class("checkout.views", "ShippingMethodView") is (
        shop.checkout.views.ShippingMethodView
    )
