"""The pages: asking (similar items first, bad input kept), the board, the
asker's own items, and the officer's questions confined to their department."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from PIL import Image

from tests.factories.accounts import UserFactory
from tests.factories.consultations import CategoryFactory, RoutingRuleFactory
from tests.factories.townships import DepartmentFactory, TownshipFactory
from tests.fixtures.consultations import staff
from townships.consultations import services
from townships.consultations.constants import (
    ASK_LIMIT_PER_HOUR,
    BODY_MAX_LENGTH,
    ConsultationStatus,
)
from townships.consultations.models import Consultation, MeToo
from townships.core.constants import MembershipRole

S = ConsultationStatus


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(buffer, "PNG")
    return buffer.getvalue()


def _ask_data(desk, **fields):
    return {
        "kind": "complaint",
        "township": desk.township.slug,
        "category": desk.category.slug,
        "title": "Street light broken at the bridge",
        "body": "It has been dark for a week; call 13800138000.",
        "place": "Bridge on the Baisha river",
        "is_public": "yes",
        **fields,
    }


def _answered(desk, asker, **fields):
    consultation = desk.ask(asker, **fields)
    return services.consultation_answer(
        consultation=consultation, actor=desk.officer, text="Fixed on Monday."
    )


# Asking


def test_asking_needs_an_account(client, desk):
    response = client.get(reverse("consultations:ask"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_step_one_shows_similar_public_items_with_me_too(client, desk, citizen):
    # given a public and a private question on street lights
    public = desk.ask(UserFactory(), title="Street light at the school is broken")
    desk.ask(UserFactory(), title="Street light near my house", is_public=False)
    client.force_login(citizen)

    # when the citizen starts a question about a street light
    response = client.get(
        reverse("consultations:ask"),
        {
            "township": desk.township.slug,
            "category": desk.category.slug,
            "title": "street light",
        },
    )

    # then only the public one is offered, with "me too", and the form is filled
    page = response.content.decode()
    assert public.title in page
    assert "near my house" not in page
    assert reverse("consultations:me_too", args=[public.uuid]) in page
    assert response.context["form"].initial["title"] == "street light"


def test_me_too_from_the_ask_page(client, desk, citizen):
    other = desk.ask(UserFactory(), title="Street light at the school is broken")
    client.force_login(citizen)

    response = client.post(reverse("consultations:me_too", args=[other.uuid]))

    assert response.status_code == 302
    assert MeToo.objects.filter(consultation=other, user=citizen).exists()


def test_ask_routes_and_masks_and_shows_my_item(client, desk, citizen):
    client.force_login(citizen)
    data = _ask_data(desk)
    data["photo"] = SimpleUploadedFile("light.png", _png(), "image/png")

    response = client.post(reverse("consultations:ask"), data)

    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "consultations:mine_detail", args=[consultation.uuid]
    )
    assert consultation.department == desk.department
    assert consultation.kind == "complaint"
    assert "13800138000" not in consultation.body
    assert consultation.photo
    photo = client.get(reverse("consultations:mine_photo", args=[consultation.uuid]))
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/png"
    # the department's officer opens it too; another department's cannot
    client.force_login(desk.officer)
    officer_url = reverse("questions:photo", args=[consultation.uuid])
    assert client.get(officer_url).status_code == 200
    client.force_login(desk.other_officer)
    assert client.get(officer_url).status_code == 404


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": ""}, "title", "Write your question in a few words."),
        ({"body": "  "}, "body", "Tell the department what it is about."),
        ({"body": "x" * (BODY_MAX_LENGTH + 1)}, "body", "at most 2000"),
        ({"title": "t" * 121}, "title", "at most 120"),
        ({"category": "no-such"}, "category", "Select a valid choice"),
        ({"township": ""}, "township", "Choose the township."),
    ],
)
def test_bad_input_is_refused_and_kept(client, desk, citizen, fields, field, message):
    client.force_login(citizen)
    data = _ask_data(desk, **fields)

    response = client.post(reverse("consultations:ask"), data)

    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form["place"].value() == "Bridge on the Baisha river"
    assert not Consultation.objects.exists()


def test_photo_that_is_not_an_image_is_refused(client, desk, citizen):
    client.force_login(citizen)
    data = _ask_data(desk)
    data["photo"] = SimpleUploadedFile("light.jpg", b"%PDF-1.4 not an image")

    response = client.post(reverse("consultations:ask"), data)

    assert response.status_code == 400
    assert response.context["form"].errors["photo"]
    assert response.context["form"]["title"].value() == data["title"]
    assert not Consultation.objects.exists()


def test_unrouted_township_is_refused_with_a_message(client, desk, citizen):
    client.force_login(citizen)
    roads = CategoryFactory(slug="roads", name_en="Roads")

    response = client.post(
        reverse("consultations:ask"), _ask_data(desk, category=roads.slug)
    )

    assert response.status_code == 400
    assert "does not take questions about this yet" in response.content.decode()
    assert not Consultation.objects.exists()


def test_rate_limit_is_a_clear_message(client, desk, citizen):
    client.force_login(citizen)
    for _ in range(ASK_LIMIT_PER_HOUR):
        desk.ask(citizen)

    response = client.post(reverse("consultations:ask"), _ask_data(desk))

    assert response.status_code == 400
    assert "please wait a little before asking again" in response.content.decode()
    assert Consultation.objects.count() == ASK_LIMIT_PER_HOUR


# The asker's own


def test_my_questions_lists_only_mine(client, desk, citizen, other_citizen):
    mine = desk.ask(citizen, title="Mine about pigs")
    desk.ask(other_citizen, title="Theirs about ducks")
    client.force_login(citizen)

    page = client.get(reverse("consultations:mine")).content.decode()

    assert mine.title in page
    assert "Theirs about ducks" not in page


@pytest.mark.parametrize("name", ["mine_detail", "mine_photo"])
def test_another_citizens_item_is_a_404(client, desk, citizen, other_citizen, name):
    theirs = desk.ask(other_citizen)
    client.force_login(citizen)

    assert (
        client.get(reverse(f"consultations:{name}", args=[theirs.uuid])).status_code
        == 404
    )


@pytest.mark.parametrize("name", ["rate", "reopen"])
def test_rating_or_reopening_another_citizens_item_is_a_404(
    client, desk, citizen, other_citizen, name
):
    theirs = _answered(desk, other_citizen)
    client.force_login(citizen)

    response = client.post(
        reverse(f"consultations:{name}", args=[theirs.uuid]),
        {"rating": "1", "reason": "Not resolved."},
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.status, theirs.rating) == (S.ANSWERED, None)


def test_rate_from_my_page(client, desk, citizen):
    item = _answered(desk, citizen)
    client.force_login(citizen)

    response = client.post(
        reverse("consultations:rate", args=[item.uuid]), {"rating": "5"}
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.rating, item.status) == (5, S.CLOSED)


@pytest.mark.parametrize("rating", ["", "0", "6", "abc"])
def test_bad_rating_is_refused(client, desk, citizen, rating):
    item = _answered(desk, citizen)
    client.force_login(citizen)

    response = client.post(
        reverse("consultations:rate", args=[item.uuid]), {"rating": rating}
    )

    assert response.status_code == 400
    assert response.context["rate_form"].errors["rating"]
    item.refresh_from_db()
    assert item.rating is None


def test_reopen_needs_a_reason_and_then_gets_a_new_deadline(client, desk, citizen):
    item = _answered(desk, citizen)
    client.force_login(citizen)
    url = reverse("consultations:reopen", args=[item.uuid])

    refused = client.post(url, {"reason": " "})
    assert refused.status_code == 400
    assert "Say what is not resolved." in refused.content.decode()
    item.refresh_from_db()
    assert item.status == S.ANSWERED

    response = client.post(url, {"reason": "The light is dark again."})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == S.OPEN
    assert item.answer_due > timezone.now() + timedelta(hours=47)


# The board


def test_board_shows_answered_public_items_with_time_and_punctuality(
    client, desk, citizen
):
    on_time = _answered(desk, citizen, title="Subsidy for bamboo shoots")
    late = _answered(desk, citizen, title="Broken water pipe")
    Consultation.objects.filter(pk=late.pk).update(
        answer_due=late.answered_at - timedelta(hours=1)
    )
    desk.ask(citizen, title="Still open about roads")
    _answered(desk, citizen, title="Private about my land", is_public=False)

    response = client.get(reverse("consultations:board"))

    page = response.content.decode()
    assert on_time.title in page and late.title in page
    assert "Still open about roads" not in page
    assert "Private about my land" not in page
    rows = {item.reference: item for item in response.context["page"]}
    assert rows[on_time.reference].is_answered_on_time is True
    assert rows[late.reference].is_answered_on_time is False
    assert 'data-on-time="no"' in page


def test_board_filters_by_township_category_and_words(client, desk, citizen):
    bamboo = _answered(desk, citizen, title="Subsidy for bamboo shoots")
    _answered(desk, citizen, title="Broken water pipe")
    roads = CategoryFactory(slug="roads")
    RoutingRuleFactory(
        township=desk.township, category=roads, department=desk.department
    )
    road = _answered(desk, citizen, title="Pothole", category=roads)

    def shown(**query):
        response = client.get(reverse("consultations:board"), query)
        return {item.reference for item in response.context["page"]}

    assert shown(q="bamboo") == {bamboo.reference}
    assert shown(category="roads") == {road.reference}
    # an unknown township is ignored, not an error
    assert len(shown(township="elsewhere")) == 3
    assert shown(township=desk.township.slug, q="pothole") == {road.reference}


def test_public_detail_only_for_answered_public_items(client, desk, citizen):
    private = _answered(desk, citizen, is_public=False)
    still_open = desk.ask(citizen)
    public = _answered(desk, citizen)

    def status(item):
        return client.get(
            reverse("consultations:public_detail", args=[item.uuid])
        ).status_code

    assert (status(private), status(still_open), status(public)) == (404, 404, 200)


def test_board_queries_do_not_grow_with_the_data(client, desk, citizen):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("consultations:board")).status_code == 200
        return len(queries)

    _answered(desk, citizen)
    small = count()
    for n in range(4):
        _answered(desk, UserFactory(), title=f"Question {n}")
    assert count() == small


# The officer's questions


def test_officer_queue_is_confined_and_overdue_first(client, desk, citizen):
    fresh = desk.ask(citizen, title="Fresh one")
    overdue = desk.ask(citizen, title="Overdue one")
    Consultation.objects.filter(pk=overdue.pk).update(
        first_reply_due=timezone.now() - timedelta(hours=1)
    )
    elsewhere = desk.ask(citizen, title="Other department's")
    services.consultation_forward(
        consultation=elsewhere,
        actor=desk.officer,
        department=desk.other_department,
        text="Please wait.",
    )
    client.force_login(desk.officer)

    response = client.get(reverse("questions:queue"))

    references = [item.reference for item in response.context["page"]]
    assert references == [overdue.reference, fresh.reference]
    assert "data-overdue" in response.content.decode()


def test_officer_queue_queries_do_not_grow(client, desk, citizen):
    client.force_login(desk.officer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("questions:queue")).status_code == 200
        return len(queries)

    desk.ask(citizen)
    small = count()
    for n in range(4):
        desk.ask(UserFactory(), title=f"Question {n}")
    assert count() == small


def test_a_citizen_has_no_queue(client, citizen):
    client.force_login(citizen)

    assert client.get(reverse("questions:queue")).status_code == 403


@pytest.mark.parametrize("who", ["other_officer", "citizen", "other_township_officer"])
def test_item_of_another_department_is_a_404(client, desk, citizen, who):
    item = desk.ask(citizen)
    township = TownshipFactory()
    user = {
        "other_officer": desk.other_officer,
        "citizen": citizen,
        "other_township_officer": staff(
            township, MembershipRole.OFFICER, DepartmentFactory(township=township)
        ),
    }[who]
    client.force_login(user)

    assert client.get(reverse("questions:detail", args=[item.uuid])).status_code == 404
    response = client.post(
        reverse("questions:act", args=[item.uuid, "answer"]), {"answer-text": "Hi."}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == S.OPEN


def test_head_reads_but_does_not_answer(client, desk, citizen):
    item = desk.ask(citizen)
    client.force_login(desk.head)

    assert client.get(reverse("questions:detail", args=[item.uuid])).status_code == 200
    response = client.post(
        reverse("questions:act", args=[item.uuid, "answer"]), {"answer-text": "Hi."}
    )

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == S.OPEN


def test_officer_forwards_then_the_other_department_answers(client, desk, citizen):
    item = desk.ask(citizen)
    client.force_login(desk.officer)

    response = client.post(
        reverse("questions:act", args=[item.uuid, "forward"]),
        {
            "forward-department": desk.other_department.pk,
            "forward-text": "Forwarded to the civil affairs office, please wait.",
        },
    )

    assert response.status_code == 302
    client.force_login(desk.other_officer)
    response = client.post(
        reverse("questions:act", args=[item.uuid, "answer"]),
        {"answer-text": "The light is fixed."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.department) == (S.ANSWERED, desk.other_department)


@pytest.mark.parametrize(
    ("action", "data", "field"),
    [
        ("answer", {"answer-text": ""}, "text"),
        ("answer", {"answer-text": "x" * 4001}, "text"),
        ("reply", {"reply-text": " "}, "text"),
        ("forward", {"forward-text": "Wait."}, "department"),
        (
            "forward",
            {"forward-department": "999999", "forward-text": "Wait."},
            "department",
        ),
    ],
)
def test_officer_bad_input_is_refused_and_kept(
    client, desk, citizen, action, data, field
):
    item = desk.ask(citizen)
    client.force_login(desk.officer)

    response = client.post(reverse("questions:act", args=[item.uuid, action]), data)

    assert response.status_code == 400
    form = response.context["forms"][action]
    assert form.errors[field]
    item.refresh_from_db()
    assert (item.status, item.department, item.first_reply_at) == (
        S.OPEN,
        desk.department,
        None,
    )


def test_forward_to_the_same_department_is_refused_with_a_message(
    client, desk, citizen
):
    item = desk.ask(citizen)
    client.force_login(desk.officer)

    response = client.post(
        reverse("questions:act", args=[item.uuid, "forward"]),
        {"forward-department": desk.department.pk, "forward-text": "Wait."},
    )

    assert response.status_code == 400
    assert response.context["forms"]["forward"].errors["department"]
    item.refresh_from_db()
    assert item.department == desk.department
