"""Following a parcel: the recipient's pages, the public link, and the messages.

The recipient sees the delivery code and the whole history at /me/parcels/;
anyone holding /track/<uuid>/ sees statuses and times, nothing personal. Each
tracking event tells the recipient once, on the channels that reach them.
"""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from hub.couriers import services
from hub.couriers.constants import FailureReason, ShipmentKind, ShipmentStatus
from hub.couriers.models import Shipment, TrackingEvent
from hub.couriers.tasks import tracking_event_notify_task
from hub.notifications.constants import Channel, MessageKind
from hub.notifications.models import Delivery, Message
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

S = ShipmentStatus

SENDER = "Guifang eggs"
SENDER_PHONE = "+8613800000002"
PICKUP_PLACE = "Yangping village, Guifang eggs stall"
RECIPIENT_NAME = "Chen Lan"
RECIPIENT_PHONE = "+8613912345678"
ADDRESS = "3 Hill Lane, Baiyun village"


def _shipment(
    township, recipient, reference: str, *, description: str = "2 × Free-range eggs"
) -> Shipment:
    return services.shipment_create(
        draft=services.ShipmentDraft(
            reference=reference,
            kind=ShipmentKind.PARCEL,
            township_id=township.pk,
            sender_name=SENDER,
            sender_phone=SENDER_PHONE,
            pickup_place=PICKUP_PLACE,
            recipient=recipient,
            recipient_name=RECIPIENT_NAME,
            recipient_phone=RECIPIENT_PHONE,
            address=ADDRESS,
            description=description,
        )
    )


@pytest.fixture
def shipment(township, citizen):
    return _shipment(township, citizen, "test:eggs")


@pytest.fixture
def on_its_way(shipment, courier, logistics):
    """Assigned, picked up, then out on the road past a landmark."""
    services.shipments_assign(
        shipment_pks=[shipment.pk], courier=courier, actor=logistics
    )
    services.shipment_pickup(shipment=shipment, actor=courier.user)
    services.shipment_depart(
        shipment=shipment, actor=courier.user, place="Yangping bridge"
    )
    shipment.refresh_from_db()
    return shipment


