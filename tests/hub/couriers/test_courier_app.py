"""The courier app at /courier/: tasks in route order, one task and its actions.

Only the assigned courier sees and moves a shipment; everyone else is sent to
the login page (anonymous), refused (not a courier) or told it does not exist
(another courier), and nothing changes. A confirmation posted again changes
nothing twice; bad input comes back on the same form, as typed.
"""

import itertools
import re
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from hub.core.images import PHOTO_MAX_BYTES
from hub.couriers import services
from hub.couriers.constants import (
    DELIVERY_CODE_MAX_ATTEMPTS,
    FailureReason,
    ProofKind,
    ShipmentKind,
    ShipmentStatus,
)
from hub.couriers.models import Shipment
from hub.payments.constants import PaymentEventKind, PaymentStatus
from hub.payments.models import PaymentEvent
from hub.payments.services import payment_cash_start
from shop.order.constants import SellerGroupStatus
from tests.factories.couriers import zone_add
from tests.factories.shop import photo_upload

pytestmark = pytest.mark.django_db

S = ShipmentStatus


def _url(name: str, shipment: Shipment | None = None) -> str:
    kwargs = {"uuid": shipment.uuid} if shipment is not None else {}
    return reverse(f"couriers:courier_{name}", kwargs=kwargs)


def _assign(shipments, courier, logistics) -> None:
    services.shipments_assign(
        shipment_pks=[s.pk for s in shipments], courier=courier, actor=logistics
    )


def _state(shipment: Shipment) -> tuple:
    """Everything an action could change, to assert that nothing did."""
    shipment.refresh_from_db()
    return (
        shipment.status,
        shipment.courier_id,
        shipment.code_attempts,
        shipment.is_code_locked,
        shipment.failed_attempts,
        shipment.proof,
        shipment.cash_collected,
        shipment.events.count(),
        PaymentEvent.objects.count(),
    )


def _stock(product) -> tuple[int, int]:
    record = product.stockrecords.get()
    return record.num_in_stock, record.num_allocated


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.fixture
def assigned(parcel, courier, logistics) -> Shipment:
    """The cash-on-delivery parcel, assigned to `courier`."""
    _assign([parcel], courier, logistics)
    parcel.refresh_from_db()
    return parcel


@pytest.fixture
def picked_up(assigned, courier) -> Shipment:
    services.shipment_pickup(shipment=assigned, actor=courier.user)
    assigned.refresh_from_db()
    return assigned


def _deliver_data(shipment: Shipment, **overrides) -> dict:
    data = {"code": shipment.delivery_code, "cash": str(shipment.cash_payment.amount)}
    data.update(overrides)
    return data


# Numbers for the references of the shipments a test makes.
_numbers = itertools.count(1)


def _shipment(
    township, recipient, *, zone=None, place="Yangping, Guifang eggs", cash=None
):
    """A shipment made the way the owning apps make them (no shop handler)."""
    n = next(_numbers)
    reference = f"test:{n}"
    payment = None
    if cash is not None:
        payment = payment_cash_start(
            reference=reference, amount=Decimal(cash), currency="CNY", payer=recipient
        )
    return services.shipment_create(
        draft=services.ShipmentDraft(
            reference=reference,
            kind=ShipmentKind.DOCUMENT if n % 2 else ShipmentKind.PARCEL,
            township_id=township.pk,
            sender_name="Service hall",
            pickup_place=place,
            recipient=recipient,
            recipient_name=f"Recipient {n}",
            recipient_phone=f"+86 138 0000 {n:04d}",
            address=f"{n} Hill Lane",
            description=f"Parcel {n}",
            zone=zone,
            cash_payment=payment,
        )
    )


# -- the list of tasks --------------------------------------------------------


