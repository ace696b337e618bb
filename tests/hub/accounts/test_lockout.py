from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import time_machine

from tests.factories.accounts import DEFAULT_PASSWORD
from tests.hub.accounts.helpers import logged_in_user_pk, page_text

LOGIN_URL = reverse("accounts:login")
VERIFY_URL = reverse("accounts:sms_verify")
LOCKED_OUT = "Too many wrong attempts"


def fail_password(client, identifier: str, times: int):
    response = None
    for _ in range(times):
        response = client.post(
            LOGIN_URL, {"username": identifier, "password": "wrong password"}
        )
    return response


def test_right_password_is_refused_after_too_many_wrong_ones(client, citizen, settings):
    # given
    last_wrong = fail_password(client, citizen.email, settings.AXES_FAILURE_LIMIT)

    # when
    response = client.post(
        LOGIN_URL, {"username": citizen.email, "password": DEFAULT_PASSWORD}
    )

    # then
    assert last_wrong.status_code == 429
    assert response.status_code == 429
    assert logged_in_user_pk(client) is None
    text = page_text(response)
    assert LOCKED_OUT in text
    assert "Please try again in 15 minutes." in text


def test_phone_typed_differently_counts_against_the_same_lock(
    client, citizen, settings
):
    # given
    national = str(citizen.phone).removeprefix("+86")
    fail_password(client, str(citizen.phone), settings.AXES_FAILURE_LIMIT - 1)
    fail_password(client, national, 1)

    # when
    response = client.post(
        LOGIN_URL, {"username": national, "password": DEFAULT_PASSWORD}
    )

    # then
    assert response.status_code == 429
    assert logged_in_user_pk(client) is None


def test_right_password_works_again_after_the_cool_off(client, citizen, settings):
    # given
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        fail_password(client, citizen.email, settings.AXES_FAILURE_LIMIT)
        traveller.shift(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))

        # when
        response = client.post(
            LOGIN_URL, {"username": citizen.email, "password": DEFAULT_PASSWORD}
        )

    # then
    assert response.status_code == 302
    assert logged_in_user_pk(client) == str(citizen.pk)


def test_still_locked_just_before_the_cool_off_ends(client, citizen, settings):
    # given
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        fail_password(client, citizen.email, settings.AXES_FAILURE_LIMIT)
        traveller.shift(settings.AXES_COOLOFF_TIME - timedelta(seconds=5))

        # when
        response = client.post(
            LOGIN_URL, {"username": citizen.email, "password": DEFAULT_PASSWORD}
        )

    # then
    assert response.status_code == 429
    assert logged_in_user_pk(client) is None


def test_lockout_of_one_identifier_does_not_lock_another(
    client, citizen, other_citizen, settings
):
    # given
    fail_password(client, str(citizen.phone), settings.AXES_FAILURE_LIMIT)

    # when
    response = client.post(
        LOGIN_URL, {"username": str(other_citizen.phone), "password": DEFAULT_PASSWORD}
    )

    # then
    assert response.status_code == 302
    assert logged_in_user_pk(client) == str(other_citizen.pk)


def test_login_by_phone_clears_the_phone_failures(client, citizen, settings):
    # given
    phone = str(citizen.phone)
    fail_password(client, phone, settings.AXES_FAILURE_LIMIT - 1)
    client.post(LOGIN_URL, {"username": phone, "password": DEFAULT_PASSWORD})
    client.post(reverse("accounts:logout"))
    fail_password(client, phone, settings.AXES_FAILURE_LIMIT - 1)

    # when
    response = client.post(LOGIN_URL, {"username": phone, "password": DEFAULT_PASSWORD})

    # then
    assert response.status_code == 302
    assert logged_in_user_pk(client) == str(citizen.pk)


def test_right_code_is_refused_after_too_many_wrong_codes(
    client, citizen, request_sms_code, settings
):
    # given
    code = request_sms_code(str(citizen.phone))
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        last_wrong = client.post(VERIFY_URL, {"code": wrong})

    # when
    response = client.post(VERIFY_URL, {"code": code})

    # then
    assert last_wrong.status_code == 429
    assert response.status_code == 429
    assert LOCKED_OUT in page_text(response)
    assert logged_in_user_pk(client) is None


def test_wrong_codes_lock_password_login_of_the_same_phone(
    client, citizen, request_sms_code, settings
):
    # given
    code = request_sms_code(str(citizen.phone))
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(VERIFY_URL, {"code": wrong})

    # when
    response = client.post(
        LOGIN_URL, {"username": str(citizen.phone), "password": DEFAULT_PASSWORD}
    )

    # then
    assert response.status_code == 429
    assert logged_in_user_pk(client) is None


def test_locked_out_phone_gets_no_new_code(client, citizen, settings, sms_outbox):
    # given
    fail_password(client, str(citizen.phone), settings.AXES_FAILURE_LIMIT)

    # when
    response = client.post(
        reverse("accounts:sms_request"), {"phone": str(citizen.phone)}
    )

    # then
    assert response.status_code == 429
    assert LOCKED_OUT in page_text(response)
    assert sms_outbox == []


def test_login_by_sms_code_clears_the_phone_failures(
    client, citizen, request_sms_code, settings
):
    # given
    phone = str(citizen.phone)
    code = request_sms_code(phone)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(VERIFY_URL, {"code": f"{(int(code) + 1) % 10**6:06d}"})
    client.post(VERIFY_URL, {"code": code})
    client.post(reverse("accounts:logout"))
    fail_password(client, phone, settings.AXES_FAILURE_LIMIT - 1)

    # when
    response = client.post(LOGIN_URL, {"username": phone, "password": DEFAULT_PASSWORD})

    # then
    assert response.status_code == 302
    assert logged_in_user_pk(client) == str(citizen.pk)
