"""Accounts through the API: SMS login and sign-up, sign-up with a password,
and the caller's profile, by the web's forms and rules."""

import re

from django.urls import reverse

import pytest
from knox.models import AuthToken

from hub.accounts.models import User
from hub.accounts.selectors import profile_get_for_user
from tests.factories.accounts import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PHONE = "+8613912345678"
PROFILE = reverse("api:profile")


def _fields(response) -> set:
    return {error["field"] for error in response.json()["errors"]}


@pytest.fixture
def texted(api_client, celery_eager, django_capture_on_commit_callbacks, sms_outbox):
    """Ask for a code through the API; return the code the SMS carried."""

    def ask(phone: str) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            response = api_client.post(reverse("api:sms-request"), {"phone": phone})
        assert response.status_code == 202, response.content
        assert sms_outbox[-1].to == phone
        return re.search(r"\b(\d{6})\b", sms_outbox[-1].body).group(1)

    return ask


def test_a_new_number_signs_up_with_the_sms_code_and_gets_a_token(api_client, texted):
    code = texted(NEW_PHONE)

    response = api_client.post(
        reverse("api:sms-verify"), {"phone": NEW_PHONE, "code": code}
    )

    assert response.status_code == 200, response.json()
    user = User.objects.get(phone=NEW_PHONE)
    assert AuthToken.objects.filter(user=user).count() == 1
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert api_client.get(PROFILE).json()["phone"] == NEW_PHONE


def test_a_wrong_or_used_code_is_refused_and_says_why(api_client, texted, citizen):
    phone = str(citizen.phone)
    code = texted(phone)
    wrong = "000000" if code != "000000" else "111111"
    verify = reverse("api:sms-verify")

    refused = api_client.post(verify, {"phone": phone, "code": wrong})
    assert refused.status_code == 400
    assert "not right" in refused.json()["errors"][0]["message"]
    assert api_client.post(verify, {"phone": phone, "code": code}).status_code == 200
    again = api_client.post(verify, {"phone": phone, "code": code})
    assert again.status_code == 400
    assert "already used" in again.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"phone": "12345"}, "phone"),
        ({"phone": NEW_PHONE, "code": "12ab56"}, "code"),
        ({"code": "123456"}, "phone"),
    ],
)
def test_sms_steps_refuse_bad_input(api_client, sms_outbox, body, field):
    url = reverse("api:sms-verify" if "code" in body else "api:sms-request")
    response = api_client.post(url, body)
    assert response.status_code == 400
    assert _fields(response) == {field}
    assert sms_outbox == []
    assert not User.objects.exists()


def test_signup_with_a_password_then_log_in(api_client):
    response = api_client.post(
        reverse("api:signup"),
        {
            "real_name": "Chen Lan",
            "email": "Lan@Example.org",
            "password": "bamboo-shoots-2026",
            "password_again": "bamboo-shoots-2026",
        },
    )

    assert response.status_code == 201, response.json()
    user = User.objects.get(email="lan@example.org")
    assert profile_get_for_user(user=user).real_name == "Chen Lan"
    login = api_client.post(
        reverse("api:login"),
        {"username": "lan@example.org", "password": "bamboo-shoots-2026"},
    )
    assert login.status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "taken@example.org"}, "email"),
        ({"password_again": "something-else-2026"}, "password_again"),
        ({"password": "123", "password_again": "123"}, "password"),
        ({"email": "", "phone": ""}, None),
        ({"real_name": ""}, "real_name"),
    ],
)
def test_signup_refuses_bad_input(api_client, change, field):
    User.objects.create_user(email="taken@example.org", password=DEFAULT_PASSWORD)
    body = {
        "real_name": "Chen Lan",
        "email": "new@example.org",
        "password": "bamboo-shoots-2026",
        "password_again": "bamboo-shoots-2026",
    } | change

    response = api_client.post(reverse("api:signup"), body)

    assert response.status_code == 400
    assert field in _fields(response)
    assert User.objects.count() == 1


def test_profile_is_read_and_changed(token_client, citizen, township):
    client = token_client(citizen)

    response = client.patch(
        PROFILE,
        {"township": township.slug, "village": "Yangping", "preferred_language": "vi"},
    )

    assert response.status_code == 200, response.json()
    assert response.json()["township"] == township.slug
    profile = profile_get_for_user(user=citizen)
    assert (profile.township, profile.village, profile.preferred_language) == (
        township,
        "Yangping",
        "vi",
    )
    assert client.get(PROFILE).json()["village"] == "Yangping"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"township": "nowhere"}, "township"),
        ({"real_name": ""}, "real_name"),
        ({"preferred_language": "fr"}, "preferred_language"),
    ],
)
def test_profile_refuses_bad_input_and_keeps_what_was_there(
    token_client, citizen, township, change, field
):
    client = token_client(citizen)
    before = client.get(PROFILE).json()

    response = client.patch(PROFILE, change)

    assert response.status_code == 400
    assert _fields(response) == {field}
    assert client.get(PROFILE).json() == before


def test_profile_needs_a_token(api_client):
    assert api_client.get(PROFILE).status_code == 401
