import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = "shop.order"

    def ready(self):
        super().ready()
        from . import receivers  # noqa: F401  (registers the payment and parcel handlers)
