"""Parcels and courier tasks in the API: the recipient's parcels with the
code, public tracking without anything personal, a courier's own tasks with
pickup and delivery; another person's parcel or task is a 404."""

import io
from uuid import uuid4

from django.urls import reverse

import pytest
from PIL import Image

from hub.couriers import services
from hub.couriers.constants import ShipmentStatus
from hub.couriers.models import Shipment
from hub.payments.models import Payment
from tests.factories.orders import cash_orders_place

pytestmark = pytest.mark.django_db

S = ShipmentStatus
TASKS = reverse("api:task-list")
PARCELS = reverse("api:parcel-list")


def _task_url(name: str, shipment: Shipment) -> str:
    return reverse(f"api:task-{name}", args=[shipment.uuid])


@pytest.fixture
def assigned(parcel, courier, logistics) -> Shipment:
    services.shipments_assign(
        shipment_pks=[parcel.pk], courier=courier, actor=logistics
    )
    parcel.refresh_from_db()
    return parcel


def _state(shipment: Shipment) -> tuple:
    shipment.refresh_from_db()
    return (
        shipment.status,
        shipment.courier_id,
        shipment.code_attempts,
        shipment.events.count(),
    )


# --- Public tracking ----------------------------------------------------------------


def test_public_tracking_shows_statuses_only(api_client, parcel):
    response = api_client.get(reverse("api:tracking", args=[parcel.uuid]))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"status", "label", "kind_label", "events"}
    assert body["status"] == S.CREATED
    assert {tuple(event) for event in body["events"]} == {("status", "label", "at")}


def test_public_tracking_of_an_unknown_parcel_is_a_404(api_client, db):
    response = api_client.get(reverse("api:tracking", args=[uuid4()]))
    assert response.status_code == 404


# --- The recipient's parcels ---------------------------------------------------------


def test_lists_my_parcels_with_their_last_event(token_client, citizen, parcel):
    response = token_client(citizen).get(PARCELS)
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 2
    mine = next(item for item in results if item["uuid"] == str(parcel.uuid))
    assert mine["last_event"]["status"] == S.CREATED


def test_my_parcel_has_its_code_and_history(token_client, citizen, parcel):
    response = token_client(citizen).get(
        reverse("api:parcel-detail", args=[parcel.uuid])
    )
    assert response.status_code == 200
    assert response.json()["delivery_code"] == parcel.delivery_code
    assert [e["status"] for e in response.json()["history"]] == [S.CREATED]


def test_another_citizens_parcel_is_not_found(token_client, other_citizen, parcel):
    client = token_client(other_citizen)
    assert (
        client.get(reverse("api:parcel-detail", args=[parcel.uuid])).status_code == 404
    )
    assert client.get(PARCELS).json()["results"] == []


def test_anonymous_gets_no_parcels(api_client, parcel):
    response = api_client.get(reverse("api:parcel-detail", args=[parcel.uuid]))
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "not_authenticated"


def test_parcel_list_queries_do_not_grow(
    token_client, citizen, product, other_product, django_assert_num_queries
):
    # given
    client = token_client(citizen)
    cash_orders_place(user=citizen, product=product, count=2)
    with django_assert_num_queries(5) as few:
        assert client.get(PARCELS).json()["count"] == 2
    # when
    cash_orders_place(user=citizen, product=product, count=8)
    # then
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(PARCELS).json()["count"] == 10


# --- The courier's tasks -------------------------------------------------------------


def test_courier_lists_own_tasks(token_client, courier, assigned):
    response = token_client(courier.user).get(TASKS)
    assert response.status_code == 200
    (task,) = response.json()["results"]
    assert task["uuid"] == str(assigned.uuid)
    assert task["actions"] == ["pickup"]
    payment = Payment.objects.get(pk=assigned.cash_payment_id)
    assert task["cash_due"] == {
        "amount": f"{payment.amount:.2f}",
        "currency": payment.currency,
    }


