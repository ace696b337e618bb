"""The couriers' cash at /dispatch/<township>/cash/: what each courier
collected on cash-on-delivery parcels, handed over and still holds; shortfalls
kept and shown; the same figures in a spreadsheet; bad amounts refused with
what was typed kept."""

import csv
import io
from decimal import Decimal

from django.urls import reverse

import pytest

from hub.couriers.constants import ShipmentKind
from hub.couriers.models import CashRemittance, Shipment
from hub.couriers.services import (
    ShipmentDraft,
    courier_cash_held,
    shipment_create,
    shipment_deliver,
    shipment_pickup,
    shipments_assign,
)
from hub.payments.services import payment_cash_start
from tests.factories.couriers import courier_new

pytestmark = pytest.mark.django_db


def _cod(township, reference: str, amount: str) -> Shipment:
    """A parcel whose recipient pays ``amount`` in cash on delivery."""
    payment = payment_cash_start(
        reference=f"cod:{reference}", amount=Decimal(amount), currency="CNY"
    )
    return shipment_create(
        draft=ShipmentDraft(
            reference=reference,
            kind=ShipmentKind.PARCEL,
            township_id=township.pk,
            sender_name="Guifang eggs",
            pickup_place="Baiyun, Guifang eggs",
            recipient_name="Wang Fang",
            address="House 3, Baiyun",
            cash_payment=payment,
        )
    )


def _deliver(shipments, courier, dispatcher) -> None:
    """Assign, pick up, and deliver with the recipient's code, collecting the cash."""
    shipments_assign(
        shipment_pks=[shipment.pk for shipment in shipments],
        courier=courier,
        actor=dispatcher,
    )
    for shipment in shipments:
        shipment_pickup(shipment=shipment, actor=courier.user)
        shipment_deliver(
            shipment=shipment,
            actor=courier.user,
            code=shipment.delivery_code,
            cash=shipment.cash_payment.amount,
        )


def _cash_url(township, name="dispatch_cash"):
    return reverse(f"couriers:{name}", kwargs={"township_slug": township.slug})


@pytest.fixture
def reconciled(
    client,
    township,
    other_township,
    parcel,
    courier,
    other_courier,
    other_township_courier,
    logistics,
    other_township_logistics,
):
    """Wei collects 106.00 and hands over 100.00, then collects 15.50 more;
    Ming collects 40.00 and hands over exactly that. Returns the hand-over pages."""
    assert parcel.cash_payment.amount == Decimal("56.00")  # the shop's own parcel
    _deliver(
        [
            parcel,
            _cod(township, "parcel:2", "30.00"),
            _cod(township, "parcel:3", "20.00"),
        ],
        courier,
        logistics,
    )
    _deliver([_cod(township, "parcel:4", "40.00")], other_courier, logistics)
    # Assigned but not delivered: nothing collected yet.
    shipments_assign(
        shipment_pks=[_cod(township, "parcel:6", "12.00").pk],
        courier=other_courier,
        actor=logistics,
    )
    # Another township's courier and cash stay out of this township's report.
    _deliver(
        [_cod(other_township, "parcel:9", "99.00")],
        other_township_courier,
        other_township_logistics,
    )
    client.force_login(logistics)
    short = client.post(
        _cash_url(township),
        {"courier": courier.pk, "counted": "100.00", "note": "Lost a note"},
        follow=True,
    )
    exact = client.post(
        _cash_url(township),
        {"courier": other_courier.pk, "counted": "40"},
        follow=True,
    )
    _deliver([_cod(township, "parcel:5", "15.50")], courier, logistics)
    return short, exact


def test_the_report_sums_collected_handed_over_and_held_cash(
    client, township, courier, other_courier, reconciled
):
    # given: the hand-overs of the fixture
    short, exact = reconciled
    assert "100.00 CNY; 106.00 CNY was expected, 6.00 CNY short" in (
        short.content.decode()
    )
    assert "handed over 40.00 CNY, as expected" in exact.content.decode()
    # when
    response = client.get(_cash_url(township))
    # then
    report = response.context["report"]
    rows = [
        (r.courier, r.collected, r.counted, r.expected, r.difference, r.held)
        for r in report.rows
    ]
    assert rows == [
        (other_courier, Decimal("40"), Decimal("40"), Decimal("40"), 0, 0),
        (
            courier,
            Decimal("121.50"),
            Decimal("100"),
            Decimal("106"),
            Decimal("-6"),
            Decimal("15.50"),
        ),
    ]
    for row in report.rows:
        assert row.held == courier_cash_held(courier=row.courier)
    totals = (
        report.collected,
        report.counted,
        report.expected,
        report.difference,
        report.held,
    )
    assert totals == (
        Decimal("161.50"),
        Decimal("140"),
        Decimal("146"),
        Decimal("-6"),
        Decimal("15.50"),
    )


