"""Applying online: the form from its definition, drafts, submit, fee, agents."""

from decimal import Decimal

from django.test import Client
from django.urls import reverse

import pytest

from hub.core.exceptions import ApplicationError
from hub.payments.constants import PaymentMethod
from hub.payments.models import Payment
from hub.payments.services import payment_cash_record
from tests.factories.accounts import UserFactory
from tests.factories.public_services import PublicServiceFactory
from tests.townships.applications import citizen_fixtures
from tests.townships.applications.citizen_fixtures import PDF, upload
from townships.applications.citizen_services import (
    application_draft_start,
    application_send,
)
from townships.applications.constants import ApplicationEventKind, ApplicationStatus
from townships.applications.forms import (
    validate_cn_id_number,
    validate_vn_citizen_id,
)
from townships.applications.models import Application

pytestmark = pytest.mark.django_db

RADIO_KEYS = ("q-moved", "q-reason")  # a radio shows its options, not a typed value

# The fixtures of this module (kept out of a conftest shared with other tests).
online_service = citizen_fixtures.online_service
paid_service = citizen_fixtures.paid_service
valid_answers = citizen_fixtures.valid_answers


def _start(client, service) -> Application:
    response = client.post(
        reverse("applications:start", args=[service.township.slug, service.slug])
    )
    assert response.status_code == 302
    return Application.objects.get(service=service, status=ApplicationStatus.DRAFT)


def _step_url(application, step):
    return reverse("applications:step", args=[application.uuid, step])


def _fill(client, application, answers, *, material=True):
    for step in (1, 2):
        response = client.post(
            _step_url(application, step), {**answers, "action": "next"}
        )
        assert response.status_code == 302, response.content.decode()
    if material:
        required = application.service.materials.get(is_required=True)
        response = client.post(
            reverse("applications:materials", args=[application.uuid]),
            {"material": required.pk, "file": upload(PDF, "id.pdf")},
        )
        assert response.status_code == 302


def _send(client, application):
    return client.post(reverse("applications:review", args=[application.uuid]))


def test_service_page_links_to_apply_when_online(client, online_service):
    # when
    response = client.get(online_service.get_absolute_url())
    # then
    start = reverse(
        "applications:start", args=[online_service.township.slug, online_service.slug]
    )
    assert f'href="{start}"' in response.content.decode()


def test_apply_asks_anonymous_to_log_in(client, online_service):
    url = reverse(
        "applications:start", args=[online_service.township.slug, online_service.slug]
    )
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_offline_service_cannot_be_applied_for(client, citizen, township):
    # given
    service = PublicServiceFactory(township=township, is_online=False)
    client.force_login(citizen)
    # when
    response = client.post(
        reverse("applications:start", args=[township.slug, service.slug])
    )
    # then
    assert response.status_code == 404
    assert not Application.objects.exists()


def test_draft_starts_with_what_the_profile_holds(client, citizen, online_service):
    # given
    citizen.profile.real_name = "王芳"
    citizen.profile.save()
    client.force_login(citizen)
    # when
    application = _start(client, online_service)
    # then: name and phone from the profile; no ID number (the profile has none)
    assert application.answers == {"name": "王芳", "phone": str(citizen.phone)}
    assert application.applicant == citizen and application.filed_by is None


@pytest.mark.parametrize(
    ("step", "changes", "message"),
    [
        (1, {"q-id-number": "110105194912310021"}, "its last character is wrong"),
        (1, {"q-id-number": "11010519491331002X"}, "not a real date"),
        (1, {"q-name": ""}, "This field is required."),
        (1, {"q-phone": "12345"}, "not a phone number we can call"),
        (2, {"q-born-on": "31/05/2024"}, "Enter a date like 2026-03-31."),
        (2, {"q-moved": "yes", "q-old-address": ""}, "This question applies to you"),
        (2, {"q-reason": "Marriage"}, "Select a valid choice."),
    ],
)
def test_bad_input_is_shown_with_what_was_typed(
    client, citizen, online_service, valid_answers, step, changes, message
):
    # given
    client.force_login(citizen)
    application = _start(client, online_service)
    typed = {**valid_answers, **changes}
    # when
    response = client.post(_step_url(application, step), {**typed, "action": "next"})
    # then: the same page, the message, and every typed value kept
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    for key, value in changes.items():
        if value and key not in RADIO_KEYS:
            assert f'value="{value}"' in page
    application.refresh_from_db()
    key = next(iter(changes)).removeprefix("q-")
    assert application.answers[key] == changes[next(iter(changes))]


def test_conditional_question_is_dropped_when_it_does_not_apply(
    client, citizen, online_service, valid_answers
):
    # given
    client.force_login(citizen)
    application = _start(client, online_service)
    _fill(client, application, {**valid_answers, "q-old-address": "Old street 1"})
    # when
    response = _send(client, application)
    # then
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.answers["old-address"] == ""
    assert application.answers["phone"] == "+8613800138000"