def test_task_list_queries_do_not_grow(
    token_client, courier, logistics, citizen, product, django_assert_num_queries
):
    # given
    client = token_client(courier.user)

    def assign_all():
        services.shipments_assign(
            shipment_pks=list(
                Shipment.objects.filter(courier=None).values_list("pk", flat=True)
            ),
            courier=courier,
            actor=logistics,
        )

    cash_orders_place(user=citizen, product=product, count=2)
    assign_all()
    with django_assert_num_queries(5) as few:
        assert client.get(TASKS).json()["count"] == 2
    # when
    cash_orders_place(user=citizen, product=product, count=8)
    assign_all()
    # then
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(TASKS).json()["count"] == 10


@pytest.mark.parametrize(
    "action", ["detail", "pickup", "depart", "deliver", "fail", "return"]
)
def test_another_couriers_task_is_not_found(
    token_client, other_courier, assigned, action
):
    # given
    before = _state(assigned)
    client = token_client(other_courier.user)
    # when
    url = _task_url(action, assigned)
    if action == "detail":
        response = client.get(url)
    else:
        response = client.post(
            url,
            {"code": assigned.delivery_code, "reason": "nobody_home"},
            format="json",
        )
    # then
    assert response.status_code == 404
    assert _state(assigned) == before
    assert client.get(TASKS).json()["results"] == []


def test_a_citizen_is_not_a_courier(token_client, citizen, assigned):
    # given
    before = _state(assigned)
    # when
    response = token_client(citizen).post(_task_url("pickup", assigned))
    # then
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "permission_denied"
    assert _state(assigned) == before


def test_anonymous_is_not_a_courier(api_client, assigned):
    assert api_client.get(TASKS).status_code == 401


def test_pickup_then_deliver_with_code_and_cash(token_client, courier, assigned):
    # given
    client = token_client(courier.user)
    payment = Payment.objects.get(pk=assigned.cash_payment_id)
    # when
    picked = client.post(_task_url("pickup", assigned))
    again = client.post(_task_url("pickup", assigned))
    delivered = client.post(
        _task_url("deliver", assigned),
        {"code": assigned.delivery_code, "cash": str(payment.amount)},
        format="json",
    )
    # then
    assert picked.status_code == 200
    assert picked.json()["status"] == S.PICKED_UP
    assert again.status_code == 200
    assert delivered.status_code == 200, delivered.content
    assert delivered.json()["status"] == S.DELIVERED
    assigned.refresh_from_db()
    assert assigned.cash_collected == payment.amount
    payment.refresh_from_db()
    assert payment.is_paid


def test_delivering_twice_changes_nothing(token_client, courier, assigned):
    # given
    client = token_client(courier.user)
    client.post(_task_url("pickup", assigned))
    cash = str(Payment.objects.get(pk=assigned.cash_payment_id).amount)
    body = {"code": assigned.delivery_code, "cash": cash}
    client.post(_task_url("deliver", assigned), body, format="json")
    before = _state(assigned)
    # when
    response = client.post(_task_url("deliver", assigned), body, format="json")
    # then
    assert response.status_code == 200
    assert _state(assigned) == before


def test_a_wrong_code_is_refused_and_counted(token_client, courier, assigned):
    # given
    client = token_client(courier.user)
    client.post(_task_url("pickup", assigned))
    wrong = f"{(int(assigned.delivery_code) + 1) % 1_000_000:06d}"
    # when
    response = client.post(
        _task_url("deliver", assigned), {"code": wrong, "cash": "1"}, format="json"
    )
    # then
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] is None
    assigned.refresh_from_db()
    assert assigned.status == S.PICKED_UP
    assert assigned.code_attempts == 1


