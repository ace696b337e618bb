"""The service catalogue and the citizen's applications in the API: a draft,
answers, files, submit, fee, the timeline and the certificate, by the web's rules."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.public_services import (
    PublicServiceFactory,
    RequiredMaterialFactory,
)
from tests.townships.applications import citizen_fixtures
from tests.townships.applications.citizen_fixtures import PDF, upload
from tests.townships.applications.results_helpers import (
    approve,
    officer_of,
    submitted_application,
)
from townships.applications.constants import ApplicationStatus
from townships.applications.models import Application, Material
from townships.public_services.constants import DeliveryOption

pytestmark = pytest.mark.django_db

online_service = citizen_fixtures.online_service
paid_service = citizen_fixtures.paid_service
valid_answers = citizen_fixtures.valid_answers

MINE = "/api/v1/me/applications/"


def _fields(response) -> set:
    return {error["field"] for error in response.json()["errors"]}


def _answers(valid_answers: dict, **changes) -> dict:
    """The fixture's form answers by key ("q-name" -> "name"), some changed."""
    return {k.removeprefix("q-"): v for k, v in valid_answers.items()} | changes


def _start(client, service) -> str:
    response = client.post(
        f"/api/v1/services/{service.township.slug}/{service.slug}/apply/"
    )
    assert response.status_code == 201, response.json()
    return response.json()["uuid"]


def _upload(client, uuid, service, content=PDF, name="id.pdf"):
    material = service.materials.get(name_en="ID card")
    return client.post(
        f"{MINE}{uuid}/materials/",
        {"material": material.pk, "file": upload(content, name)},
        format="multipart",
    )


def _ready_draft(client, service, answers) -> str:
    uuid = _start(client, service)
    response = client.patch(f"{MINE}{uuid}/answers/", {"answers": answers})
    assert response.status_code == 200
    assert _upload(client, uuid, service).status_code == 201
    return uuid


# --- the journey ----------------------------------------------------------------


def test_draft_answers_upload_submit_pay_cash_and_follow(
    token_client, citizen, paid_service, valid_answers
):
    # given
    client = token_client(citizen)

    # when: a draft is started; the profile's answers are already there
    uuid = _start(client, paid_service)
    draft = client.get(f"{MINE}{uuid}/").json()
    assert draft["status"] == ApplicationStatus.DRAFT
    assert {q["key"] for q in draft["questions"]} >= {"name", "id-number"}
    assert [m["name"] for m in draft["missing_materials"]] == ["ID card"]

    # when: answers, a file, then submit with a delivery the service offers
    response = client.patch(
        f"{MINE}{uuid}/answers/", {"answers": _answers(valid_answers)}
    )
    assert response.status_code == 200
    assert response.json()["answer_errors"] == {}
    response = _upload(client, uuid, paid_service)
    assert response.status_code == 201
    assert [f["original_name"] for f in response.json()["files"]] == ["id.pdf"]
    assert response.json()["files"][0]["content_type"] == "application/pdf"
    assert response.json()["missing_materials"] == []
    response = client.post(f"{MINE}{uuid}/submit/", {"delivery": DeliveryOption.PICKUP})

    # then: sent with a reference and the chosen delivery
    assert response.status_code == 200, response.json()
    sent = response.json()
    assert sent["status"] == ApplicationStatus.SUBMITTED
    assert sent["reference"]
    assert sent["delivery"] == DeliveryOption.PICKUP
    assert sent["answers"]["phone"] == "+8613800138000"  # checked: E.164

    # when: the fee is paid at the counter
    response = client.post(f"{MINE}{uuid}/fee/", {"method": "cash"})

    # then: a cash payment waits for the hall; the detail shows it and the timeline
    assert response.status_code == 200, response.json()
    assert response.json()["payment"]["method"] == "cash"
    assert response.json()["payment"]["is_paid"] is False
    assert response.json()["client_secret"] is None
    detail = client.get(f"{MINE}{uuid}/").json()
    assert detail["amount_due"] == "20.00"
    assert detail["payment"]["method"] == "cash"
    assert [event["status"] for event in detail["timeline"]] == [
        ApplicationStatus.SUBMITTED
    ]
    assert detail["timeline"][0]["label"] == "Submitted, waiting to be accepted"
    assert detail["certificate_url"] is None
    listed = client.get(MINE).json()["results"]
    assert [a["uuid"] for a in listed] == [uuid]
    assert listed[0]["reference"] == sent["reference"]