def test_tasks_are_listed_pickups_by_place_then_deliveries_by_village(
    client, township, citizen, courier, other_courier, logistics
):
    # given villages on the route: Hetao first, then Baiyun
    baiyun = zone_add(township=township, name="Baiyun village", position=2)
    hetao = zone_add(township=township, name="Hetao village", position=1)
    far_baiyun = _shipment(township, citizen, zone=baiyun)
    near_hetao = _shipment(township, citizen, zone=hetao, cash="35.00")
    nowhere = _shipment(township, citizen)
    failed = _shipment(township, citizen, zone=baiyun)
    tea_pickup = _shipment(township, citizen, zone=baiyun, place="Tea cooperative")
    eggs_pickup = _shipment(township, citizen, zone=hetao, place="Egg farm")
    eggs_pickup_2 = _shipment(township, citizen, zone=baiyun, place="Egg farm")
    delivered = _shipment(township, citizen, zone=hetao)
    not_mine = _shipment(township, citizen, zone=hetao)
    mine = [
        far_baiyun,
        near_hetao,
        nowhere,
        failed,
        tea_pickup,
        eggs_pickup,
        eggs_pickup_2,
        delivered,
    ]
    _assign(mine, courier, logistics)
    _assign([not_mine], other_courier, logistics)
    actor = courier.user
    for shipment in (far_baiyun, near_hetao, nowhere, failed, delivered):
        services.shipment_pickup(shipment=shipment, actor=actor)
    services.shipment_depart(shipment=far_baiyun, actor=actor)
    services.shipment_fail(
        shipment=failed, actor=actor, reason=FailureReason.NOBODY_HOME
    )
    services.shipment_deliver(
        shipment=delivered, actor=actor, code=delivered.delivery_code
    )
    client.force_login(actor)

    # when
    response = client.get(_url("tasks"))

    # then pickups grouped by place, deliveries by position on the route, pk
    assert response.status_code == 200
    route = response.context["route"]
    assert [(stop.place, [s.pk for s in stop.shipments]) for stop in route.pickups] == [
        ("Egg farm", [eggs_pickup.pk, eggs_pickup_2.pk]),
        ("Tea cooperative", [tea_pickup.pk]),
    ]
    assert [s.pk for s in route.deliveries] == [
        near_hetao.pk,
        far_baiyun.pk,
        failed.pk,
        nowhere.pk,
    ]
    html = response.content.decode()
    assert html.index(str(eggs_pickup.uuid)) < html.index(str(tea_pickup.uuid))
    assert html.index(str(tea_pickup.uuid)) < html.index(str(near_hetao.uuid))
    assert f'href="tel:{near_hetao.recipient_phone.replace(" ", "")}"' in html
    assert "Collect CN¥35.00 in cash" in html
    assert "Government document" in html and "Produce parcel" in html
    assert str(delivered.uuid) not in html
    assert str(not_mine.uuid) not in html


def test_list_makes_as_many_queries_for_8_tasks_as_for_2(
    client, township, citizen, courier, logistics, django_assert_num_queries
):
    zone = zone_add(township=township)

    def grow(count: int) -> None:
        shipments = [
            _shipment(township, citizen, zone=zone, cash="12.50" if n % 2 else None)
            for n in range(count)
        ]
        _assign(shipments, courier, logistics)
        services.shipment_pickup(shipment=shipments[0], actor=courier.user)

    # given 2 tasks, one picked up
    grow(2)
    client.force_login(courier.user)
    client.get(_url("tasks"))
    with CaptureQueriesContext(connection) as captured:
        client.get(_url("tasks"))
    with_2 = len(captured)
    # when there are 8
    grow(6)
    # then
    with django_assert_num_queries(with_2):
        response = client.get(_url("tasks"))
    route = response.context["route"]
    assert len(route.deliveries) == 2
    assert sum(len(stop.shipments) for stop in route.pickups) == 6


def test_a_courier_with_nothing_to_do_is_told_so(client, courier):
    client.force_login(courier.user)

    response = client.get(_url("tasks"))

    assert response.status_code == 200
    assert "Nothing to carry right now" in response.content.decode()


# -- who may see and act --------------------------------------------------------


@pytest.mark.parametrize("name", ["tasks", "task"])
def test_anonymous_is_sent_to_log_in(client, assigned, name):
    url = _url(name, assigned if name == "task" else None)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize("name", ["tasks", "task"])
def test_a_non_courier_is_refused(client, citizen, assigned, name):
    client.force_login(citizen)

    response = client.get(_url(name, assigned if name == "task" else None))

    assert response.status_code == 403
    assert "You are not a courier" in response.content.decode()


# action: (status the shipment is brought to first, what the courier posts)
ACTIONS = {
    "pickup": (S.ASSIGNED, lambda s: {}),
    "depart": (S.PICKED_UP, lambda s: {}),
    "deliver": (S.PICKED_UP, _deliver_data),
    "deliver_photo": (
        S.PICKED_UP,
        lambda s: {
            "photo": photo_upload(),
            "received_by": "Lan Chen",
            "cash": str(s.cash_payment.amount),
        },
    ),
    "fail": (S.PICKED_UP, lambda s: {"reason": FailureReason.NOBODY_HOME}),
    "return": (S.FAILED_ATTEMPT, lambda s: {}),
}
# Where the assigned courier lands, and the status reached.
OUTCOMES = {
    "pickup": ("tasks", S.PICKED_UP),
    "depart": ("task", S.IN_TRANSIT),
    "deliver": ("tasks", S.DELIVERED),
    "deliver_photo": ("tasks", S.DELIVERED),
    "fail": ("tasks", S.FAILED_ATTEMPT),
    "return": ("tasks", S.RETURNED),
}