def test_cash_due_must_be_typed(token_client, courier, assigned):
    # given
    client = token_client(courier.user)
    client.post(_task_url("pickup", assigned))
    # when
    response = client.post(
        _task_url("deliver", assigned), {"code": assigned.delivery_code}, format="json"
    )
    # then
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "cash"
    assert response.json()["errors"][0]["code"] == "required"
    assigned.refresh_from_db()
    assert assigned.status == S.PICKED_UP


def test_a_code_with_letters_is_a_field_error(token_client, courier, assigned):
    client = token_client(courier.user)
    client.post(_task_url("pickup", assigned))
    response = client.post(
        _task_url("deliver", assigned), {"code": "12ab56", "cash": "1"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "field": "code",
        "message": "The code has digits only (0 to 9).",
        "code": "not_digits",
    }


def test_the_cash_must_be_a_number(token_client, courier, assigned):
    response = token_client(courier.user).post(
        _task_url("deliver", assigned),
        {"code": assigned.delivery_code, "cash": "lots"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "cash"


def _jpeg(name: str = "door.jpg") -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), "brown").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def _on_the_way(client, shipment: Shipment) -> None:
    client.post(_task_url("pickup", shipment))
    client.post(_task_url("depart", shipment))


def test_on_my_way_then_a_failed_attempt_then_back_to_the_sender(
    token_client, courier, assigned
):
    # given
    client = token_client(courier.user)
    client.post(_task_url("pickup", assigned))
    # when
    departed = client.post(_task_url("depart", assigned))
    failed = client.post(
        _task_url("fail", assigned), {"reason": "nobody_home"}, format="json"
    )
    returned = client.post(
        _task_url("return", assigned), {"note": "Nobody home twice"}, format="json"
    )
    # then
    assert departed.json()["status"] == S.IN_TRANSIT
    assert failed.status_code == 200, failed.content
    assert failed.json()["status"] == S.FAILED_ATTEMPT
    assert returned.status_code == 200, returned.content
    assert returned.json()["status"] == S.RETURNED
    assert list(assigned.events.values_list("status", flat=True)) == [
        S.CREATED,
        S.ASSIGNED,
        S.PICKED_UP,
        S.IN_TRANSIT,
        S.FAILED_ATTEMPT,
        S.RETURNED,
    ]


def test_a_failed_attempt_needs_a_known_reason_and_a_note_for_other(
    token_client, courier, assigned
):
    # given
    client = token_client(courier.user)
    _on_the_way(client, assigned)
    before = _state(assigned)
    # when
    unknown = client.post(
        _task_url("fail", assigned), {"reason": "aliens"}, format="json"
    )
    other = client.post(_task_url("fail", assigned), {"reason": "other"}, format="json")
    # then
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["field"] == "reason"
    assert other.status_code == 400
    assert other.json()["errors"][0]["message"] == "Say what went wrong."
    assert _state(assigned) == before


def test_delivered_with_a_photo_and_a_name(token_client, courier, assigned):
    # given
    client = token_client(courier.user)
    _on_the_way(client, assigned)
    cash = str(Payment.objects.get(pk=assigned.cash_payment_id).amount)
    # when
    response = client.post(
        _task_url("deliver-photo", assigned),
        {"photo": _jpeg(), "received_by": "Wang Xiuying's neighbour", "cash": cash},
        format="multipart",
    )
    # then
    assert response.status_code == 200, response.content
    assert response.json()["status"] == S.DELIVERED
    assigned.refresh_from_db()
    assert assigned.received_by == "Wang Xiuying's neighbour"
    assert assigned.proof_photo


def test_a_photo_that_is_not_an_image_is_refused(token_client, courier, assigned):
    # given
    client = token_client(courier.user)
    _on_the_way(client, assigned)
    before = _state(assigned)
    fake = io.BytesIO(b"<html>not a photo</html>")
    fake.name = "door.jpg"
    # when
    response = client.post(
        _task_url("deliver-photo", assigned),
        {"photo": fake, "received_by": "Neighbour", "cash": "1"},
        format="multipart",
    )
    # then
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "photo"
    assert _state(assigned) == before
