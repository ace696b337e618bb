"""The hall's officer records a fee paid in cash at the counter, once."""

from decimal import Decimal

from django.urls import reverse

import pytest

from hub.payments.constants import PaymentEventKind, PaymentStatus
from hub.payments.models import PaymentEvent
from tests.factories.accounts import UserFactory
from tests.townships.applications.results_helpers import (
    officer_of,
    submitted_application,
    township_new,
)
from townships.applications.citizen_services import application_fee_cash
from townships.public_services.constants import DeliveryOption

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_counter(citizen):
    application = submitted_application(
        applicant=citizen, township=township_new(), fee=Decimal("15.00")
    )
    payment = application_fee_cash(application=application)
    return application, payment


def _record(client, application, receipt="R-0042"):
    return client.post(
        reverse("hall:fee_counter", args=[application.uuid]), {"receipt": receipt}
    )


def test_officer_records_the_counter_fee_once(
    client, at_counter, django_capture_on_commit_callbacks
):
    application, payment = at_counter
    client.force_login(officer_of(application.department))

    with django_capture_on_commit_callbacks(execute=True):
        first = _record(client, application)
        again = _record(client, application)

    assert first.status_code == again.status_code == 302
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert (
        PaymentEvent.objects.filter(
            payment=payment, kind=PaymentEventKind.CASH_COLLECTED
        ).count()
        == 1
    )


def test_an_empty_receipt_is_refused_with_a_message(client, at_counter):
    application, payment = at_counter
    client.force_login(officer_of(application.department))

    response = _record(client, application, receipt="  ")

    assert "receipt" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status != PaymentStatus.SUCCEEDED


@pytest.mark.parametrize("who", ["applicant", "stranger", "other_department"])
def test_only_the_departments_officers_record_fees(client, at_counter, citizen, who):
    application, payment = at_counter
    user = {
        "applicant": citizen,
        "stranger": UserFactory(),
        "other_department": officer_of(
            type(application.department).objects.create(
                township=application.township, slug="other", name_zh_hans="其他"
            )
        ),
    }[who]
    client.force_login(user)

    response = _record(client, application)

    assert response.status_code in (403, 404)
    payment.refresh_from_db()
    assert payment.status != PaymentStatus.SUCCEEDED


@pytest.mark.parametrize(
    ("delivery", "amount"),
    [(DeliveryOption.PICKUP, "15.00"), (DeliveryOption.COURIER, "25.00")],
)
def test_the_courier_fee_rides_in_the_same_payment(citizen, delivery, amount):
    application = submitted_application(
        applicant=citizen,
        township=township_new(),
        fee=Decimal("15.00"),
        courier_fee=Decimal("10.00"),
        offers_courier=True,
        delivery=delivery,
    )

    payment = application_fee_cash(application=application)

    assert payment.amount == Decimal(amount)
