"""Questions in the API: the public board shows answered public items only,
with numbers masked; a citizen asks, rates and reopens their own items, and
another citizen's item is a 404."""

from uuid import uuid4

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from tests.factories.shop import photo_upload
from townships.consultations import services
from townships.consultations.constants import ConsultationStatus
from townships.consultations.models import Consultation

pytestmark = pytest.mark.django_db

S = ConsultationStatus
MINE = reverse("api:my-question-list")


def _answered(desk, asker, **fields):
    item = desk.ask(asker, **fields)
    return services.consultation_answer(
        consultation=item, actor=desk.officer, text="Paid on 15 May; 13800138000."
    )


def test_public_list_shows_answered_public_items_only(api_client, desk, citizen):
    shown = _answered(desk, citizen, title="Bamboo subsidy")
    _answered(desk, citizen, title="Private land", is_public=False)
    desk.ask(citizen, title="Still open")

    response = api_client.get(reverse("api:question-list"), {"q": ""})

    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["reference"] == shown.reference
    assert item["is_on_time"] is True
    assert "13800138000" not in item["answer"]


def test_public_detail_of_a_private_item_is_a_404(api_client, desk, citizen):
    private = _answered(desk, citizen, is_public=False)

    response = api_client.get(reverse("api:question-detail", args=[private.uuid]))

    assert response.status_code == 404


def test_asking_needs_a_token(api_client, desk):
    assert api_client.get(MINE).status_code == 401


def test_citizen_asks_and_reads_their_list(token_client, desk, citizen):
    client = token_client(citizen)

    response = client.post(
        MINE,
        {
            "township": desk.township.slug,
            "category": desk.category.slug,
            "title": "Pump broke",
            "body": "Call 13800138000.",
            "is_public": True,
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["department_name"] == desk.department.name
    assert "13800138000" not in body["body"]
    assert [row["uuid"] for row in client.get(MINE).json()["results"]] == [body["uuid"]]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"body": "x" * 2001}, "body"),
        ({"category": "nope"}, "category"),
        ({"is_public": None}, "is_public"),
    ],
)
def test_bad_input_is_refused(token_client, desk, citizen, fields, field):
    data = {
        "township": desk.township.slug,
        "category": desk.category.slug,
        "title": "Pump broke",
        "body": "It broke.",
        "is_public": True,
        **fields,
    }

    response = token_client(citizen).post(MINE, data, format="json")

    assert response.status_code == 400
    assert field in {error["field"] for error in response.json()["errors"]}
    assert not Consultation.objects.exists()


def test_rate_and_reopen_own_items(token_client, desk, citizen):
    client = token_client(citizen)
    rated = _answered(desk, citizen, title="One")
    reopened = _answered(desk, citizen, title="Two")

    rate = client.post(
        reverse("api:my-question-rate", args=[rated.uuid]), {"rating": 4}, "json"
    )
    reopen = client.post(
        reverse("api:my-question-reopen", args=[reopened.uuid]),
        {"reason": "Not paid yet."},
        "json",
    )

    assert rate.status_code == 200 and rate.json()["status"] == S.CLOSED
    assert reopen.status_code == 200 and reopen.json()["status"] == S.OPEN
    assert reopen.json()["trail"][-1]["kind"] == "reopened"


def test_rating_twice_or_out_of_range_is_refused(token_client, desk, citizen):
    client = token_client(citizen)
    item = _answered(desk, citizen)
    url = reverse("api:my-question-rate", args=[item.uuid])

    assert client.post(url, {"rating": 9}, "json").status_code == 400
    assert client.post(url, {"rating": 3}, "json").status_code == 200
    again = client.post(url, {"rating": 1}, "json")

    assert again.status_code == 400
    item.refresh_from_db()
    assert item.rating == 3


@pytest.mark.parametrize("name", ["detail", "rate", "reopen"])
def test_another_citizens_item_is_a_404(
    token_client, desk, citizen, other_citizen, name
):
    theirs = _answered(desk, other_citizen)
    url = reverse(f"api:my-question-{name}", args=[theirs.uuid])
    client = token_client(citizen)

    response = (
        client.get(url)
        if name == "detail"
        else client.post(url, {"rating": 1, "reason": "No."}, "json")
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.status, theirs.rating) == (S.ANSWERED, None)


def test_unknown_item_is_a_404(token_client, citizen):
    url = reverse("api:my-question-detail", args=[uuid4()])

    assert token_client(citizen).get(url).status_code == 404


def _ask_with_photo(client, desk, photo):
    return client.post(
        MINE,
        {
            "township": desk.township.slug,
            "category": desk.category.slug,
            "title": "Broken bridge",
            "body": "The planks are gone.",
            "is_public": "true",
            "photo": photo,
        },
        format="multipart",
    )


def test_citizen_asks_with_a_photo_only_they_can_see(
    token_client, desk, citizen, other_citizen, api_client
):
    client = token_client(citizen)

    response = _ask_with_photo(client, desk, photo_upload())

    assert response.status_code == 201, response.json()
    photo_url = response.json()["photo_url"]
    photo = client.get(photo_url)
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"
    assert token_client(other_citizen).get(photo_url).status_code == 404
    assert api_client.get(photo_url).status_code == 401
    public = api_client.get(reverse("api:question-list")).json()["results"]
    assert all("photo" not in key for item in public for key in item)


def test_a_file_that_is_no_photo_is_refused_and_nothing_is_asked(
    token_client, desk, citizen
):
    client = token_client(citizen)
    fake = SimpleUploadedFile("bridge.jpg", b"MZ\x90\x00 not an image", "image/jpeg")

    response = _ask_with_photo(client, desk, fake)

    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"photo"}
    assert not Consultation.objects.exists()


def test_me_too_counts_a_citizen_once_but_not_the_asker(
    token_client, desk, citizen, other_citizen
):
    item = desk.ask(citizen, title="Street lights")
    url = reverse("api:question-me-too", args=[item.uuid])
    joiner = token_client(other_citizen)

    first = joiner.post(url)
    again = joiner.post(url)
    own = token_client(citizen).post(url)

    assert first.json() == {"counted_now": True, "me_too_count": 1}
    assert again.json() == {"counted_now": False, "me_too_count": 1}
    assert own.status_code == 400
    private = desk.ask(citizen, is_public=False)
    hidden = joiner.post(reverse("api:question-me-too", args=[private.uuid]))
    assert hidden.status_code == 404
