from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from hub.accounts.models import LoginCode, User
from hub.accounts.views import SESSION_SMS_PHONE
from tests.factories.accounts import UserFactory
from tests.hub.accounts.helpers import logged_in_user_pk, page_text

REQUEST_URL = reverse("accounts:sms_request")
VERIFY_URL = reverse("accounts:sms_verify")
NEW_PHONE = "+8613912345678"


def other_code(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_right_code_logs_in(client, citizen, request_sms_code):
    # given
    code = request_sms_code(str(citizen.phone))

    # when
    response = client.post(VERIFY_URL, {"code": code})

    # then
    assert response.status_code == 302
    assert response.url == "/"
    assert logged_in_user_pk(client) == str(citizen.pk)
    assert SESSION_SMS_PHONE not in client.session


def test_code_is_texted_to_the_number_as_typed_nationally(
    client, citizen, request_sms_code, sms_outbox
):
    # given
    typed = "139 1234 5678"

    # when
    request_sms_code(typed)

    # then
    assert sms_outbox[-1].to == NEW_PHONE
    assert client.session[SESSION_SMS_PHONE] == NEW_PHONE


def test_code_with_spaces_is_accepted(client, citizen, request_sms_code):
    # given
    code = request_sms_code(str(citizen.phone))

    # when
    client.post(VERIFY_URL, {"code": f" {code[:3]} {code[3:]} "})

    # then
    assert logged_in_user_pk(client) == str(citizen.pk)


def test_wrong_code_is_refused(client, citizen, request_sms_code):
    # given
    code = request_sms_code(str(citizen.phone))

    # when
    response = client.post(VERIFY_URL, {"code": other_code(code)})

    # then
    assert response.status_code == 200
    assert logged_in_user_pk(client) is None
    assert response.context["form"].errors == {
        "code": ["This code is not right. Check the latest SMS from us and try again."]
    }


def test_expired_code_is_refused(client, citizen, request_sms_code, settings):
    # given
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        code = request_sms_code(str(citizen.phone))
        traveller.shift(settings.SMS_CODE_TTL + timedelta(seconds=1))

        # when
        response = client.post(VERIFY_URL, {"code": code})

    # then
    assert response.status_code == 200
    assert logged_in_user_pk(client) is None
    assert "This code has expired. Please ask for a new code." in page_text(response)


def test_code_works_only_once(client, citizen, request_sms_code):
    # given
    code = request_sms_code(str(citizen.phone))
    client.post(VERIFY_URL, {"code": code})
    second_client = Client()
    session = second_client.session
    session[SESSION_SMS_PHONE] = str(citizen.phone)
    session.save()

    # when
    response = second_client.post(VERIFY_URL, {"code": code})

    # then
    assert response.status_code == 200
    assert logged_in_user_pk(second_client) is None
    assert "This code was already used. Please ask for a new code." in page_text(
        response
    )


def test_only_the_latest_code_works(client, citizen, request_sms_code):
    # given
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        first = request_sms_code(str(citizen.phone))
        traveller.shift(timedelta(seconds=61))
        second = request_sms_code(str(citizen.phone))

        # when
        client.post(VERIFY_URL, {"code": first})
        refused = logged_in_user_pk(client)
        client.post(VERIFY_URL, {"code": second})

    # then
    assert refused is None
    assert logged_in_user_pk(client) == str(citizen.pk)


def test_new_phone_gets_an_account(client, db, request_sms_code):
    # given
    code = request_sms_code(NEW_PHONE)

    # when
    response = client.post(f"{VERIFY_URL}?next=/shop/", {"code": code})

    # then
    user = User.objects.get(phone=NEW_PHONE)
    assert user.is_phone_verified is True
    assert user.has_usable_password() is False
    assert user.email is None  # no password-reset e-mail reaches the stranger
    assert user.email is None
    assert user.profile.real_name == ""
    assert logged_in_user_pk(client) == str(user.pk)
    assert response.status_code == 302
    assert response.url == "/accounts/profile/?next=%2Fshop%2F"


def test_sms_login_confirms_a_phone_given_at_signup_and_drops_its_password(
    client, db, request_sms_code
):
    # given: someone signed up with this number and a password, unconfirmed,
    # and added an e-mail of theirs (as the shop's profile page allows)
    user = UserFactory(is_phone_verified=False, email="squatter@example.org")
    code = request_sms_code(str(user.phone))

    # when: the phone's owner logs in by SMS
    client.post(VERIFY_URL, {"code": code})

    # then
    user.refresh_from_db()
    assert logged_in_user_pk(client) == str(user.pk)
    assert user.is_phone_verified is True
    assert user.has_usable_password() is False
    assert user.email is None  # no password-reset e-mail reaches the stranger


def test_invalid_phone_number_is_refused_and_kept(client, db, sms_outbox):
    # when
    response = client.post(REQUEST_URL, {"phone": "12345"})

    # then
    assert response.status_code == 200
    text = page_text(response)
    assert "This is not a mobile phone number we can send a text to." in text
    assert 'value="12345"' in text
    assert LoginCode.objects.exists() is False
    assert sms_outbox == []


def test_landline_is_refused(client, db):
    # when
    response = client.post(REQUEST_URL, {"phone": "028 8765 4321"})

    # then
    assert "phone" in response.context["form"].errors
    assert LoginCode.objects.exists() is False


def test_verify_without_a_phone_goes_back_to_step_one(client, db):
    # when
    response = client.post(f"{VERIFY_URL}?next=/shop/", {"code": "123456"})

    # then
    assert response.status_code == 302
    assert response.url == f"{REQUEST_URL}?next=%2Fshop%2F"


def test_malformed_code_is_not_counted_and_explained(client, citizen, request_sms_code):
    # given
    request_sms_code(str(citizen.phone))

    # when
    response = client.post(VERIFY_URL, {"code": "12ab"})

    # then
    assert response.context["form"].errors == {
        "code": ["Enter the 6 digits from the SMS."]
    }


def test_resend_within_interval_is_refused_without_sms(
    client, citizen, request_sms_code, django_capture_on_commit_callbacks, sms_outbox
):
    # given
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        request_sms_code(str(citizen.phone))
        traveller.shift(timedelta(seconds=30))

        # when
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(REQUEST_URL, {"phone": str(citizen.phone)})

    # then
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "phone": ["A code was just sent. Please wait 31 seconds and ask again."]
    }
    assert f'value="{citizen.phone}"' in page_text(response)
    assert len(sms_outbox) == 1


def test_hourly_cap_is_refused_without_sms(
    client,
    citizen,
    request_sms_code,
    django_capture_on_commit_callbacks,
    sms_outbox,
    settings,
):
    # given
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(settings.SMS_CODES_PER_HOUR):
            request_sms_code(str(citizen.phone))
            traveller.shift(settings.SMS_CODE_RESEND_INTERVAL + timedelta(seconds=1))

        # when
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(REQUEST_URL, {"phone": str(citizen.phone)})

    # then
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "phone": [
            "Too many codes were sent to this number. Please try again in an hour."
        ]
    }
    assert len(sms_outbox) == settings.SMS_CODES_PER_HOUR


@pytest.mark.parametrize("minutes", [5, 10])
def test_sms_says_when_the_code_expires(
    client, citizen, request_sms_code, sms_outbox, settings, minutes
):
    # given
    settings.SMS_CODE_TTL = timedelta(minutes=minutes)

    # when
    code = request_sms_code(str(citizen.phone))

    # then
    assert sms_outbox[-1].body == (
        f"Your Township Hub login code is {code}. It expires in {minutes} minutes."
    )