def test_apply_again_resumes_the_same_draft(token_client, citizen, online_service):
    client = token_client(citizen)
    uuid = _start(client, online_service)

    response = client.post(
        f"/api/v1/services/{online_service.township.slug}/{online_service.slug}/apply/"
    )

    assert response.status_code == 200
    assert response.json()["uuid"] == uuid
    assert Application.objects.filter(applicant=citizen).count() == 1


def test_offline_service_cannot_be_applied_for(token_client, citizen, township):
    service = PublicServiceFactory(township=township, is_online=False)

    response = token_client(citizen).post(
        f"/api/v1/services/{township.slug}/{service.slug}/apply/"
    )

    assert response.status_code == 404
    assert not Application.objects.exists()


def test_withdraw(token_client, citizen, online_service, valid_answers):
    client = token_client(citizen)
    uuid = _ready_draft(client, online_service, _answers(valid_answers))
    client.post(f"{MINE}{uuid}/submit/", {})

    response = client.post(f"{MINE}{uuid}/withdraw/")

    assert response.status_code == 200
    assert response.json()["status"] == ApplicationStatus.WITHDRAWN
    assert response.json()["can_withdraw"] is False


def test_fee_by_card_returns_the_payment_intents_client_secret(
    token_client, citizen, paid_service, valid_answers, stripe_settings
):
    client = token_client(citizen)
    uuid = _ready_draft(client, paid_service, _answers(valid_answers))
    client.post(f"{MINE}{uuid}/submit/", {})

    response = client.post(f"{MINE}{uuid}/fee/", {"method": "card"})

    assert response.status_code == 200, response.json()
    assert response.json()["payment"]["method"] == "card"
    assert response.json()["payment"]["is_paid"] is False
    assert response.json()["client_secret"]
    assert response.json()["intent_status"] == "requires_payment_method"


def test_applicant_rates_a_decided_application_once(token_client, citizen, township):
    application = submitted_application(applicant=citizen, township=township)
    approve(application, officer_of(application.department))
    client = token_client(citizen)

    response = client.post(f"{MINE}{application.uuid}/rate/", {"rating": 5})
    again = client.post(f"{MINE}{application.uuid}/rate/", {"rating": 1})

    assert response.status_code == 200
    assert response.json()["rating"] == 5
    assert again.status_code == 400
    application.refresh_from_db()
    assert application.rating == 5


# --- bad input ------------------------------------------------------------------


def test_invalid_answer_is_kept_then_refused_at_submit(
    token_client, citizen, online_service, valid_answers
):
    # given: a draft with a wrong ID number, saved as typed
    client = token_client(citizen)
    uuid = _ready_draft(
        client, online_service, _answers(valid_answers, **{"id-number": "12345"})
    )
    draft = client.get(f"{MINE}{uuid}/").json()
    assert draft["answers"]["id-number"] == "12345"
    assert list(draft["answer_errors"]) == ["id-number"]

    # when
    response = client.post(f"{MINE}{uuid}/submit/", {})

    # then
    assert response.status_code == 400
    assert _fields(response) == {"answers.id-number"}
    application = Application.objects.get(uuid=uuid)
    assert application.status == ApplicationStatus.DRAFT
    assert application.answers["id-number"] == "12345"


def test_conditional_question_must_be_answered_when_it_applies(
    token_client, citizen, online_service, valid_answers
):
    client = token_client(citizen)
    uuid = _ready_draft(client, online_service, _answers(valid_answers, moved="yes"))

    response = client.post(f"{MINE}{uuid}/submit/", {})

    assert response.status_code == 400
    assert _fields(response) == {"answers.old-address"}


def test_unknown_answer_key_is_refused(token_client, citizen, online_service):
    client = token_client(citizen)
    uuid = _start(client, online_service)

    response = client.patch(f"{MINE}{uuid}/answers/", {"answers": {"nope": "x"}})

    assert response.status_code == 400
    assert _fields(response) == {"answers.nope"}
    assert "nope" not in Application.objects.get(uuid=uuid).answers


def test_submit_without_required_material_is_refused(
    token_client, citizen, online_service, valid_answers
):
    client = token_client(citizen)
    uuid = _start(client, online_service)
    client.patch(f"{MINE}{uuid}/answers/", {"answers": _answers(valid_answers)})

    response = client.post(f"{MINE}{uuid}/submit/", {})

    assert response.status_code == 400
    assert _fields(response) == {"materials"}
    assert "ID card" in response.json()["errors"][0]["message"]
    assert Application.objects.get(uuid=uuid).status == ApplicationStatus.DRAFT