def _bring(shipment: Shipment, status: str, courier) -> None:
    actor = courier.user
    if status in (S.PICKED_UP, S.FAILED_ATTEMPT):
        services.shipment_pickup(shipment=shipment, actor=actor)
    if status == S.FAILED_ATTEMPT:
        services.shipment_fail(
            shipment=shipment, actor=actor, reason=FailureReason.REFUSED
        )


def _user(request, who: str):
    if who == "anonymous":
        return None
    user = request.getfixturevalue(who)
    return getattr(user, "user", user)


@pytest.mark.parametrize(
    "who", ["anonymous", "citizen", "other_courier", "other_township_courier"]
)
@pytest.mark.parametrize("action", ["view", *ACTIONS])
def test_only_the_assigned_courier_sees_and_moves_a_shipment(
    request, client, assigned, courier, who, action
):
    # given the shipment in a status where the action is possible
    status, data = ACTIONS.get(action, (S.ASSIGNED, None))
    _bring(assigned, status, courier)
    before = _state(assigned)
    user = _user(request, who)
    if user is not None:
        client.force_login(user)

    # when
    if action == "view":
        response = client.get(_url("task", assigned))
    else:
        response = client.post(_url(action, assigned), data(assigned))

    # then refused as the login page, 403 or 404, and nothing changed
    expected = {"anonymous": 302, "citizen": 403}.get(who, 404)
    assert response.status_code == expected
    if who == "anonymous":
        assert response.url.startswith(reverse("accounts:login"))
    assert _state(assigned) == before


@pytest.mark.parametrize("action", ["view", *ACTIONS])
def test_the_assigned_courier_sees_and_moves_it(client, assigned, courier, action):
    status, data = ACTIONS.get(action, (S.ASSIGNED, None))
    _bring(assigned, status, courier)
    client.force_login(courier.user)

    if action == "view":
        response = client.get(_url("task", assigned))
        assert response.status_code == 200
        assert response.context["shipment"] == assigned
        return
    response = client.post(_url(action, assigned), data(assigned))

    lands, reached = OUTCOMES[action]
    assert response.status_code == 302
    assert response.url == _url(lands, assigned if lands == "task" else None)
    assigned.refresh_from_db()
    assert assigned.status == reached


@pytest.mark.parametrize("action", ["view", "pickup"])
def test_a_shipment_assigned_to_nobody_does_not_exist_for_a_courier(
    client, cod_order, other_product, courier, action
):
    # given the order's other parcel, still on the dispatch board
    unassigned = Shipment.objects.get(
        reference=f"order:{cod_order.number}:{other_product.stall_id}"
    )
    before = _state(unassigned)
    client.force_login(courier.user)

    if action == "view":
        response = client.get(_url("task", unassigned))
    else:
        response = client.post(_url(action, unassigned))

    assert response.status_code == 404
    assert _state(unassigned) == before


# -- the task page shows what its status allows -----------------------------------


@pytest.mark.parametrize(
    "status,forms",
    [
        (S.ASSIGNED, ["pickup"]),
        (S.PICKED_UP, ["depart", "deliver", "deliver_photo", "fail"]),
        (S.FAILED_ATTEMPT, ["depart", "return"]),
    ],
)
def test_the_task_page_offers_the_actions_of_its_status(
    client, assigned, courier, status, forms
):
    _bring(assigned, status, courier)
    client.force_login(courier.user)

    response = client.get(_url("task", assigned))

    assert list(response.context["actions"]) == forms
    html = response.content.decode()
    for form in forms:
        assert f'action="{_url(form, assigned)}"' in html
    if "deliver" in forms:
        assert 'inputmode="numeric"' in html
        assert 'autocomplete="one-time-code"' in html
        assert 'accept="image/*"' in html and 'capture="environment"' in html
        assert "Owed: CN¥56.00" in html
        # the courier learns the code from the recipient only
        assert not re.search(rf"(?<!\d){assigned.delivery_code}(?!\d)", html)


