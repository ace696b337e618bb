from celery import shared_task
from oscar.core.loading import get_model

from . import notify, services

Order = get_model("order", "Order")


@shared_task(acks_late=True)
def order_placed_notify_task(order_pk: int) -> None:
    """Tell the shopper and each seller of a placed order (each told once)."""
    order = Order.objects.filter(pk=order_pk).first()
    if order is not None:
        notify.order_placed_notify(order=order)


@shared_task
def order_unpaid_expire_task() -> int:
    """Beat: cancel card orders left unpaid, so their stock goes back on sale."""
    return services.order_unpaid_expire()