def test_save_draft_keeps_invalid_input_and_resumes_on_another_device(
    client, citizen, online_service, valid_answers
):
    # given: a draft saved on the phone with a wrong ID number
    client.force_login(citizen)
    application = _start(client, online_service)
    typed = {**valid_answers, "q-id-number": "110105194912310021"}
    response = client.post(_step_url(application, 1), {**typed, "action": "save"})
    assert response.status_code == 302
    # when: the same citizen opens "apply" on another device
    laptop = Client()
    laptop.force_login(citizen)
    start = reverse(
        "applications:start", args=[online_service.township.slug, online_service.slug]
    )
    response = laptop.get(start, follow=True)
    # then: the same draft, with what was typed
    assert response.redirect_chain[-1][0] == _step_url(application, 1)
    assert 'value="110105194912310021"' in response.content.decode()
    assert Application.objects.filter(applicant=citizen).count() == 1
    # and sending shows the error kept from the draft
    response = _send(laptop, application)
    assert response.status_code == 200
    assert "its last character is wrong" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_submit_needs_every_required_material(
    client, citizen, online_service, valid_answers
):
    # given
    client.force_login(citizen)
    application = _start(client, online_service)
    _fill(client, application, valid_answers, material=False)
    # when
    response = _send(client, application)
    # then
    assert response.status_code == 200
    assert "Missing: ID card" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_submit_gives_a_reference_and_deadlines(
    client, citizen, online_service, valid_answers
):
    # given
    client.force_login(citizen)
    application = _start(client, online_service)
    _fill(client, application, valid_answers)
    # when
    response = _send(client, application)
    # then
    application.refresh_from_db()
    assert response.url == reverse("applications:receipt", args=[application.uuid])
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.reference.startswith("XIA-")
    assert application.deadline and application.promised_by
    assert application.promised_by <= application.deadline
    assert application.answers["id-number"] == "11010519491231002X"
    receipt = client.get(response.url).content.decode()
    assert application.reference in receipt
    assert online_service.name in receipt
    # and the answers can no longer change
    again = client.post(_step_url(application, 1), {**valid_answers, "action": "save"})
    assert again.status_code == 302
    assert again.url == reverse("applications:detail", args=[application.uuid])


def test_fee_at_the_counter_is_recorded_once(
    client,
    citizen,
    paid_service,
    valid_answers,
    township_staff,
    django_capture_on_commit_callbacks,
):
    # given: a sent application whose citizen chose to pay at the counter
    client.force_login(citizen)
    application = _start(client, paid_service)
    _fill(client, application, valid_answers)
    response = _send(client, application)
    assert response.url == reverse("applications:fee", args=[application.uuid])
    client.post(response.url, {"method": "cash"})
    application.refresh_from_db()
    payment = Payment.objects.get(reference=f"fee:{application.reference}")
    assert (payment.method, payment.amount) == (PaymentMethod.CASH, Decimal("20.00"))
    assert not payment.is_paid
    # when: the hall's staff records the cash, and the button is pressed twice
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            payment_cash_record(
                payment=payment,
                amount=Decimal("20.00"),
                receipt="R-1",
                actor=township_staff,
            )
    # then: paid once, one step on the timeline
    payment.refresh_from_db()
    assert payment.is_paid
    assert payment.events.count() == 1
    assert application.events.filter(kind=ApplicationEventKind.FEE_PAID).count() == 1
    with pytest.raises(ApplicationError):
        payment_cash_record(
            payment=payment,
            amount=Decimal("20.00"),
            receipt="R-2",
            actor=township_staff,
        )
    assert (
        "paid"
        in client.get(
            reverse("applications:receipt", args=[application.uuid])
        ).content.decode()
    )


def test_fee_by_card_is_recorded_on_the_timeline(
    client,
    citizen,
    paid_service,
    valid_answers,
    stripe_settings,
    card_payment_method,
    django_capture_on_commit_callbacks,
):
    # given
    client.force_login(citizen)
    application = _start(client, paid_service)
    _fill(client, application, valid_answers)
    _send(client, application)
    assert (
        client.get(
            reverse("applications:fee_card", args=[application.uuid])
        ).status_code
        == 200
    )
    # when: the page confirms with a card tokenised by Stripe.js
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:fee_card_confirm", args=[application.uuid]),
            {"payment_method": card_payment_method()},
        )
    # then
    assert response.status_code == 200, response.content
    application.refresh_from_db()
    payment = Payment.objects.get(reference=f"fee:{application.reference}")
    assert payment.is_paid and payment.method == PaymentMethod.CARD
    assert application.events.filter(kind=ApplicationEventKind.FEE_PAID).count() == 1