# -- delivering -----------------------------------------------------------------


def test_each_wrong_code_says_how_many_tries_are_left_and_the_fifth_locks_it(
    client, picked_up, courier
):
    client.force_login(courier.user)
    wrong = _deliver_data(picked_up, code=_wrong(picked_up.delivery_code))

    for attempt in range(1, DELIVERY_CODE_MAX_ATTEMPTS):
        response = client.post(_url("deliver", picked_up), wrong)
        assert response.status_code == 200
        left = DELIVERY_CODE_MAX_ATTEMPTS - attempt
        assert f"Wrong code. {left} tries left." in response.content.decode()
        assert f'value="{wrong["code"]}"' in response.content.decode()

    response = client.post(_url("deliver", picked_up), wrong)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Wrong code. The code is now locked" in html
    assert "data-code-locked" in html
    assert 'name="code"' not in html
    picked_up.refresh_from_db()
    assert picked_up.is_code_locked
    assert picked_up.code_attempts == DELIVERY_CODE_MAX_ATTEMPTS
    assert picked_up.status == S.PICKED_UP
    # even the right code is refused now; the photo is the way
    response = client.post(_url("deliver", picked_up), _deliver_data(picked_up))
    assert "the code is locked" in response.content.decode()
    picked_up.refresh_from_db()
    assert picked_up.status == S.PICKED_UP


def test_delivery_posted_three_times_delivers_and_takes_the_cash_once(
    client, picked_up, courier, product, cod_order
):
    # given a cash-on-delivery parcel of two eggs, picked up
    in_stock, allocated = _stock(product)
    client.force_login(courier.user)

    # when the phone posts the confirmation three times
    responses = [
        client.post(_url("deliver", picked_up), _deliver_data(picked_up), follow=True)
        for _ in range(3)
    ]

    # then each shows success; one delivery, one cash receipt, stock taken once
    for response in responses:
        assert response.redirect_chain == [(_url("tasks"), 302)]
        assert "Delivered. Thank you!" in response.content.decode()
    picked_up.refresh_from_db()
    assert picked_up.status == S.DELIVERED
    assert picked_up.proof == ProofKind.CODE
    assert picked_up.events.filter(status=S.DELIVERED).count() == 1
    payment = picked_up.cash_payment
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert picked_up.cash_collected == payment.amount
    assert (
        PaymentEvent.objects.filter(
            payment=payment, kind=PaymentEventKind.CASH_COLLECTED
        ).count()
        == 1
    )
    assert _stock(product) == (in_stock - 2, allocated - 2)
    group = cod_order.seller_groups.get(partner=product.stall)
    assert group.status == SellerGroupStatus.DELIVERED


def test_pickup_posted_twice_records_one_pickup(client, assigned, courier):
    client.force_login(courier.user)

    for _ in range(2):
        response = client.post(_url("pickup", assigned), follow=True)
        assert "Picked up." in response.content.decode()

    assert assigned.events.filter(status=S.PICKED_UP).count() == 1


def test_delivery_with_a_photo_and_the_receivers_name(client, picked_up, courier):
    client.force_login(courier.user)

    response = client.post(
        _url("deliver_photo", picked_up),
        {
            "photo": photo_upload(),
            "received_by": "  Chen   Lan ",
            "cash": str(picked_up.cash_payment.amount),
        },
    )

    assert response.status_code == 302
    picked_up.refresh_from_db()
    assert picked_up.status == S.DELIVERED
    assert picked_up.proof == ProofKind.PHOTO
    assert picked_up.received_by == "Chen Lan"
    assert picked_up.proof_photo.name.endswith(f"{picked_up.uuid}.jpg")
    assert picked_up.code_attempts == 0


def test_failed_attempt_then_retry_then_delivery(client, picked_up, courier):
    client.force_login(courier.user)

    # when the recipient is out
    response = client.post(
        _url("fail", picked_up),
        {"reason": FailureReason.NOBODY_HOME, "note": "Neighbour says back at 5"},
    )
    assert response.status_code == 302
    picked_up.refresh_from_db()
    assert picked_up.status == S.FAILED_ATTEMPT
    assert picked_up.failure_reason == FailureReason.NOBODY_HOME
    # and the courier tries again later
    response = client.post(_url("depart", picked_up))
    assert response.status_code == 302
    response = client.post(_url("deliver", picked_up), _deliver_data(picked_up))
    assert response.status_code == 302

    # then
    picked_up.refresh_from_db()
    assert picked_up.status == S.DELIVERED
    assert picked_up.failed_attempts == 1
    assert list(picked_up.events.values_list("status", "note")) == [
        (S.CREATED, ""),
        (S.ASSIGNED, "Courier: Wei Zhang"),
        (S.PICKED_UP, ""),
        (S.FAILED_ATTEMPT, "Neighbour says back at 5"),
        (S.IN_TRANSIT, ""),
        (S.DELIVERED, ""),
    ]