def test_the_history_highlights_differences(client, township, courier, reconciled):
    # when
    response = client.get(_cash_url(township))
    # then
    html = response.content.decode()
    short = CashRemittance.objects.get(courier=courier)
    exact = CashRemittance.objects.exclude(courier=courier).get()
    assert (short.expected, short.counted, short.difference) == (
        Decimal("106.00"),
        Decimal("100.00"),
        Decimal("-6.00"),
    )
    assert exact.difference == 0
    assert f'data-remittance="{short.pk}" class="row--flagged"' in html
    assert f'data-remittance="{exact.pk}">' in html
    assert "-6.00 (short)" in html
    assert "Lost a note" in html


def test_the_spreadsheet_has_the_same_figures(client, township, reconciled):
    # when
    response = client.get(_cash_url(township, "dispatch_cash_csv"))
    # then
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="courier-cash-xiaoyudong-' in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows == [
        [
            "Courier",
            "Cash collected",
            "Handed over (counted)",
            "Expected at hand-overs",
            "Difference",
            "Holds now",
            "Currency",
        ],
        ["Ming Li", "40.00", "40.00", "40.00", "0.00", "0.00", "CNY"],
        ["Wei Zhang", "121.50", "100.00", "106.00", "-6.00", "15.50", "CNY"],
        ["Total", "161.50", "140.00", "146.00", "-6.00", "15.50", "CNY"],
    ]


def test_a_name_that_looks_like_a_formula_stays_text(client, township, logistics):
    # given
    courier_new(township=township, first_name='=HYPERLINK("http://x.example")')
    client.force_login(logistics)
    # when
    response = client.get(_cash_url(township, "dispatch_cash_csv"))
    # then
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    assert rows[1][0] == '\'=HYPERLINK("http://x.example")'


@pytest.mark.parametrize(
    ("counted", "message"),
    [
        ("-5", "Type the amount counted (0 or more)."),
        ("12abc", "Type the amount counted as a number, e.g. 120.50."),
        ("1.234", "Ensure that there are no more than 2 decimal places."),
        ("", "This field is required."),
    ],
)
def test_a_bad_amount_is_refused_and_what_was_typed_kept(
    client, township, courier, logistics, counted, message
):
    # given
    client.force_login(logistics)
    # when
    response = client.post(
        _cash_url(township),
        {"courier": courier.pk, "counted": counted, "note": "Counted twice"},
    )
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    if counted:
        assert f'value="{counted}"' in html
    assert 'value="Counted twice"' in html
    assert not CashRemittance.objects.exists()


def test_a_courier_of_another_township_is_refused(
    client, township, logistics, other_township_courier
):
    # given
    client.force_login(logistics)
    # when
    response = client.post(
        _cash_url(township),
        {"courier": other_township_courier.pk, "counted": "10.00"},
    )
    # then
    assert response.status_code == 200
    assert "Choose a courier of this township." in response.content.decode()
    assert not CashRemittance.objects.exists()


def test_a_courier_row_links_to_the_form_with_the_courier_chosen(
    client, township, courier, logistics
):
    # given
    client.force_login(logistics)
    # when
    response = client.get(_cash_url(township), {"courier": courier.pk})
    # then
    assert f'<option value="{courier.pk}" selected>' in response.content.decode()


def test_the_cash_page_queries_do_not_grow_with_couriers_and_hand_overs(
    client,
    township,
    courier,
    logistics,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    # given: one courier with one hand-over
    client.force_login(logistics)

    def hand_over(who, reference):
        _deliver([_cod(township, reference, "8.00")], who, logistics)
        client.post(_cash_url(township), {"courier": who.pk, "counted": "7.00"})

    hand_over(courier, "parcel:1")
    with django_assert_max_num_queries(10) as few:
        client.get(_cash_url(township))
    one_hand_over = len(few.captured_queries)
    # when: three couriers, four hand-overs
    for name in ("Ming", "Thi"):
        hand_over(courier_new(township=township, first_name=name), f"parcel:{name}")
    hand_over(courier, "parcel:2")
    # then
    assert CashRemittance.objects.count() == 4
    with django_assert_num_queries(one_hand_over):
        client.get(_cash_url(township))