def test_my_applications_lists_only_mine_and_hides_others(
    client, citizen, other_citizen, online_service, valid_answers
):
    # given
    client.force_login(citizen)
    application = _start(client, online_service)
    _fill(client, application, valid_answers)
    _send(client, application)
    # when / then: the owner sees it, with its timeline
    listing = client.get(reverse("applications:mine")).content.decode()
    assert online_service.name in listing
    detail = client.get(reverse("applications:detail", args=[application.uuid]))
    assert detail.status_code == 200
    assert "Submitted, waiting to be accepted" in detail.content.decode()
    # another citizen: not listed, and a 404 as if it did not exist
    other = Client()
    other.force_login(other_citizen)
    assert (
        online_service.name
        not in other.get(reverse("applications:mine")).content.decode()
    )
    for name in ("detail", "receipt", "review"):
        assert (
            other.get(
                reverse(f"applications:{name}", args=[application.uuid])
            ).status_code
            == 404
        )
    response = other.post(reverse("applications:withdraw", args=[application.uuid]))
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_citizen_withdraws(client, citizen, online_service, valid_answers):
    client.force_login(citizen)
    application = _start(client, online_service)
    _fill(client, application, valid_answers)
    _send(client, application)
    # when
    client.post(reverse("applications:withdraw", args=[application.uuid]))
    # then
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def _agent_start(client, service, phone, consent="Came in person, signed the form"):
    return client.post(
        reverse("applications:agent_start", args=[service.township.slug, service.slug]),
        {"phone": phone, "consent": consent},
    )


def test_agent_files_for_a_villager_who_then_sees_it(
    client, agent, villager, online_service, valid_answers
):
    # given
    client.force_login(agent)
    # when
    response = _agent_start(client, online_service, str(villager.phone))
    application = Application.objects.get(service=online_service)
    _fill(client, application, valid_answers)
    sent = _send(client, application)
    # then
    assert response.status_code == 302
    assert sent.url == reverse("applications:receipt", args=[application.uuid])
    application.refresh_from_db()
    assert (application.applicant, application.filed_by) == (villager, agent)
    assert application.consent == "Came in person, signed the form"
    assert application.status == ApplicationStatus.SUBMITTED
    own = Client()
    own.force_login(villager)
    assert (
        application.reference in own.get(reverse("applications:mine")).content.decode()
    )
    # the agent is no applicant: /me/ stays the villager's
    assert (
        client.get(reverse("applications:detail", args=[application.uuid])).status_code
        == 404
    )


@pytest.mark.parametrize("who", ["other_township_agent", "citizen", "villager"])
def test_only_an_agent_of_the_township_files_for_villagers(
    request, client, who, villager, online_service
):
    # given
    client.force_login(request.getfixturevalue(who))
    # when
    response = _agent_start(client, online_service, str(villager.phone))
    # then
    assert response.status_code == 404
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("phone", "consent", "message"),
    [
        ("villager", "", "This field is required."),
        ("outsider", "Signed", "No villager of this township has this phone number."),
        (
            "+8613999999999",
            "Signed",
            "No villager of this township has this phone number.",
        ),
    ],
)
def test_agent_form_refuses_bad_input(
    client, agent, villager, online_service, phone, consent, message
):
    # given
    outsider = UserFactory()
    phones = {"villager": str(villager.phone), "outsider": str(outsider.phone)}
    client.force_login(agent)
    # when
    response = _agent_start(client, online_service, phones.get(phone, phone), consent)
    # then
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("value", "is_valid"),
    [
        ("11010519491231002X", True),
        ("110105194912310021", False),
        ("1101051949123100", False),
    ],
)
def test_chinese_id_number_check(value, is_valid):
    from django.core.exceptions import ValidationError

    try:
        validate_cn_id_number(value)
    except ValidationError:
        assert not is_valid
    else:
        assert is_valid


@pytest.mark.parametrize(
    ("value", "is_valid"),
    [("001203004567", True), ("999203004567", False), ("00120300456", False)],
)
def test_vietnamese_citizen_id_check(value, is_valid):
    from django.core.exceptions import ValidationError

    try:
        validate_vn_citizen_id(value)
    except ValidationError:
        assert not is_valid
    else:
        assert is_valid


def test_my_applications_page_has_a_constant_number_of_queries(
    client, citizen, township, django_assert_max_num_queries
):
    # given: five applications for five services
    for _ in range(5):
        service = PublicServiceFactory(township=township, is_online=True)
        application_draft_start(service=service, applicant=citizen, actor=citizen)
    client.force_login(citizen)
    # when / then: the layout's five (session, user, inbox, permissions) and one
    with django_assert_max_num_queries(6):
        response = client.get(reverse("applications:mine"))
    assert response.content.decode().count("Expected by") == 0
    assert response.content.decode().count('class="card"') == 5


def test_the_applicant_chooses_how_the_result_comes(client, citizen, online_service):
    # given a service that offers pickup and courier
    type(online_service).objects.filter(pk=online_service.pk).update(
        offers_e_certificate=False, offers_pickup=True, offers_courier=True
    )
    application = application_draft_start(
        service=online_service, applicant=citizen, actor=citizen
    )
    client.force_login(citizen)
    page = client.get(reverse("applications:review", args=[application.uuid]))
    assert 'name="delivery"' in page.content.decode()

    # when a way the service does not offer is asked for, then it is refused
    with pytest.raises(ApplicationError, match="ways this service gives results"):
        application_send(
            application=application, actor=citizen, answers={}, delivery="e_certificate"
        )
    application.refresh_from_db()
    assert application.status == "draft" and application.delivery == ""
