"""The officer workspace at /hall/: the queue, one application, its steps and
its materials, with the access matrix on every restricted endpoint."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.urls import reverse

import pytest
import time_machine

from hub.payments.constants import PaymentMethod, PaymentStatus
from hub.payments.models import Payment
from tests.factories.accounts import UserFactory
from tests.factories.public_services import PublicServiceFactory
from tests.factories.townships import DepartmentFactory, TownshipFactory
from townships.applications import services
from townships.applications.constants import ApplicationStatus
from townships.applications.models import Application, Material, MaterialView
from townships.applications.officer_selectors import masked_name
from townships.core.constants import MembershipRole
from townships.core.services import membership_grant

pytestmark = pytest.mark.django_db

A = ApplicationStatus
SHANGHAI = ZoneInfo("Asia/Shanghai")
# Wednesday 4 June 2025, a working day, between two weekends.
NOW = datetime(2025, 6, 4, 10, 0, tzinfo=SHANGHAI)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def township():
    return TownshipFactory(slug="xiaoyudong", country="CN", timezone="Asia/Shanghai")


@pytest.fixture
def department(township):
    return DepartmentFactory(township=township, slug="civil-affairs")


@pytest.fixture
def service(department):
    return PublicServiceFactory(
        township=department.township,
        department=department,
        legal_time_limit_days=10,
        fee=Decimal("20.00"),
    )


def _staff(township, role, department=None):
    user = UserFactory()
    membership_grant(user=user, township=township, role=role, department=department)
    return user


@pytest.fixture
def officer(township, department):
    return _staff(township, MembershipRole.OFFICER, department)


@pytest.fixture
def head(township):
    return _staff(township, MembershipRole.HEAD)


@pytest.fixture
def personas(township, officer, head):
    """Everyone of the access matrix, by name (anonymous is None)."""
    other_township = TownshipFactory(slug="huaqiao")
    applicant = UserFactory(profile__real_name="王小芳")
    return {
        "anonymous": None,
        "citizen": UserFactory(),
        "applicant": applicant,
        "officer_other_department": _staff(
            township,
            MembershipRole.OFFICER,
            DepartmentFactory(township=township, slug="land"),
        ),
        "officer_other_township": _staff(
            other_township,
            MembershipRole.OFFICER,
            DepartmentFactory(township=other_township, slug="civil-affairs"),
        ),
        "head": head,
        "officer": officer,
    }


def submit(service, applicant, *, when=NOW, answers=None) -> Application:
    application = Application.objects.create(
        service=service,
        township=service.township,
        department=service.department,
        applicant=applicant,
        answers=answers or {"Name": "王小芳", "Village": "Baiyun"},
    )
    with time_machine.travel(when, tick=False):
        return services.application_submit(application=application, actor=applicant)


@pytest.fixture
def application(service, personas):
    return submit(service, personas["applicant"])


@pytest.fixture
def material(application, personas):
    material = Material(
        application=application,
        original_name="id-card.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=personas["applicant"],
    )
    material.file.save("id-card.pdf", ContentFile(PDF), save=True)
    return material


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _state(application):
    application.refresh_from_db()
    return (
        application.status,
        application.deadline,
        application.extended_days,
        application.events.count(),
    )


# --- the queue -------------------------------------------------------------


def test_queue_shows_the_departments_applications_overdue_first_then_by_deadline(
    client, service, officer, personas
):
    # given one submitted long ago (overdue), one later, one just now, and one
    # of another department of the same township
    applicant = personas["applicant"]
    newest = submit(service, applicant)
    overdue = submit(service, applicant, when=NOW - timedelta(days=40))
    middle = submit(service, applicant, when=NOW - timedelta(days=5))
    land = PublicServiceFactory(
        township=service.township,
        department=personas["officer_other_department"].memberships.get().department,
    )
    elsewhere = submit(land, applicant)

    # when
    response = login(client, officer).get(reverse("hall:queue"))

    # then
    assert response.status_code == 200
    references = [row.reference for row in response.context["rows"]]
    assert references == [overdue.reference, middle.reference, newest.reference]
    assert elsewhere.reference not in response.content.decode()
    assert response.context["rows"][0].is_overdue is True


def test_queue_rows_mask_the_name_count_working_days_and_show_the_fee(
    client, service, officer, application
):
    # given the fee of the application paid
    Payment.objects.create(
        reference=f"fee:{application.reference}",
        method=PaymentMethod.CARD,
        status=PaymentStatus.SUCCEEDED,
        amount=Decimal("20.00"),
        currency="CNY",
    )
    unpaid = submit(service, application.applicant)

    # when
    response = login(client, officer).get(reverse("hall:queue"))

    # then
    rows = {row.reference: row for row in response.context["rows"]}
    paid_row = rows[application.reference]
    assert paid_row.applicant_masked == "王*芳"
    assert "王小芳" not in response.content.decode()
    # 10 working days from Wed 4 June 2025 end on Wed 18 June, 10 days away
    assert paid_row.deadline == date(2025, 6, 18)
    assert paid_row.days_left == 10
    assert paid_row.is_fee_paid is True
    assert rows[unpaid.reference].is_fee_paid is False


def test_queue_filters_by_status(client, service, officer, application):
    accepted = submit(service, application.applicant)
    services.application_step(application=accepted, to=A.ACCEPTED, actor=officer)
    approved = submit(service, application.applicant)
    services.application_step(application=approved, to=A.ACCEPTED, actor=officer)
    services.application_step(application=approved, to=A.APPROVED, actor=officer)
    client = login(client, officer)

    def shown(query):
        response = client.get(reverse("hall:queue"), query)
        return {row.reference for row in response.context["rows"]}

    assert shown({}) == {application.reference, accepted.reference}
    assert shown({"status": "accepted"}) == {accepted.reference}
    assert shown({"status": "approved"}) == {approved.reference}
    assert shown({"status": "all"}) == {
        application.reference,
        accepted.reference,
        approved.reference,
    }


def test_queue_query_count_does_not_grow_with_the_applications(
    client,
    service,
    officer,
    personas,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    applicant = personas["applicant"]
    client = login(client, officer)
    for days_ago in (1, 30):
        submit(service, applicant, when=NOW - timedelta(days=days_ago))
    with django_assert_max_num_queries(50) as two:
        client.get(reverse("hall:queue"))

    for days_ago in range(2, 10):
        submit(service, applicant, when=NOW - timedelta(days=days_ago))
    with django_assert_num_queries(len(two.captured_queries)):
        response = client.get(reverse("hall:queue"))

    assert len(response.context["rows"]) == 10


def test_head_sees_the_townships_queue(client, service, head, personas, application):
    land = PublicServiceFactory(
        township=service.township,
        department=personas["officer_other_department"].memberships.get().department,
    )
    other = submit(land, personas["applicant"])

    response = login(client, head).get(reverse("hall:queue"))

    assert {row.reference for row in response.context["rows"]} == {
        application.reference,
        other.reference,
    }


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("citizen", 403), ("applicant", 403)]
)
def test_queue_is_for_officers_and_heads(client, personas, application, who, status):
    response = login(client, personas[who]).get(reverse("hall:queue"))

    assert response.status_code == status
    assert application.reference not in response.content.decode()


def test_other_officers_see_none_of_it(client, personas, application):
    for who in ("officer_other_department", "officer_other_township"):
        client.logout()
        response = login(client, personas[who]).get(reverse("hall:queue"))
        assert response.status_code == 200
        assert list(response.context["rows"]) == []


# --- one application -------------------------------------------------------

DETAIL_MATRIX = [
    ("anonymous", 302),
    ("citizen", 404),
    ("applicant", 404),
    ("officer_other_department", 404),
    ("officer_other_township", 404),
    ("head", 200),
    ("officer", 200),
]


@pytest.mark.parametrize(("who", "status"), DETAIL_MATRIX)
def test_detail_access(client, personas, application, who, status):
    response = login(client, personas[who]).get(
        reverse("hall:detail", args=[application.uuid])
    )

    assert response.status_code == status
    if status == 302:
        assert response.url.startswith(reverse("accounts:login"))


def test_detail_shows_answers_timeline_and_the_steps_allowed_now(
    client, officer, application, material
):
    response = login(client, officer).get(
        reverse("hall:detail", args=[application.uuid])
    )

    page = response.content.decode()
    assert "王小芳" in page and "Baiyun" in page
    assert material.original_name in page
    assert [action["name"] for action in response.context["actions"]] == [
        "accept",
        "correction",
        "reject",
        "extend",
    ]
    assert [event.status for event in response.context["events"]] == [A.SUBMITTED]


def test_accepted_application_offers_approve_suspend_and_extend(
    client, officer, application
):
    services.application_step(application=application, to=A.ACCEPTED, actor=officer)

    response = login(client, officer).get(
        reverse("hall:detail", args=[application.uuid])
    )

    assert [action["name"] for action in response.context["actions"]] == [
        "correction",
        "approve",
        "reject",
        "suspend",
        "extend",
    ]


def test_head_reads_without_actions(client, head, application):
    response = login(client, head).get(reverse("hall:detail", args=[application.uuid]))

    assert response.context["can_act"] is False
    assert response.context["actions"] == []


def test_draft_is_not_in_the_hall(client, officer, service, personas):
    draft = Application.objects.create(
        service=service,
        township=service.township,
        department=service.department,
        applicant=personas["applicant"],
    )

    response = login(client, officer).get(reverse("hall:detail", args=[draft.uuid]))

    assert response.status_code == 404


# --- steps -----------------------------------------------------------------

ACT_MATRIX = [
    ("anonymous", 302),
    ("citizen", 404),
    ("applicant", 404),
    ("officer_other_department", 404),
    ("officer_other_township", 404),
    ("head", 403),
]


@pytest.mark.parametrize("action", ["accept", "reject", "extend"])
@pytest.mark.parametrize(("who", "status"), ACT_MATRIX)
def test_only_the_departments_officer_takes_steps(
    client, personas, application, who, status, action
):
    before = _state(application)

    response = login(client, personas[who]).post(
        reverse("hall:act", args=[application.uuid, action]),
        {"reason": "Not a resident", "days": "5"},
    )

    assert response.status_code == status
    assert _state(application) == before


def test_officer_accepts_and_is_redirected_with_a_message(client, officer, application):
    response = login(client, officer).post(
        reverse("hall:act", args=[application.uuid, "accept"]), follow=True
    )

    assert response.redirect_chain == [
        (reverse("hall:detail", args=[application.uuid]), 302)
    ]
    assert "Accepted" in response.content.decode()
    application.refresh_from_db()
    assert application.status == A.ACCEPTED
    assert application.events.get(status=A.ACCEPTED).actor == officer


def test_the_same_step_posted_twice_happens_once(client, officer, application):
    client = login(client, officer)
    url = reverse("hall:act", args=[application.uuid, "accept"])

    client.post(url)
    response = client.post(url)

    assert response.status_code == 302
    assert application.events.filter(status=A.ACCEPTED).count() == 1


def test_refused_step_shows_the_same_form_with_what_was_typed(
    client, officer, application
):
    before = _state(application)

    response = login(client, officer).post(
        reverse("hall:act", args=[application.uuid, "extend"]),
        {"days": "99", "reason": "Waiting for the county's opinion"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Extend by 1 to 60 working days." in page
    assert 'value="99"' in page
    assert "Waiting for the county&#x27;s opinion" in page
    assert _state(application) == before


def test_rejection_without_reason_is_refused_on_the_form(client, officer, application):
    before = _state(application)

    response = login(client, officer).post(
        reverse("hall:act", args=[application.uuid, "reject"]), {"reason": "  "}
    )

    assert response.status_code == 200
    assert "Give the reason" in response.content.decode()
    assert _state(application) == before


def test_extension_with_days_and_reason(client, officer, application):
    response = login(client, officer).post(
        reverse("hall:act", args=[application.uuid, "extend"]),
        {"days": "5", "reason": "Waiting for the county's opinion"},
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.extended_days == 5
    # 15 working days from Wed 4 June 2025 (Dragon Boat already behind)
    assert application.deadline == date(2025, 6, 25)


def test_a_step_no_longer_possible_says_so(client, officer, application):
    services.application_step(application=application, to=A.ACCEPTED, actor=officer)
    services.application_step(application=application, to=A.APPROVED, actor=officer)
    before = _state(application)

    response = login(client, officer).post(
        reverse("hall:act", args=[application.uuid, "correction"]),
        {"reason": "Blurred"},
        follow=True,
    )

    assert "cannot become" in response.content.decode()
    assert _state(application) == before


def test_unknown_action_is_404(client, officer, application):
    response = login(client, officer).post(
        reverse("hall:act", args=[application.uuid, "delete"])
    )

    assert response.status_code == 404


# --- materials -------------------------------------------------------------

MATERIAL_MATRIX = [
    ("anonymous", 302),
    ("citizen", 404),
    ("applicant", 404),
    ("officer_other_department", 404),
    ("officer_other_township", 404),
    ("head", 200),
    ("officer", 200),
]


@pytest.mark.parametrize(("who", "status"), MATERIAL_MATRIX)
def test_material_access_is_audited(
    client, personas, application, material, who, status
):
    user = personas[who]

    response = login(client, user).get(
        reverse("hall:material", args=[application.uuid, material.uuid])
    )

    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Security-Policy"] == "sandbox"
        assert MaterialView.objects.get(material=material).viewer == user
    else:
        assert not MaterialView.objects.exists()


def test_every_look_is_a_row(client, officer, application, material):
    client = login(client, officer)
    url = reverse("hall:material", args=[application.uuid, material.uuid])

    client.get(url)
    client.get(url)

    assert MaterialView.objects.filter(material=material, viewer=officer).count() == 2


def test_material_of_another_application_is_404(
    client, officer, service, application, material
):
    other = submit(service, application.applicant)

    response = login(client, officer).get(
        reverse("hall:material", args=[other.uuid, material.uuid])
    )

    assert response.status_code == 404
    assert not MaterialView.objects.exists()


def test_material_is_not_under_media(client, officer, material):
    response = login(client, officer).get(f"/media/{material.file.name}")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "masked"),
    [("王小芳", "王*芳"), ("李雷", "李*"), ("Lan", "L*n"), ("", ""), ("Z", "Z")],
)
def test_masked_name(name, masked):
    assert masked_name(name) == masked


def test_applicant_without_real_name_is_masked_from_the_account(
    client, service, officer
):
    applicant = UserFactory(first_name="Lan", last_name="Chen", profile__real_name="")
    submit(service, applicant)

    response = login(client, officer).get(reverse("hall:queue"))

    assert response.context["rows"][0].applicant_masked == "L******n"
