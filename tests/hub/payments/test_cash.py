"""Cash on delivery: placed unpaid, paid once when the cash is recorded."""

from decimal import Decimal

import pytest

from hub.core.exceptions import ApplicationError
from hub.payments import services
from hub.payments.constants import PaymentStatus
from hub.payments.models import PaymentEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def cash_payment(citizen):
    return services.payment_cash_start(
        reference="test:cash-1", amount=Decimal("56.00"), currency="CNY", payer=citizen
    )


def test_cash_payment_waits_unpaid(cash_payment):
    assert cash_payment.status == PaymentStatus.PENDING
    assert not cash_payment.is_paid


def test_cash_recorded_twice_is_paid_once(cash_payment, other_citizen):
    # when: the courier's phone sends the receipt twice
    for _ in range(2):
        payment = services.payment_cash_record(
            payment=cash_payment,
            amount=Decimal("56.00"),
            receipt="r-1",
            actor=other_citizen,
        )
    # then
    assert payment.status == PaymentStatus.SUCCEEDED
    event = PaymentEvent.objects.get()
    assert event.actor == other_citizen


def test_wrong_cash_amount_is_refused(cash_payment, other_citizen):
    # when
    with pytest.raises(ApplicationError) as error:
        services.payment_cash_record(
            payment=cash_payment,
            amount=Decimal("50.00"),
            receipt="r-1",
            actor=other_citizen,
        )
    # then
    assert "56.00" in error.value.message
    cash_payment.refresh_from_db()
    assert cash_payment.status == PaymentStatus.PENDING
    assert not PaymentEvent.objects.exists()
