"""The shop's answers to hub: an order's payment is paid, a parcel moved."""

from hub.couriers.registry import on_shipment_status
from hub.payments.registry import on_payment_succeeded

from .services import order_payment_succeeded, order_shipment_status_changed

on_payment_succeeded("order")(order_payment_succeeded)
on_shipment_status("order")(order_shipment_status_changed)
