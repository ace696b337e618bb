"""The stall's orders at /stall/: each seller sees and packs only their own part
of an order, and refuses a line with a reason the shopper reads."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from hub.payments.constants import PaymentMethod, PaymentStatus
from hub.payments.models import Payment
from shop.order.constants import LINE_REFUSED

pytestmark = pytest.mark.django_db


def _refuse_url(stall, line):
    return reverse(
        "stall:line_refuse", kwargs={"stall_uuid": stall.uuid, "line_pk": line.pk}
    )


def _line_state(line):
    line.refresh_from_db()
    record = line.stockrecord
    record.refresh_from_db()
    return line.status, line.refusal_reason, record.num_allocated


def test_the_seller_sees_only_their_part_of_a_multi_seller_order(
    client, seller, stall, product, other_product, place_order
):
    # given: cash on delivery for 2 dozen eggs (this stall) and bacon (another)
    order = place_order([(product, 2), (other_product, 1)])
    own_line = order.lines.get(partner=stall)
    other_line = order.lines.get(partner=other_product.stall)
    client.force_login(seller)
    # when
    response = client.get(reverse("stall:home"))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-order="{order.number}"' in html
    assert f'data-line="{own_line.pk}"' in html
    assert f'data-line="{other_line.pk}"' not in html
    assert other_product.title not in html
    assert "To be packed" in html
    assert "Cash on delivery: collect CN¥56.00" in html
    assert _refuse_url(stall, own_line) in html


def test_a_card_order_waiting_for_payment_has_nothing_to_pack(
    client, seller, product, place_order
):
    # given
    order = place_order([(product, 1)], PaymentMethod.CARD)
    client.force_login(seller)
    # when
    html = client.get(reverse("stall:home")).content.decode()
    # then
    assert f'data-order="{order.number}"' in html
    assert "Waiting for payment" in html
    assert "Nothing to pack until the shopper has paid." in html
    assert f'data-line="{order.lines.get().pk}"' not in html


def test_a_card_order_paid_is_shown_paid(
    client, seller, product, place_order, pay_by_card
):
    # given
    order = place_order([(product, 1)], PaymentMethod.CARD)
    pay_by_card(order)
    client.force_login(seller)
    # when
    html = client.get(reverse("stall:home")).content.decode()
    # then
    assert "Paid by card" in html
    assert f'data-line="{order.lines.get().pk}"' in html


def test_orders_are_listed_newest_first_in_a_fixed_number_of_queries(
    client, seller, product, place_order
):
    # given
    client.force_login(seller)
    first = place_order([(product, 1)])
    with CaptureQueriesContext(connection) as one_order:
        client.get(reverse("stall:home"))
    later = [place_order([(product, 1)]) for _ in range(4)]
    # when
    with CaptureQueriesContext(connection) as five_orders:
        response = client.get(reverse("stall:home"))
    # then
    numbers = [parcel.group.order.number for parcel in response.context["stall_orders"]]
    assert numbers == [str(order.number) for order in reversed([first, *later])]
    assert len(five_orders) == len(one_order)


def test_the_seller_refuses_a_line_and_its_stock_goes_back(
    client, seller, stall, product, place_order
):
    # given
    order = place_order([(product, 2)])
    line = order.lines.get()
    assert _line_state(line)[2] == 2
    client.force_login(seller)
    # when
    response = client.post(
        _refuse_url(stall, line), {"reason": "Hail broke the eggs"}, follow=True
    )
    # then
    html = response.content.decode()
    assert "Refused; the shopper is refunded" in html
    assert _line_state(line) == (LINE_REFUSED, "Hail broke the eggs", 0)
    assert "Hail broke the eggs" in html
    group = order.seller_groups.get()
    assert Payment.objects.get(reference=f"order:{order.number}:{stall.pk}").status == (
        PaymentStatus.CANCELED
    )
    assert group.get_status_display() == "Cancelled"


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("   ", "Tell the shopper why you cannot supply this."),
        ("Storm " * 60, "Keep the reason under 255 characters."),
    ],
)
def test_a_refusal_with_a_bad_reason_keeps_what_was_typed(
    client, seller, stall, product, place_order, reason, message
):
    # given
    line = place_order([(product, 2)]).lines.get()
    before = _line_state(line)
    client.force_login(seller)
    # when
    response = client.post(_refuse_url(stall, line), {"reason": reason})
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f">{reason}</textarea>" in html
    assert _line_state(line) == before


def test_a_line_of_an_order_not_paid_yet_cannot_be_refused(
    client, seller, stall, product, place_order
):
    # given
    line = place_order([(product, 1)], PaymentMethod.CARD).lines.get()
    before = _line_state(line)
    client.force_login(seller)
    # when
    response = client.post(_refuse_url(stall, line), {"reason": "No eggs today"})
    # then
    assert response.status_code == 200
    assert (
        "This order is not placed yet, or no longer open." in response.content.decode()
    )
    assert _line_state(line) == before


def test_a_seller_cannot_refuse_another_stalls_line(
    client, seller, stall, product, other_stall, other_product, place_order
):
    # given: the other stall's line, reached through the seller's own stall
    order = place_order([(product, 1), (other_product, 1)])
    other_line = order.lines.get(partner=other_stall)
    before = _line_state(other_line)
    client.force_login(seller)
    # when
    through_own = client.post(_refuse_url(stall, other_line), {"reason": "Mine"})
    through_other = client.post(_refuse_url(other_stall, other_line), {"reason": "x"})
    # then
    assert (through_own.status_code, through_other.status_code) == (404, 404)
    assert _line_state(other_line) == before


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("other_seller", 404),
        ("township_staff", 404),
        ("other_township_agent", 404),
        ("agent", 302),
        ("seller", 302),
    ],
)
def test_only_the_stalls_managers_refuse_its_lines(
    request, client, stall, product, place_order, who, status
):
    # given
    line = place_order([(product, 1)]).lines.get()
    before = _line_state(line)
    if who:
        client.force_login(request.getfixturevalue(who))
    # when
    response = client.post(_refuse_url(stall, line), {"reason": "Sold at market"})
    # then
    assert response.status_code == status
    if who in ("agent", "seller"):
        assert _line_state(line)[0] == LINE_REFUSED
    else:
        assert _line_state(line) == before
    if who is None:
        assert response.url.startswith(reverse("accounts:login"))


def test_refusing_needs_a_post(client, seller, stall, product, place_order):
    line = place_order([(product, 1)]).lines.get()
    client.force_login(seller)
    assert client.get(_refuse_url(stall, line)).status_code == 405
