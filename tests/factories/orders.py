"""Orders placed the way checkout places them (shop.order.services.order_place)."""

from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.shipping.methods import Free

from shop.order.services import order_place
from shop.partner.strategy import Selector


def basket_place(basket, method: str):
    """Place the basket with free delivery; (order, created) as order_place returns."""
    basket.strategy = Selector().strategy()
    shipping = Free()
    charge = shipping.calculate(basket)
    return order_place(
        basket=basket,
        user=basket.owner,
        shipping_address=None,
        shipping_method=shipping,
        shipping_charge=charge,
        total=OrderTotalCalculator().calculate(basket, charge),
        payment_method=method,
    )


def cash_orders_place(*, user, product, count: int) -> None:
    """Place `count` cash-on-delivery orders of one product for the user."""
    Basket = product._meta.apps.get_model("basket", "Basket")
    for _ in range(count):
        basket = Basket.objects.create(owner=user)
        basket.strategy = Selector().strategy()
        basket.add_product(product)
        basket_place(basket, "cash")
