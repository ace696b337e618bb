"""J3 on a cheap phone: a courier picks up a cash-on-delivery parcel, delivers it
with the code the recipient reads from their phone, and the shopper sees it
delivered on their order page."""

import pytest

from hub.couriers.constants import ShipmentStatus
from hub.couriers.models import Shipment
from hub.couriers.services import shipments_assign
from tests.factories.accounts import DEFAULT_PASSWORD

pytestmark = [
    pytest.mark.browser,
    # Wagtail's root page is created by a migration: keep it across the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE_WIDTH = 360


@pytest.fixture
def tasks_in_process(settings):
    """Notifications of each step run in the server, not in a broker's queue."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return settings


@pytest.fixture
def assigned_parcel(tasks_in_process, parcel, courier, logistics) -> Shipment:
    shipments_assign(shipment_pks=[parcel.pk], courier=courier, actor=logistics)
    return parcel


def _log_in(page, base: str, user, next_path: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.fill("input[name=username]", str(user.phone))
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}{next_path}")


def _fits_the_phone(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth") <= PHONE_WIDTH


def test_courier_delivers_a_cash_parcel_with_the_code_and_the_shopper_sees_it(
    live_server, phone_page, assigned_parcel, courier, citizen, cod_order, product
):
    page, base = phone_page, live_server.url
    parcel = assigned_parcel
    amount = str(parcel.cash_payment.amount)
    # given the courier on the phone, at the task list
    _log_in(page, base, courier.user, "/courier/")
    task = page.locator(f'[data-task="{parcel.uuid}"]')
    assert task.get_by_text(product.stall.name).first.is_visible()
    assert _fits_the_phone(page)
    # when the courier confirms the pickup at the stall
    task.get_by_role("button", name="Confirm pickup").click()
    page.wait_for_url(f"{base}/courier/")
    assert page.get_by_text("Picked up.").is_visible()
    # and opens the task at the door
    task.get_by_role("link", name="Open this task").click()
    page.wait_for_url(f"{base}/courier/{parcel.uuid}/")
    assert page.locator("[data-cash-due]").is_visible()
    assert _fits_the_phone(page)
    # the recipient reads the code from their phone; the courier takes the cash
    code = Shipment.objects.get(pk=parcel.pk).delivery_code
    page.fill("#deliver_code", code)
    page.fill("#deliver_cash", amount)
    page.get_by_role("button", name="Confirm delivery", exact=True).click()
    page.wait_for_url(f"{base}/courier/")
    # then
    assert page.get_by_text("Delivered. Thank you!").is_visible()
    assert page.locator(f'[data-task="{parcel.uuid}"]').count() == 0
    parcel.refresh_from_db()
    assert parcel.status == ShipmentStatus.DELIVERED
    assert str(parcel.cash_collected) == amount
    # and the shopper sees that parcel delivered on their order page
    page.context.clear_cookies()
    order_path = f"/orders/{cod_order.number}/"
    _log_in(page, base, citizen, order_path)
    group = page.locator(f'[data-group="{product.stall.name}"]')
    assert group.locator(".status-pill").inner_text() == "Delivered"
