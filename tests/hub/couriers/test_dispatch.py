"""The dispatch board at /dispatch/: only the township's logistics staff and
head assign couriers, print run sheets, unlock codes and return parcels; a
lot that cannot all be assigned is refused whole; the board's queries do not
grow with the shipments on it."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from hub.core.exceptions import ApplicationError
from hub.couriers.constants import (
    DELIVERY_CODE_MAX_ATTEMPTS,
    DeliveryMethod,
    FailureReason,
    ShipmentKind,
    ShipmentStatus,
)
from hub.couriers.models import CashRemittance, Run, Shipment, TrackingEvent
from hub.couriers.services import (
    ShipmentDraft,
    shipment_book,
    shipment_create,
    shipment_deliver,
    shipment_fail,
    shipment_pickup,
    shipments_assign,
)
from hub.payments.services import payment_cash_start
from tests.factories.accounts import UserFactory
from tests.factories.couriers import zone_add

pytestmark = pytest.mark.django_db

S = ShipmentStatus


def _shipment(
    township,
    reference: str,
    *,
    zone=None,
    kind: str = ShipmentKind.PARCEL,
    cash: str = "",
    provider: str = "township",
    pickup_place: str = "Baiyun, Guifang eggs",
    method: str = DeliveryMethod.HOME,
) -> Shipment:
    payment = None
    if cash:
        payment = payment_cash_start(
            reference=f"cod:{reference}", amount=Decimal(cash), currency="CNY"
        )
    return shipment_create(
        draft=ShipmentDraft(
            reference=reference,
            kind=kind,
            township_id=township.pk,
            sender_name="Guifang eggs"
            if kind == ShipmentKind.PARCEL
            else "Service hall",
            sender_phone="+8613800000001",
            pickup_place=pickup_place,
            recipient_name=f"Recipient of {reference}",
            recipient_phone="+8613900000002",
            address=f"House 3, {zone.name if zone else 'somewhere'}",
            description="2 × Free-range eggs"
            if kind == ShipmentKind.PARCEL
            else "Residence certificate",
            weight_grams=800,
            zone=zone,
            method=method,
            cash_payment=payment,
            provider=provider,
        )
    )


def _assign(shipments, courier, actor, day=None):
    return shipments_assign(
        shipment_pks=[shipment.pk for shipment in shipments],
        courier=courier,
        actor=actor,
        day=day,
    )


def _code_locked(shipment, courier):
    for _attempt in range(DELIVERY_CODE_MAX_ATTEMPTS):
        with pytest.raises(ApplicationError):
            shipment_deliver(shipment=shipment, actor=courier.user, code="xxxxxx")
    shipment.refresh_from_db()
    assert shipment.is_code_locked
    return shipment


@pytest.fixture
def villages(township):
    """Two villages; Shangba comes first on the route although named later."""
    return {
        "baiyun": zone_add(township=township, name="Baiyun", position=2),
        "shangba": zone_add(
            township=township, name="Shangba", position=1, service_point="Shop 2"
        ),
    }


@pytest.fixture
def board(township, other_township, villages, courier, logistics):
    """One shipment in each state the board acts on, and one of another township."""
    waiting = _shipment(township, "parcel:1:1", zone=villages["baiyun"], cash="56.00")
    assigned, locked, failed = (
        _shipment(township, f"parcel:{n}:1", zone=villages["shangba"])
        for n in (2, 3, 4)
    )
    _assign([assigned, locked, failed], courier, logistics)
    for shipment in (locked, failed):
        shipment_pickup(shipment=shipment, actor=courier.user)
    _code_locked(locked, courier)
    shipment_fail(shipment=failed, actor=courier.user, reason=FailureReason.NOBODY_HOME)
    elsewhere = _shipment(other_township, "parcel:9:9")
    return {
        "waiting": waiting,
        "assigned": assigned,
        "locked": locked,
        "failed": failed,
        "elsewhere": elsewhere,
        "run": Run.objects.get(courier=courier),
    }


def _state():
    """Everything a dispatch action could change."""
    return (
        list(
            Shipment.objects.order_by("pk").values_list(
                "pk", "status", "courier_id", "run_id", "is_code_locked"
            )
        ),
        TrackingEvent.objects.count(),
        Run.objects.count(),
        CashRemittance.objects.count(),
    )


def _url(name, township, **kwargs):
    return reverse(
        f"couriers:{name}", kwargs={"township_slug": township.slug, **kwargs}
    )


def _requests(board, courier, township):
    """Every dispatch URL: (method, url, data)."""
    pk = {name: board[name].pk for name in ("waiting", "assigned", "locked", "failed")}
    today = timezone.localdate().isoformat()
    return {
        "board": ("get", _url("dispatch_board", township), None),
        "runs": ("get", _url("dispatch_runs", township), None),
        "run": ("get", _url("dispatch_run", township, run_pk=board["run"].pk), None),
        "cash": ("get", _url("dispatch_cash", township), None),
        "cash.csv": ("get", _url("dispatch_cash_csv", township), None),
        "assign": (
            "post",
            _url("dispatch_assign", township),
            {"courier": courier.pk, "day": today, "shipments": [pk["waiting"]]},
        ),
        "unassign": (
            "post",
            _url("dispatch_unassign", township, pk=pk["assigned"]),
            {},
        ),
        "unlock": ("post", _url("dispatch_unlock", township, pk=pk["locked"]), {}),
        "return": ("post", _url("dispatch_return", township, pk=pk["failed"]), {}),
        "remit": (
            "post",
            _url("dispatch_cash", township),
            {"courier": courier.pk, "counted": "10.00"},
        ),
    }


ENDPOINTS = [
    "board",
    "runs",
    "run",
    "cash",
    "cash.csv",
    "assign",
    "unassign",
    "unlock",
    "return",
    "remit",
]
DENIED = [
    None,
    "citizen",
    "courier",
    "other_township_logistics",
    "township_staff",
]
ALLOWED = ["logistics", "township_head"]


def _login(request, client, who):
    if who is None:
        return
    user = request.getfixturevalue(who)
    client.force_login(getattr(user, "user", user))


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("who", DENIED)
def test_only_the_townships_dispatchers_reach_the_board(
    request, client, board, courier, township, who, endpoint
):
    # given
    _login(request, client, who)
    method, url, data = _requests(board, courier, township)[endpoint]
    before = _state()
    # when
    response = getattr(client, method)(url, data)
    # then: anonymous goes to the login page, everyone else gets a 404
    if who is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 404
    assert _state() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("who", ALLOWED)
def test_logistics_staff_and_the_head_dispatch_their_township(
    request, client, board, courier, township, who, endpoint
):
    # given
    _login(request, client, who)
    method, url, data = _requests(board, courier, township)[endpoint]
    before = _state()
    # when
    response = getattr(client, method)(url, data)
    # then: pages show, actions do their work and go back
    if method == "get":
        assert response.status_code == 200
        assert _state() == before
    else:
        assert response.status_code == 302
        assert _state() != before


@pytest.mark.parametrize("who", ["citizen", "courier", "township_staff"])
def test_the_township_list_is_for_dispatchers_only(request, client, township, who):
    # given
    _login(request, client, who)
    # when
    response = client.get(reverse("couriers:dispatch"))
    # then
    assert response.status_code == 404


def test_a_dispatcher_of_one_township_goes_straight_to_its_board(
    client, logistics, township
):
    # given
    client.force_login(logistics)
    # when
    response = client.get(reverse("couriers:dispatch"))
    # then
    assert response.status_code == 302
    assert response["Location"] == _url("dispatch_board", township)


def test_a_dispatcher_of_two_townships_chooses_one(client, township, other_township):
    # given
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    # when
    response = client.get(reverse("couriers:dispatch"))
    # then
    assert response.status_code == 200
    assert list(response.context["townships"]) == [other_township, township]


def test_objects_of_another_township_are_not_reached_through_ones_own(
    client, logistics, township, other_township, other_township_courier
):
    # given: another township's shipment and run, under this township's URLs
    client.force_login(logistics)
    theirs = _shipment(other_township, "parcel:7:7")
    _assign([theirs], other_township_courier, UserFactory(is_superuser=True))
    run = Run.objects.get(courier=other_township_courier)
    before = _state()
    # when
    responses = [
        client.get(_url("dispatch_run", township, run_pk=run.pk)),
        client.post(_url("dispatch_unassign", township, pk=theirs.pk)),
        client.post(_url("dispatch_unlock", township, pk=theirs.pk)),
        client.post(_url("dispatch_return", township, pk=theirs.pk)),
    ]
    # then
    assert [response.status_code for response in responses] == [404] * 4
    assert _state() == before


def test_checked_shipments_go_to_a_courier_for_a_day(
    client, logistics, township, villages, courier
):
    # given
    eggs = _shipment(township, "parcel:1:1", zone=villages["baiyun"])
    certificate = _shipment(
        township,
        "document:A-2026-1",
        zone=villages["shangba"],
        kind=ShipmentKind.DOCUMENT,
    )
    left = _shipment(township, "parcel:2:1", zone=villages["baiyun"])
    tomorrow = timezone.localdate() + timedelta(days=1)
    client.force_login(logistics)
    # when
    response = client.post(
        _url("dispatch_assign", township),
        {
            "courier": courier.pk,
            "day": tomorrow.isoformat(),
            "shipments": [eggs.pk, certificate.pk],
        },
        follow=True,
    )
    # then: a parcel and a document on the same run
    assert response.redirect_chain == [(_url("dispatch_board", township), 302)]
    run = Run.objects.get(courier=courier)
    assert run.day == tomorrow
    assert set(run.shipments.values_list("pk", "status")) == {
        (eggs.pk, S.ASSIGNED),
        (certificate.pk, S.ASSIGNED),
    }
    left.refresh_from_db()
    assert (left.status, left.courier_id) == (S.CREATED, None)
    assert "2 shipments are assigned to Wei Zhang" in response.content.decode()


def test_the_day_is_today_unless_changed(client, logistics, township):
    # given
    client.force_login(logistics)
    # when
    response = client.get(_url("dispatch_board", township))
    # then
    today = timezone.localdate().isoformat()
    assert f'name="day" value="{today}"' in response.content.decode()


def test_a_whole_village_goes_to_one_courier(
    client, logistics, township, villages, courier
):
    # given
    baiyun = [
        _shipment(township, f"parcel:{n}:1", zone=villages["baiyun"]) for n in (1, 2)
    ]
    shangba = _shipment(township, "parcel:3:1", zone=villages["shangba"])
    nowhere = _shipment(township, "parcel:4:1")
    client.force_login(logistics)
    today = timezone.localdate().isoformat()
    # when
    first = client.post(
        _url("dispatch_assign", township),
        {"courier": courier.pk, "day": today, "village": villages["baiyun"].pk},
    )
    second = client.post(
        _url("dispatch_assign", township),
        {"courier": courier.pk, "day": today, "village": "none"},
    )
    # then
    assert (first.status_code, second.status_code) == (302, 302)
    assigned = set(
        Shipment.objects.filter(status=S.ASSIGNED).values_list("pk", flat=True)
    )
    assert assigned == {baiyun[0].pk, baiyun[1].pk, nowhere.pk}
    shangba.refresh_from_db()
    assert shangba.status == S.CREATED


def test_a_shipment_is_reassigned_from_the_assigned_list(
    client, logistics, township, courier, other_courier
):
    # given
    shipment = _shipment(township, "parcel:1:1")
    _assign([shipment], courier, logistics)
    client.force_login(logistics)
    board_page = client.get(_url("dispatch_board", township))
    assert board_page.context["board"].assigned[0].shipments == [shipment]
    # when
    response = client.post(
        _url("dispatch_assign", township),
        {
            "courier": other_courier.pk,
            "day": timezone.localdate().isoformat(),
            "shipments": [shipment.pk],
        },
    )
    # then
    assert response.status_code == 302
    shipment.refresh_from_db()
    assert shipment.status == S.ASSIGNED
    assert shipment.courier == other_courier
    assert shipment.run == Run.objects.get(courier=other_courier)


def test_an_assigned_shipment_is_unassigned(client, logistics, township, courier):
    # given
    shipment = _shipment(township, "parcel:1:1")
    _assign([shipment], courier, logistics)
    client.force_login(logistics)
    # when
    response = client.post(
        _url("dispatch_unassign", township, pk=shipment.pk), follow=True
    )
    # then
    shipment.refresh_from_db()
    assert (shipment.status, shipment.courier_id, shipment.run_id) == (
        S.CREATED,
        None,
        None,
    )
    assert "parcel:1:1 is waiting for a courier again." in response.content.decode()


def test_a_shipment_of_another_township_refuses_the_whole_lot(
    client, logistics, township, other_township, courier
):
    # given
    ours = _shipment(township, "parcel:1:1")
    theirs = _shipment(other_township, "parcel:2:2")
    client.force_login(logistics)
    before = _state()
    # when
    response = client.post(
        _url("dispatch_assign", township),
        {
            "courier": courier.pk,
            "day": timezone.localdate().isoformat(),
            "shipments": [ours.pk, theirs.pk],
        },
    )
    # then: the board again, with a message and the checks kept
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{theirs.pk} is not a shipment of this township." in html
    assert response.context["checked"] == {ours.pk, theirs.pk}
    assert _state() == before


def test_a_picked_up_shipment_refuses_the_whole_lot(
    client, logistics, township, courier, other_courier
):
    # given
    waiting = _shipment(township, "parcel:1:1")
    on_its_way = _shipment(township, "parcel:2:1")
    _assign([on_its_way], courier, logistics)
    shipment_pickup(shipment=on_its_way, actor=courier.user)
    client.force_login(logistics)
    before = _state()
    # when
    response = client.post(
        _url("dispatch_assign", township),
        {
            "courier": other_courier.pk,
            "day": timezone.localdate().isoformat(),
            "shipments": [waiting.pk, on_its_way.pk],
        },
    )
    # then
    assert response.status_code == 200
    assert (
        "parcel:2:1 is already on its way and keeps its courier."
        in response.content.decode()
    )
    assert _state() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("courier", "other_township", "Choose an active courier of this township."),
        ("courier", "inactive", "Choose an active courier of this township."),
        ("courier", "", "This field is required."),
        ("day", "yesterday", "Choose today or a later day."),
        ("day", "someday", "Enter a valid date."),
        ("shipments", "none", "Check the shipments to assign."),
        ("shipments", "abc", "“abc” is not a shipment."),
        ("village", "999999", "Nothing is waiting for a courier in this village"),
    ],
)
def test_a_bad_assignment_is_refused_with_a_message(
    client,
    logistics,
    township,
    courier,
    other_courier,
    other_township_courier,
    field,
    value,
    message,
):
    # given
    shipment = _shipment(township, "parcel:1:1")
    other_courier.is_active = False
    other_courier.save()
    data = {
        "courier": courier.pk,
        "day": timezone.localdate().isoformat(),
        "shipments": [shipment.pk],
    }
    data[field] = {
        "other_township": other_township_courier.pk,
        "inactive": other_courier.pk,
        "yesterday": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "none": [],
    }.get(value, value)
    client.force_login(logistics)
    before = _state()
    # when
    response = client.post(_url("dispatch_assign", township), data)
    # then
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _state() == before


def test_a_locked_code_is_unlocked(client, logistics, township, courier):
    # given
    shipment = _shipment(township, "parcel:1:1")
    _assign([shipment], courier, logistics)
    shipment_pickup(shipment=shipment, actor=courier.user)
    _code_locked(shipment, courier)
    client.force_login(logistics)
    page = client.get(_url("dispatch_board", township))
    assert page.context["board"].locked == [shipment]
    # when
    response = client.post(_url("dispatch_unlock", township, pk=shipment.pk))
    # then: the courier can deliver with the code again
    assert response.status_code == 302
    shipment.refresh_from_db()
    assert (shipment.is_code_locked, shipment.code_attempts) == (False, 0)
    shipment_deliver(shipment=shipment, actor=courier.user, code=shipment.delivery_code)
    shipment.refresh_from_db()
    assert shipment.status == S.DELIVERED


def test_a_failed_attempt_is_returned_to_the_sender(
    client, logistics, township, courier
):
    # given
    shipment = _shipment(township, "document:A-2026-1", kind=ShipmentKind.DOCUMENT)
    _assign([shipment], courier, logistics)
    shipment_pickup(shipment=shipment, actor=courier.user)
    shipment_fail(
        shipment=shipment, actor=courier.user, reason=FailureReason.WRONG_ADDRESS
    )
    client.force_login(logistics)
    page = client.get(_url("dispatch_board", township))
    assert page.context["board"].failed == [shipment]
    # when
    response = client.post(
        _url("dispatch_return", township, pk=shipment.pk),
        {"note": "Nobody knows this house"},
    )
    # then
    assert response.status_code == 302
    shipment.refresh_from_db()
    assert shipment.status == S.RETURNED
    event = shipment.events.get(status=S.RETURNED)
    assert (event.actor, event.note) == (logistics, "Nobody knows this house")


def test_only_a_failed_attempt_is_returned(client, logistics, township, courier):
    # given: a shipment still waiting for a courier
    shipment = _shipment(township, "parcel:1:1")
    client.force_login(logistics)
    before = _state()
    # when
    response = client.post(
        _url("dispatch_return", township, pk=shipment.pk), follow=True
    )
    # then
    assert "cannot become “Returned to sender”" in response.content.decode()
    assert _state() == before


def test_the_board_groups_waiting_shipments_by_village_in_route_order(
    client, logistics, township, villages
):
    # given: villages out of route order, a village-less parcel, an outside carrier
    nowhere = _shipment(township, "parcel:5:1")
    eggs = _shipment(township, "parcel:1:1", zone=villages["baiyun"], cash="56.00")
    certificate = _shipment(
        township,
        "document:A-2026-1",
        zone=villages["shangba"],
        kind=ShipmentKind.DOCUMENT,
    )
    bacon = _shipment(township, "parcel:2:1", zone=villages["shangba"])
    posted = shipment_book(
        shipment=_shipment(township, "parcel:6:1", provider="fake", cash="12.00")
    )
    client.force_login(logistics)
    # when
    response = client.get(_url("dispatch_board", township))
    # then
    board = response.context["board"]
    assert [(v.zone, v.shipments) for v in board.villages] == [
        (villages["shangba"], [certificate, bacon]),
        (villages["baiyun"], [eggs]),
        (None, [nowhere]),
    ]
    assert board.outside == [posted]
    html = response.content.decode()
    assert "Government document" in html and "Produce parcel" in html
    assert "56.00 CNY" in html
    assert posted.provider_reference.startswith("FAKE")
    assert posted.provider_reference in html


def test_the_run_sheet_lists_pickups_then_deliveries_in_route_order(
    client, logistics, township, villages, courier
):
    # given
    eggs = _shipment(
        township,
        "parcel:1:1",
        zone=villages["baiyun"],
        cash="56.00",
        pickup_place="Baiyun, Guifang eggs",
    )
    bacon = _shipment(
        township,
        "parcel:2:1",
        zone=villages["shangba"],
        cash="28.50",
        pickup_place="Shangba, Lao Liu bacon",
    )
    certificate = _shipment(
        township,
        "document:A-2026-1",
        zone=villages["baiyun"],
        kind=ShipmentKind.DOCUMENT,
        pickup_place="Service hall",
    )
    _assign([eggs, bacon, certificate], courier, logistics)
    run = Run.objects.get(courier=courier)
    client.force_login(logistics)
    # when
    response = client.get(_url("dispatch_run", township, run_pk=run.pk))
    # then
    sheet = response.context["sheet"]
    assert sheet.pickups == [eggs, certificate, bacon]
    assert sheet.deliveries == [bacon, certificate, eggs]
    assert (sheet.parcel_count, sheet.document_count) == (2, 1)
    assert sheet.cash_due == Decimal("84.50")
    html = response.content.decode()
    for text in (
        "Recipient of parcel:2:1",
        "+8613900000002",
        "House 3, Shangba",
        "Residence certificate",
        "Guifang eggs",
        "Recipient's signature",
        "@media print",
        "@page { size: A4",
    ):
        assert text in html
    assert 'data-total="cash">84.50 CNY' in html


def test_the_runs_list_shows_each_courier_by_day(
    client, logistics, township, courier, other_courier
):
    # given
    tomorrow = timezone.localdate() + timedelta(days=1)
    _assign([_shipment(township, "parcel:1:1", cash="10.00")], courier, logistics)
    _assign(
        [_shipment(township, f"parcel:{n}:1") for n in (2, 3)],
        other_courier,
        logistics,
        day=tomorrow,
    )
    client.force_login(logistics)
    # when
    response = client.get(_url("dispatch_runs", township))
    # then
    runs = list(response.context["runs"])
    assert [(r.courier, r.day, r.shipment_count, r.cash_due) for r in runs] == [
        (other_courier, tomorrow, 2, Decimal("0.00")),
        (courier, timezone.localdate(), 1, Decimal("10.00")),
    ]


def _board_queries(client, township) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url("dispatch_board", township))
    assert response.status_code == 200
    return len(queries)


def _fill(township, villages, courier, other_courier, logistics, first: int):
    """Five shipments: waiting in two villages, assigned to two couriers, locked."""
    zones = list(villages.values())
    made = [
        _shipment(township, f"parcel:{first + n}:1", zone=zones[n % 2], cash="5.00")
        for n in range(5)
    ]
    _assign(made[2:3], courier, logistics)
    _assign(made[3:5], other_courier, logistics)
    shipment_pickup(shipment=made[4], actor=other_courier.user)
    _code_locked(made[4], other_courier)


def test_the_board_queries_do_not_grow_with_the_shipments(
    client,
    logistics,
    township,
    villages,
    courier,
    other_courier,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    # given: 2 shipments, then 10
    client.force_login(logistics)
    _shipment(township, "parcel:100:1", zone=villages["baiyun"])
    _shipment(township, "parcel:101:1")
    # (one query fewer when sessions are read from Redis)
    with django_assert_max_num_queries(6) as few:
        client.get(_url("dispatch_board", township))
    two_shipments = len(few.captured_queries)
    # when: waiting in more villages, assigned to two couriers, a code locked
    _fill(township, villages, courier, other_courier, logistics, first=1)
    xiaba = zone_add(township=township, name="Xiaba", position=3)
    for number in (40, 41, 42):
        _shipment(township, f"parcel:{number}:1", zone=xiaba)
    # then
    assert Shipment.objects.count() == 10
    with django_assert_num_queries(two_shipments):
        client.get(_url("dispatch_board", township))