def test_a_file_that_is_not_pdf_jpeg_or_png_is_refused(
    token_client, citizen, online_service
):
    client = token_client(citizen)
    uuid = _start(client, online_service)

    # A Windows program named like a PDF: the type is read from the content.
    response = _upload(
        client, uuid, online_service, content=b"MZ\x90\x00" * 64, name="id.pdf"
    )

    assert response.status_code == 400
    assert _fields(response) == {"file"}
    assert not Material.objects.exists()


def test_a_material_of_another_service_is_refused(
    token_client, citizen, online_service
):
    client = token_client(citizen)
    uuid = _start(client, online_service)
    elsewhere = RequiredMaterialFactory()

    response = client.post(
        f"{MINE}{uuid}/materials/",
        {"material": elsewhere.pk, "file": upload(PDF, "id.pdf")},
        format="multipart",
    )

    assert response.status_code == 400
    assert _fields(response) == {"material"}


def test_unknown_delivery_is_refused(
    token_client, citizen, online_service, valid_answers
):
    client = token_client(citizen)
    uuid = _ready_draft(client, online_service, _answers(valid_answers))

    for delivery in ("drone", DeliveryOption.COURIER):  # unknown; not offered
        response = client.post(f"{MINE}{uuid}/submit/", {"delivery": delivery})

        assert response.status_code == 400
        assert _fields(response) == {"delivery"}
    assert Application.objects.get(uuid=uuid).status == ApplicationStatus.DRAFT


def test_fee_of_a_free_service_is_refused(
    token_client, citizen, online_service, valid_answers
):
    client = token_client(citizen)
    uuid = _ready_draft(client, online_service, _answers(valid_answers))
    client.post(f"{MINE}{uuid}/submit/", {})

    response = client.post(f"{MINE}{uuid}/fee/", {"method": "cash"})

    assert response.status_code == 400


def test_a_sent_application_cannot_be_changed(
    token_client, citizen, online_service, valid_answers
):
    client = token_client(citizen)
    uuid = _ready_draft(client, online_service, _answers(valid_answers))
    client.post(f"{MINE}{uuid}/submit/", {})

    response = client.patch(f"{MINE}{uuid}/answers/", {"answers": {"name": "X"}})

    assert response.status_code == 400
    assert Application.objects.get(uuid=uuid).answers["name"] == "王芳"


# --- who may see what -----------------------------------------------------------


def test_another_citizens_application_material_and_certificate_are_404(
    token_client, citizen, other_citizen, online_service
):
    # given: the citizen's draft with a file
    owner = token_client(citizen)
    uuid = _start(owner, online_service)
    material_uuid = _upload(owner, uuid, online_service).json()["files"][0]["uuid"]
    intruder = token_client(other_citizen)

    # when / then
    assert intruder.get(f"{MINE}{uuid}/").status_code == 404
    assert (
        intruder.patch(f"{MINE}{uuid}/answers/", {"answers": {"name": "X"}})
    ).status_code == 404
    assert _upload(intruder, uuid, online_service).status_code == 404
    assert (
        intruder.delete(f"{MINE}{uuid}/materials/{material_uuid}/").status_code == 404
    )
    assert intruder.post(f"{MINE}{uuid}/submit/", {}).status_code == 404
    assert intruder.post(f"{MINE}{uuid}/withdraw/").status_code == 404
    assert intruder.get(f"{MINE}{uuid}/certificate.pdf").status_code == 404
    assert intruder.get(MINE).json()["results"] == []
    application = Application.objects.get(uuid=uuid)
    assert application.answers.get("name") != "X"
    assert application.materials.count() == 1


def test_a_material_of_another_application_is_404(
    token_client, citizen, online_service, township
):
    client = token_client(citizen)
    first = _start(client, online_service)
    material_uuid = _upload(client, first, online_service).json()["files"][0]["uuid"]
    second = _start(client, PublicServiceFactory(township=township, is_online=True))

    response = client.delete(f"{MINE}{second}/materials/{material_uuid}/")

    assert response.status_code == 404
    assert Material.objects.filter(uuid=material_uuid).exists()


def test_owner_removes_a_file(token_client, citizen, online_service):
    client = token_client(citizen)
    uuid = _start(client, online_service)
    material_uuid = _upload(client, uuid, online_service).json()["files"][0]["uuid"]

    response = client.delete(f"{MINE}{uuid}/materials/{material_uuid}/")

    assert response.status_code == 204
    assert not Material.objects.exists()


