"""What a stall earned and is owed, payouts by the township's finance office,
and the finance office's spreadsheet of every stall of its township."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from hub.payments.constants import PaymentMethod
from shop.catalogue.services import product_create
from shop.order.services import line_refuse
from shop.partner.earnings import payout_record, stall_earnings
from shop.partner.models import Payout
from tests.factories.shop import StallFactory, listing_data

pytestmark = pytest.mark.django_db

CARD, CASH = PaymentMethod.CARD, PaymentMethod.CASH


@pytest.fixture
def sales(
    settings,
    seller,
    stall,
    product,
    other_product,
    other_township,
    place_order,
    pay_by_card,
    collect_cash,
):
    """Eggs (this stall, 28.00 a dozen) and bacon (another stall, 28.00) sold
    every way there is, with a 10 % commission."""
    settings.HUB_SHOP_COMMISSION_PERCENT = Decimal("10")
    # card, paid: eggs 56.00, bacon 28.00
    pay_by_card(place_order([(product, 2), (other_product, 1)], CARD))
    # cash collected: eggs 28.00
    collected = place_order([(product, 1)], CASH)
    collect_cash(collected, stall)
    # cash still to collect: eggs 84.00, and bacon 28.00 whose eggs were refused
    place_order([(product, 3)], CASH)
    refused = place_order([(product, 1), (other_product, 1)], CASH)
    line_refuse(
        line=refused.lines.get(partner=stall), actor=seller, reason="Hail broke them"
    )
    # card, never paid: nothing
    place_order([(product, 1)], CARD)
    # a stall of another township
    tea_stall = StallFactory(township=other_township, name="Huaqiao tea")
    tea = product_create(
        actor=tea_stall.users.get(),
        stall=tea_stall,
        data=listing_data(title="Tea", produce_category="tea"),
    )
    pay_by_card(place_order([(tea, 1)], CARD))


def _record(stall, actor, amount="20.00", reference="TR-1"):
    return payout_record(
        stall=stall,
        amount=Decimal(amount),
        reference=reference,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 1, 31),
        actor=actor,
    )


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_earnings_split_card_and_cash_and_take_commission_on_money_received(
    sales, stall, township_staff
):
    # given
    _record(stall, township_staff, amount="20.00")
    # when
    earnings = stall_earnings(stall=stall)
    # then
    assert (
        earnings.card,
        earnings.cash_collected,
        earnings.cash_to_collect,
        earnings.commission,
        earnings.paid_out,
        earnings.balance,
    ) == (
        Decimal("56.00"),
        Decimal("28.00"),
        Decimal("84.00"),
        Decimal("8.40"),  # 10 % of 56.00 + 28.00; cash to collect is not owed yet
        Decimal("20.00"),
        Decimal("55.60"),
    )


def test_the_seller_sees_their_earnings_on_the_stall_page(
    client, sales, seller, stall, township_staff
):
    # given
    _record(stall, township_staff, amount="20.00")
    client.force_login(seller)
    # when
    html = client.get(reverse("stall:home")).content.decode()
    # then
    assert "Hub commission (10%)" in html
    assert "CN¥55.60" in html  # the balance
    assert "Goods CN¥56.00 · commission CN¥5.60 · you earn CN¥50.40" in html


def test_the_finance_spreadsheet_has_each_stall_of_the_township(
    client, sales, stall, township_staff
):
    # given
    _record(stall, township_staff, amount="20.00")
    client.force_login(township_staff)
    # when
    response = client.get(
        reverse("stall:earnings_csv", kwargs={"township_id": stall.township_id})
    )
    # then
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="stall-earnings-{stall.township_id}-{today}.csv"'
    )
    assert _csv_rows(response) == [
        [
            "Stall",
            "Village",
            "Card payments held by the hub",
            "Cash collected by couriers",
            "Cash still to collect",
            "Commission",
            "Paid out",
            "Balance the hub owes",
            "Currency",
        ],
        [
            "Guifang eggs",
            "Yangping",
            "56.00",
            "28.00",
            "84.00",
            "8.40",
            "20.00",
            "55.60",
            "CNY",
        ],
        [
            "Lao Liu bacon",
            "Yangping",
            "28.00",
            "0.00",
            "28.00",
            "2.80",
            "0.00",
            "25.20",
            "CNY",
        ],
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("seller", 403),
        ("agent", 403),
        ("other_township_staff", 403),
        ("township_staff", 200),
        ("township_head", 200),
    ],
)
def test_only_staff_of_the_township_export_its_earnings(
    request, client, stall, who, status
):
    # given
    if who:
        client.force_login(request.getfixturevalue(who))
    # when
    response = client.get(
        reverse("stall:earnings_csv", kwargs={"township_id": stall.township_id})
    )
    # then
    assert response.status_code == status


def test_a_stall_name_never_runs_as_a_spreadsheet_formula(
    client, township, township_staff
):
    # given
    StallFactory(township=township, name='=HYPERLINK("http://evil","x")')
    client.force_login(township_staff)
    # when
    response = client.get(
        reverse("stall:earnings_csv", kwargs={"township_id": township.pk})
    )
    # then
    assert _csv_rows(response)[1][0] == '\'=HYPERLINK("http://evil","x")'


def test_staff_record_a_payout_from_the_review_page(
    client, sales, stall, township_staff
):
    # given
    client.force_login(township_staff)
    url = reverse("stall:review_detail", kwargs={"stall_uuid": stall.uuid})
    # when
    response = client.post(
        url,
        {
            "action": "payout",
            "amount": "50.00",
            "reference": "TR-2026-001",
            "period_start": "2026-01-01",
            "period_end": "2026-01-31",
        },
        follow=True,
    )
    # then
    assert "The payout is recorded." in response.content.decode()
    payout = Payout.objects.get()
    assert (payout.stall, payout.amount, payout.recorded_by) == (
        stall,
        Decimal("50.00"),
        township_staff,
    )
    assert stall_earnings(stall=stall).balance == Decimal("25.60")


def test_a_payout_above_what_is_owed_is_refused_with_a_message(
    client, sales, stall, township_staff
):
    # given
    client.force_login(township_staff)
    # when
    response = client.post(
        reverse("stall:review_detail", kwargs={"stall_uuid": stall.uuid}),
        {
            "action": "payout",
            "amount": "75.61",
            "reference": "TR-2026-001",
            "period_start": "2026-01-01",
            "period_end": "2026-01-31",
        },
    )
    # then
    assert response.status_code == 200
    assert "The hub owes this stall 75.60 CNY; pay no more." in (
        response.content.decode()
    )
    assert not Payout.objects.exists()


@pytest.mark.parametrize(
    ("amount", "reference", "field"),
    [
        ("0.00", "TR-2", "amount"),
        ("-5.00", "TR-2", "amount"),
        ("1.00", "TR-1", "reference"),
    ],
)
def test_a_payout_must_be_positive_and_its_reference_new(
    sales, stall, township_staff, amount, reference, field
):
    # given
    _record(stall, township_staff, amount="10.00", reference="TR-1")
    # when
    with pytest.raises(ValidationError) as error:
        _record(stall, township_staff, amount=amount, reference=reference)
    # then
    assert field in error.value.message_dict
    assert Payout.objects.get().reference == "TR-1"


@pytest.mark.parametrize("who", ["seller", "agent", "other_township_staff"])
def test_only_staff_of_the_stalls_township_record_payouts(request, sales, stall, who):
    # when
    with pytest.raises(PermissionDenied):
        _record(stall, request.getfixturevalue(who))
    # then
    assert not Payout.objects.exists()


def test_staff_find_the_spreadsheet_of_their_township(client, township, township_staff):
    # given
    client.force_login(township_staff)
    # when
    html = client.get(reverse("stall:review_list")).content.decode()
    # then
    url = reverse("stall:earnings_csv", kwargs={"township_id": township.pk})
    assert f'href="{url}"' in html
    assert "Earnings of the stalls of Xiaoyudong Town" in html