def test_return_to_sender_after_a_failed_attempt(
    client, picked_up, courier, cod_order, product
):
    services.shipment_fail(
        shipment=picked_up, actor=courier.user, reason=FailureReason.REFUSED
    )
    client.force_login(courier.user)

    response = client.post(_url("return", picked_up), {"note": "Refused at the door"})

    assert response.status_code == 302
    picked_up.refresh_from_db()
    assert picked_up.status == S.RETURNED
    group = cod_order.seller_groups.get(partner=product.stall)
    assert group.status == SellerGroupStatus.RETURNED


def test_a_step_no_longer_possible_says_why(client, picked_up, courier):
    # given the shipment failed meanwhile; a stale page posts "pickup"
    services.shipment_fail(
        shipment=picked_up, actor=courier.user, reason=FailureReason.ROAD_BLOCKED
    )
    before = _state(picked_up)
    client.force_login(courier.user)

    response = client.post(_url("pickup", picked_up), follow=True)

    assert response.redirect_chain == [(_url("task", picked_up), 302)]
    assert "cannot become “Picked up”" in response.content.decode()
    assert _state(picked_up) == before


# -- bad input comes back on the same form, as typed --------------------------------


def _not_a_photo():
    return SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not a photo", "image/jpeg")


def _too_large():
    return SimpleUploadedFile(
        "photo.jpg", b"\xff\xd8" + b"\0" * PHOTO_MAX_BYTES, "image/jpeg"
    )


BAD_INPUT = [
    ("deliver", {"code": "12ab56"}, "The code has digits only", ["12ab56"]),
    ("deliver", {"code": "12345"}, "The code has 6 digits; you typed 5.", ["12345"]),
    ("deliver", {"code": ""}, "Type the recipient&#x27;s 6-digit code.", []),
    ("deliver", {"cash": "lots"}, "Type the amount as a number", ["lots"]),
    ("deliver", {"cash": "-56.00"}, "The amount cannot be negative.", ["-56.00"]),
    ("deliver", {"cash": ""}, "Collect CN¥56.00 and type the amount.", []),
    ("deliver", {"cash": "50.00"}, "The amount collected must be 56.00", ["50.00"]),
    (
        "deliver_photo",
        {"photo": photo_upload, "received_by": "", "cash": "56.00"},
        "Write the name of the person who took it.",
        ["56.00"],
    ),
    (
        "deliver_photo",
        {"photo": _not_a_photo, "received_by": "Chen Lan", "cash": "56.00"},
        "This file is not a photo we can read.",
        ["Chen Lan"],
    ),
    (
        "deliver_photo",
        {"photo": _too_large, "received_by": "Chen Lan", "cash": "56.00"},
        "This photo is too large (15 MB at most).",
        ["Chen Lan"],
    ),
    (
        "deliver_photo",
        {"received_by": "Chen Lan", "cash": "56.00"},
        "Take a photo of the parcel with the person who took it.",
        ["Chen Lan"],
    ),
    (
        "fail",
        {"reason": "", "note": "Dog at the gate"},
        "Choose why",
        ["Dog at the gate"],
    ),
    ("fail", {"reason": "asleep"}, "Choose why the delivery failed.", []),
    (
        "fail",
        {"reason": "other", "note": ""},
        "Say what went wrong.",
        ['value="other" selected'],
    ),
]


@pytest.mark.parametrize("action,typed,message,kept", BAD_INPUT)
def test_bad_input_is_refused_on_the_same_form_as_typed(
    client, picked_up, courier, action, typed, message, kept
):
    # given the parcel of 56.00 CNY cash on delivery, picked up
    assert picked_up.cash_payment.amount == Decimal("56.00")
    before = _state(picked_up)
    data = {key: value() if callable(value) else value for key, value in typed.items()}
    if action == "deliver":
        data = _deliver_data(picked_up, **data)
    client.force_login(courier.user)

    response = client.post(_url(action, picked_up), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    for text in kept:
        assert text in html
    assert response.context["actions"][action].is_bound
    assert _state(picked_up) == before