def test_anonymous_gets_401(api_client, online_service):
    assert api_client.get(MINE).status_code == 401
    assert (
        api_client.post(
            f"/api/v1/services/{online_service.township.slug}/"
            f"{online_service.slug}/apply/"
        ).status_code
        == 401
    )
    assert not Application.objects.exists()


# --- the certificate ------------------------------------------------------------


def test_holder_downloads_the_issued_certificate(
    token_client, citizen, other_citizen, township
):
    # given: an approved application with an e-certificate, PDF not rendered yet
    application = submitted_application(
        applicant=citizen,
        delivery=DeliveryOption.E_CERTIFICATE,
        township=township,
        offers_e_certificate=True,
    )
    approve(application, officer_of(application.department))
    client = token_client(citizen)
    detail = client.get(f"{MINE}{application.uuid}/").json()
    assert detail["status"] == ApplicationStatus.APPROVED
    assert detail["certificate_url"] == f"{MINE}{application.uuid}/certificate.pdf"

    # when
    response = client.get(detail["certificate_url"])

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert token_client(other_citizen).get(detail["certificate_url"]).status_code == 404


def test_anyone_checks_a_certificate_by_its_code_without_personal_data(
    api_client, citizen, township
):
    # given: an issued e-certificate
    application = submitted_application(
        applicant=citizen,
        delivery=DeliveryOption.E_CERTIFICATE,
        township=township,
        offers_e_certificate=True,
    )
    approve(application, officer_of(application.department))
    certificate = application.certificate
    # when
    response = api_client.get(f"/api/v1/verify/{certificate.code}/")
    tampered = api_client.get(f"/api/v1/verify/{certificate.code[:-1]}x/")
    # then
    assert response.status_code == 200
    body = response.json()
    assert body["is_valid"] is True
    assert body["service"] == application.service.name
    assert set(body) == {
        "is_valid",
        "revoked_at",
        "township",
        "department",
        "service",
        "issued_on",
        "holder",
    }
    assert body["holder"] != citizen.get_full_name()
    assert tampered.status_code == 404


def test_no_certificate_yet_is_404(token_client, citizen, online_service):
    client = token_client(citizen)
    uuid = _start(client, online_service)

    assert client.get(f"{MINE}{uuid}/certificate.pdf").status_code == 404


# --- the catalogue --------------------------------------------------------------


