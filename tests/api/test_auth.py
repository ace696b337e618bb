"""Token login, logout and expiry; wrong passwords lock like the web login;
one error format, in the caller's language."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import translation

import pytest
import time_machine
from knox.models import AuthToken

from tests.factories.accounts import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("api:login")
ORDERS = reverse("api:order-list")


def _login(client, username, password=DEFAULT_PASSWORD, **extra):
    return client.post(
        LOGIN, {"username": username, "password": password}, format="json", **extra
    )


def test_logs_in_with_phone_and_uses_the_token(api_client, citizen):
    # when
    response = _login(api_client, str(citizen.phone))
    # then
    assert response.status_code == 200
    assert AuthToken.objects.filter(user=citizen).exists()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.data['token']}")
    assert api_client.get(ORDERS).status_code == 200


def test_logs_in_with_email_any_case(api_client, citizen):
    response = _login(api_client, citizen.email.upper())
    assert response.status_code == 200
    assert response.data["expiry"] is not None


def test_each_login_is_its_own_token(api_client, citizen):
    _login(api_client, citizen.email)
    _login(api_client, citizen.email)
    assert AuthToken.objects.filter(user=citizen).count() == 2


def test_logout_revokes_only_that_token(token_client, citizen):
    # given
    phone, tablet = token_client(citizen), token_client(citizen)
    # when
    response = phone.post(reverse("api:logout"))
    # then
    assert response.status_code == 204
    assert phone.get(ORDERS).status_code == 401
    assert tablet.get(ORDERS).status_code == 200


def test_logout_all_revokes_every_token(token_client, citizen, other_citizen):
    # given
    phone, tablet = token_client(citizen), token_client(citizen)
    other = token_client(other_citizen)
    # when
    response = phone.post(reverse("api:logout-all"))
    # then
    assert response.status_code == 204
    assert not AuthToken.objects.filter(user=citizen).exists()
    assert tablet.get(ORDERS).status_code == 401
    assert other.get(ORDERS).status_code == 200


def test_refuses_an_expired_token(token_client, citizen):
    # given
    client = token_client(citizen)
    ttl = settings.REST_KNOX["TOKEN_TTL"]
    # when
    with time_machine.travel(ttl + timedelta(minutes=1)):
        response = client.get(ORDERS)
    # then
    assert response.status_code == 401
    assert not AuthToken.objects.filter(user=citizen).exists()


def test_refuses_a_made_up_token(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token " + "a" * 64)
    response = api_client.get(ORDERS)
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "authentication_failed"


def test_anonymous_is_asked_to_authenticate_in_the_error_format(api_client):
    response = api_client.get(ORDERS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "errors": [
            {
                "field": None,
                "message": "Authentication credentials were not provided.",
                "code": "not_authenticated",
            }
        ]
    }


def test_wrong_password_is_refused_without_a_token(api_client, citizen):
    response = _login(api_client, citizen.email, "not the password")
    assert response.status_code == 401
    assert response.json()["errors"] == [
        {
            "field": None,
            "message": (
                "The phone number or e-mail, or the password, is not right. "
                "Please check and try again."
            ),
            "code": "invalid_credentials",
        }
    ]
    assert not AuthToken.objects.exists()


def test_wrong_passwords_lock_the_identifier_for_api_and_web(
    api_client, client, citizen
):
    # given: the limit minus one wrong passwords, by phone and by e-mail alike
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert _login(api_client, str(citizen.phone), "wrong").status_code == 401
    # when: the last wrong one
    locking = _login(api_client, str(citizen.phone), "wrong")
    # then: locked, in the API's format; the right password is refused too
    assert locking.status_code == 429
    assert locking.json()["errors"][0]["code"] == "locked_out"
    right = _login(api_client, str(citizen.phone))
    assert right.status_code == 429
    assert not AuthToken.objects.exists()
    web = client.post(
        reverse("accounts:login"),
        {"username": str(citizen.phone), "password": DEFAULT_PASSWORD},
    )
    assert web.status_code == 429
    assert "_auth_user_id" not in client.session


def test_web_failures_count_toward_the_api_lock(api_client, client, citizen):
    # given
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"),
            {"username": str(citizen.phone), "password": "wrong"},
        )
    # when
    response = _login(api_client, str(citizen.phone))
    # then
    assert response.status_code == 429


def test_a_success_clears_earlier_failures(api_client, citizen):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(api_client, citizen.email, "wrong")
    assert _login(api_client, citizen.email).status_code == 200
    assert _login(api_client, citizen.email, "wrong").status_code == 401


def test_field_errors_name_the_field(api_client):
    response = api_client.post(LOGIN, {"username": "x"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "field": "password",
                "message": "This field is required.",
                "code": "required",
            }
        ]
    }


def test_messages_are_in_the_callers_language(api_client):
    # given
    with translation.override("zh-hans"):
        chinese = translation.gettext("This field is required.")
    assert chinese != "This field is required."
    # when
    response = api_client.post(
        LOGIN, {"username": "x"}, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    # then
    assert response.json()["errors"][0]["message"] == chinese
    assert response["Content-Language"] == "zh-hans"


def test_an_unknown_api_path_is_a_404_in_the_error_format(api_client):
    response = api_client.delete("/api/v1/nowhere/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_a_body_that_is_not_an_object_is_a_400(api_client):
    response = api_client.post(LOGIN, ["username"], format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] is None
