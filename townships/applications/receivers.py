"""The service hall's answer to hub: a fee is paid."""

from hub.payments.registry import on_payment_succeeded

from .citizen_services import application_fee_paid

on_payment_succeeded("fee")(application_fee_paid)