def _html(client, url: str, *, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


# /me/parcels/


@pytest.mark.parametrize("name", ["couriers:parcels", "couriers:parcel"])
def test_anonymous_visitor_is_sent_to_log_in(client, shipment, name):
    args = [shipment.uuid] if name == "couriers:parcel" else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_parcel_list_shows_own_parcels_newest_first_with_the_last_event(
    client, township, citizen, other_citizen, courier, logistics
):
    # given
    older = _shipment(township, citizen, "test:older", description="Old bacon")
    newer = _shipment(township, citizen, "test:newer", description="Bamboo shoots")
    _shipment(township, other_citizen, "test:theirs", description="Not yours")
    services.shipments_assign(shipment_pks=[older.pk], courier=courier, actor=logistics)
    services.shipment_pickup(shipment=older, actor=courier.user, place="Danan village")
    client.force_login(citizen)
    # when
    html = _html(client, reverse("couriers:parcels"))
    # then
    assert html.index("Bamboo shoots") < html.index("Old bacon")
    assert "Not yours" not in html
    assert "Danan village" in html
    assert "status-pill--picked_up" in html
    assert reverse("couriers:parcel", args=[newer.uuid]) in html


def test_parcel_list_query_count_does_not_grow_with_parcels(
    client, township, citizen, courier, logistics, django_assert_num_queries
):
    # given 2 parcels, each with several events
    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            parcel = _shipment(township, citizen, f"test:{n}")
            services.shipments_assign(
                shipment_pks=[parcel.pk], courier=courier, actor=logistics
            )

    add(2, 0)
    client.force_login(citizen)
    url = reverse("couriers:parcels")
    with CaptureQueriesContext(connection) as with_two:
        _html(client, url)
    # when there are 8
    add(6, 2)
    # then
    with django_assert_num_queries(len(with_two)):
        html = _html(client, url)
    assert html.count('class="card"') == 8


def test_parcel_shows_code_contents_sender_history_and_courier_first_name(
    client, citizen, on_its_way
):
    # given
    client.force_login(citizen)
    # when
    html = _html(client, reverse("couriers:parcel", args=[on_its_way.uuid]))
    # then
    assert f"data-delivery-code>{on_its_way.delivery_code}<" in html
    assert "Show this code to the courier" in html
    assert "2 × Free-range eggs" in html
    assert SENDER in html
    assert "Yangping bridge" in html
    for status in (S.CREATED, S.ASSIGNED, S.PICKED_UP, S.IN_TRANSIT):
        assert f'data-event="{status}"' in html
    assert "data-courier>Wei<" in html
    assert "Zhang" not in html
    assert reverse("couriers:track", args=[on_its_way.uuid]) in html


def test_delivered_parcel_no_longer_shows_its_code(
    client, citizen, on_its_way, courier
):
    # given
    services.shipment_deliver(
        shipment=on_its_way, actor=courier.user, code=on_its_way.delivery_code
    )
    client.force_login(citizen)
    # when
    html = _html(client, reverse("couriers:parcel", args=[on_its_way.uuid]))
    # then
    assert "data-delivery-code" not in html
    assert on_its_way.delivery_code not in html
    assert 'data-event="delivered"' in html


def test_parcel_with_an_outside_carrier_shows_the_carrier_and_its_number(
    client, township, citizen, settings
):
    # given
    shipment = services.shipment_create(
        draft=services.ShipmentDraft(
            reference="test:post",
            kind=ShipmentKind.PARCEL,
            township_id=township.pk,
            sender_name=SENDER,
            pickup_place=PICKUP_PLACE,
            recipient=citizen,
            recipient_name=RECIPIENT_NAME,
            address="12 Yulin Road, Chengdu",
            provider="fake",
        )
    )
    shipment = services.shipment_book(shipment=shipment)
    client.force_login(citizen)
    # when
    html = _html(client, reverse("couriers:parcel", args=[shipment.uuid]))
    # then
    assert "data-carrier>Fake<" in html
    assert f"data-tracking-number>{shipment.provider_reference}<" in html
    assert shipment.provider_reference.startswith("FAKE")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("other_citizen", 404),
        ("courier", 404),
        ("logistics", 404),
        ("other_township_logistics", 404),
        ("citizen", 200),
    ],
)
def test_only_the_recipient_sees_the_parcel(request, client, on_its_way, who, status):
    # given
    user = request.getfixturevalue(who)
    user = user.user if who == "courier" else user
    client.force_login(user)
    # when
    response = client.get(reverse("couriers:parcel", args=[on_its_way.uuid]))
    # then
    assert response.status_code == status
    assert (on_its_way.delivery_code in response.content.decode()) == (status == 200)


def test_unknown_parcel_is_404(client, citizen):
    client.force_login(citizen)
    url = reverse("couriers:parcel", args=["00000000-0000-4000-8000-000000000000"])
    assert client.get(url).status_code == 404


def test_order_page_links_each_parcel_to_its_tracking(client, citizen, cod_order):
    # given
    client.force_login(citizen)
    shipments = Shipment.objects.filter(
        reference__startswith=f"order:{cod_order.number}:"
    )
    # when
    html = _html(client, reverse("orders:detail", args=[cod_order.number]))
    # then
    assert html.count("data-track-parcel") == 2
    for shipment in shipments:
        assert reverse("couriers:parcel", args=[shipment.uuid]) in html


# /track/<uuid>/


def test_public_tracking_shows_statuses_and_nothing_personal(
    client, on_its_way, courier
):
    # given a failed attempt with a note, then a delivery taken by a neighbour
    services.shipment_fail(
        shipment=on_its_way,
        actor=courier.user,
        reason=FailureReason.OTHER,
        note="Left a card with Mrs Liu next door",
        place="Baiyun shop",
    )
    services.shipment_depart(shipment=on_its_way, actor=courier.user)
    services.shipment_deliver(
        shipment=on_its_way, actor=courier.user, code=on_its_way.delivery_code
    )
    # when
    html = _html(client, reverse("couriers:track", args=[on_its_way.uuid]))
    # then
    for label in (S.CREATED, S.ASSIGNED, S.PICKED_UP, S.FAILED_ATTEMPT, S.DELIVERED):
        assert f'data-event="{label}"' in html
    assert "status-pill--delivered" in html
    leaks = [
        on_its_way.delivery_code,
        SENDER,
        SENDER_PHONE,
        PICKUP_PLACE,
        RECIPIENT_NAME,
        RECIPIENT_PHONE,
        ADDRESS,
        "Baiyun",
        "Wei",
        "Zhang",
        "Mrs Liu",
        "Yangping",
        "Free-range eggs",
    ]
    assert [leak for leak in leaks if leak in html] == []