def test_service_detail_shows_materials_fee_limits_delivery_and_questions(
    api_client, paid_service
):
    response = api_client.get(
        f"/api/v1/services/{paid_service.township.slug}/{paid_service.slug}/"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["fee"] == "20.00"
    assert body["currency"] == paid_service.township.currency
    assert body["legal_time_limit_days"] == 10
    assert body["promised_time_days"] == 5
    assert body["delivery_options"] == [DeliveryOption.PICKUP]
    assert [m["name"] for m in body["materials"]] == ["ID card", "Old permit"]
    assert [q["key"] for q in body["questions"]][:3] == ["name", "id-number", "phone"]
    reason = next(q for q in body["questions"] if q["key"] == "reason")
    assert reason["choices"] == ["Birth", "Move"]


def test_unknown_service_is_404(api_client, township):
    assert api_client.get(f"/api/v1/services/{township.slug}/nope/").status_code == 404


def test_catalogue_filters_by_township_and_searches(
    api_client, township, other_township
):
    PublicServiceFactory(township=township, name_en="Birth registration")
    PublicServiceFactory(township=township, name_en="Building permit")
    PublicServiceFactory(township=other_township, name_en="Birth certificate copy")

    by_township = api_client.get("/api/v1/services/", {"township": township.slug})
    searched = api_client.get("/api/v1/services/", {"q": "birth"})
    both = api_client.get(
        "/api/v1/services/", {"township": township.slug, "q": "birth"}
    )

    assert {s["township"] for s in by_township.json()["results"]} == {township.slug}
    assert by_township.json()["count"] == 2
    assert searched.json()["count"] == 2
    assert [s["slug"] for s in both.json()["results"]] == [
        s["slug"] for s in searched.json()["results"] if s["township"] == township.slug
    ]


def test_catalogue_unknown_township_is_400(api_client, township):
    response = api_client.get("/api/v1/services/", {"township": "atlantis"})

    assert response.status_code == 400
    assert _fields(response) == {"township"}


def _catalogue_queries(api_client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/services/")
    assert response.status_code == 200
    return len(queries), response.json()["count"]


def test_catalogue_query_count_does_not_grow_with_services(
    api_client, township, other_township
):
    def add(count):
        for number in range(count):
            service = PublicServiceFactory(
                township=(township, other_township)[number % 2]
            )
            RequiredMaterialFactory(service=service)

    add(2)
    few, counted = _catalogue_queries(api_client)
    assert counted == 2
    add(8)
    many, counted = _catalogue_queries(api_client)
    assert counted == 10
    assert many == few


def test_my_applications_query_count_does_not_grow(token_client, township):
    citizen = UserFactory()
    client = token_client(citizen)

    def add(count):
        for _number in range(count):
            submitted_application(applicant=citizen, township=township)

    add(1)
    with CaptureQueriesContext(connection) as few:
        client.get(MINE)
    add(4)
    with CaptureQueriesContext(connection) as many:
        response = client.get(MINE)
    assert response.json()["count"] == 5
    assert len(many) == len(few)


# --- an agent files for a villager (J8) -------------------------------------------


def _for_villager(client, service, phone, consent="Came in person, signed the form"):
    return client.post(
        f"/api/v1/services/{service.township.slug}/{service.slug}/apply-for-villager/",
        {"phone": phone, "consent": consent},
    )


def test_agent_files_for_a_villager_who_then_follows_it(
    token_client, agent, villager, online_service, valid_answers
):
    # given
    client = token_client(agent)

    # when: the agent starts the villager's draft, fills it in and sends it
    response = _for_villager(client, online_service, str(villager.phone))
    assert response.status_code == 201, response.json()
    uuid = response.json()["uuid"]
    response = client.patch(
        f"{MINE}{uuid}/answers/", {"answers": _answers(valid_answers)}
    )
    assert response.status_code == 200
    assert _upload(client, uuid, online_service).status_code == 201
    response = client.post(f"{MINE}{uuid}/submit/", {})
    assert response.status_code == 200, response.json()

    # then: it is the villager's, filed by the agent, in both lists
    application = Application.objects.get(uuid=uuid)
    assert (application.applicant, application.filed_by) == (villager, agent)
    assert application.status == ApplicationStatus.SUBMITTED
    filed = client.get("/api/v1/agent/applications/").json()["results"]
    assert [a["uuid"] for a in filed] == [uuid]
    assert client.get(MINE).json()["results"] == []
    villager_client = token_client(villager)
    assert [a["uuid"] for a in villager_client.get(MINE).json()["results"]] == [uuid]
    # only the applicant withdraws
    assert client.post(f"{MINE}{uuid}/withdraw/").status_code == 404


@pytest.mark.parametrize("who", ["other_township_agent", "citizen", "villager"])
def test_only_an_agent_of_the_township_files_for_villagers(
    request, token_client, who, villager, online_service
):
    client = token_client(request.getfixturevalue(who))

    response = _for_villager(client, online_service, str(villager.phone))

    assert response.status_code == 404
    assert not Application.objects.exists()
    assert client.get("/api/v1/agent/applications/").json()["results"] == []


@pytest.mark.parametrize(
    ("phone", "consent", "field"),
    [
        ("villager", "", "consent"),
        ("outsider", "Signed", "phone"),
        ("+8613999999999", "Signed", "phone"),
        ("", "Signed", "phone"),
    ],
)
def test_agent_filing_refuses_bad_input(
    token_client, agent, villager, online_service, phone, consent, field
):
    phones = {"villager": str(villager.phone), "outsider": str(UserFactory().phone)}
    client = token_client(agent)

    response = _for_villager(client, online_service, phones.get(phone, phone), consent)

    assert response.status_code == 400
    assert _fields(response) == {field}
    assert not Application.objects.exists()


# --- one's own files --------------------------------------------------------------


def test_applicant_downloads_their_own_file_and_nobody_else_does(
    token_client, citizen, other_citizen, online_service
):
    # given
    owner = token_client(citizen)
    uuid = _start(owner, online_service)
    material_uuid = _upload(owner, uuid, online_service).json()["files"][0]["uuid"]
    url = f"{MINE}{uuid}/materials/{material_uuid}/"

    # when
    response = owner.get(url)

    # then: the very bytes, as a download that cannot run in the browser
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert token_client(other_citizen).get(url).status_code == 404
    elsewhere = _start(
        owner, PublicServiceFactory(township=online_service.township, is_online=True)
    )
    assert owner.get(f"{MINE}{elsewhere}/materials/{material_uuid}/").status_code == 404