def test_public_tracking_of_unknown_parcel_is_404(client, db):
    url = reverse("couriers:track", args=["00000000-0000-4000-8000-000000000000"])
    assert client.get(url).status_code == 404


# Messages


@pytest.fixture
def eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True


def test_each_tracking_event_tells_the_recipient_once(
    eager, township, citizen, sms_outbox, django_capture_on_commit_callbacks
):
    # given
    with django_capture_on_commit_callbacks(execute=True):
        shipment = _shipment(township, citizen, "test:once")
    event = TrackingEvent.objects.get(shipment=shipment)
    # when the task runs again (a redelivered Celery message)
    with django_capture_on_commit_callbacks(execute=True):
        tracking_event_notify_task(event.pk)
        tracking_event_notify_task(event.pk)
    # then
    message = Message.objects.get(recipient=citizen)
    assert message.dedupe_key == f"tracking:{event.pk}"
    assert message.kind == MessageKind.PARCEL
    assert message.url.endswith(reverse("couriers:parcel", args=[shipment.uuid]))
    assert len(mail.outbox) == 1
    assert len(sms_outbox) == 1


def test_created_and_in_transit_messages_remind_the_code_and_others_do_not(
    eager, shipment, courier, logistics, django_capture_on_commit_callbacks
):
    # given a parcel carried all the way, every step told
    steps = [
        lambda: services.shipments_assign(
            shipment_pks=[shipment.pk], courier=courier, actor=logistics
        ),
        lambda: services.shipment_pickup(shipment=shipment, actor=courier.user),
        lambda: services.shipment_depart(shipment=shipment, actor=courier.user),
        lambda: services.shipment_deliver(
            shipment=shipment, actor=courier.user, code=shipment.delivery_code
        ),
    ]
    # when
    for step in steps:
        with django_capture_on_commit_callbacks(execute=True):
            step()
    with django_capture_on_commit_callbacks(execute=True):
        tracking_event_notify_task(
            TrackingEvent.objects.get(shipment=shipment, status=S.CREATED).pk
        )
    # then
    told = {}
    for event in TrackingEvent.objects.filter(shipment=shipment):
        told[event.status] = Message.objects.get(dedupe_key=f"tracking:{event.pk}")
    assert set(told) == {S.CREATED, S.ASSIGNED, S.PICKED_UP, S.IN_TRANSIT, S.DELIVERED}
    with_code = {
        status
        for status, message in told.items()
        if shipment.delivery_code in message.body
    }
    assert with_code == {S.CREATED, S.IN_TRANSIT}
    assert str(S.DELIVERED.label) in told[S.DELIVERED].subject


def test_shipment_without_a_recipient_account_tells_nobody(
    eager, township, sms_outbox, django_capture_on_commit_callbacks
):
    # when a guest's parcel is created
    with django_capture_on_commit_callbacks(execute=True):
        shipment = _shipment(township, None, "test:guest")
    tracking_event_notify_task(TrackingEvent.objects.get(shipment=shipment).pk)
    # then
    assert not Message.objects.exists()
    assert mail.outbox == []
    assert sms_outbox == []


@pytest.mark.parametrize(
    ("email", "phone_verified", "channels"),
    [
        ("lan@example.org", True, {Channel.EMAIL, Channel.SMS}),
        ("lan@example.org", False, {Channel.EMAIL}),
        (None, True, {Channel.SMS}),
    ],
)
def test_messages_go_on_the_channels_that_reach_the_recipient(
    eager,
    township,
    sms_outbox,
    django_capture_on_commit_callbacks,
    email,
    phone_verified,
    channels,
):
    # given
    recipient = UserFactory(email=email, is_phone_verified=phone_verified)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        _shipment(township, recipient, "test:channels")
    # then
    message = Message.objects.get(recipient=recipient)
    assert (
        set(Delivery.objects.filter(message=message).values_list("channel", flat=True))
        == channels
    )
    assert len(mail.outbox) == (Channel.EMAIL in channels)
    assert len(sms_outbox) == (Channel.SMS in channels)
