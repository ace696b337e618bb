from django.urls import reverse

import pytest

from tests.factories.accounts import DEFAULT_PASSWORD
from tests.hub.accounts.helpers import logged_in_user_pk, page_text

LOGIN_URL = reverse("accounts:login")
WRONG_CREDENTIALS = (
    "The phone number or e-mail, or the password, is not right. "
    "Please check and try again."
)


def national(phone) -> str:
    """ "+8613800000001" as a villager types it: "13800000001"."""
    return str(phone).removeprefix("+86")


@pytest.mark.parametrize(
    "typed",
    [
        lambda user: str(user.phone),
        lambda user: national(user.phone),
        lambda user: " ".join(
            [
                national(user.phone)[:3],
                national(user.phone)[3:7],
                national(user.phone)[7:],
            ]
        ),
        lambda user: f"+86 {national(user.phone)}",
    ],
    ids=["e164", "national", "spaced", "plus86-spaced"],
)
def test_logs_in_with_phone_and_password(client, citizen, typed):
    # given
    identifier = typed(citizen)

    # when
    response = client.post(
        LOGIN_URL, {"username": identifier, "password": DEFAULT_PASSWORD}
    )

    # then
    assert response.status_code == 302
    assert response.url == "/"
    assert logged_in_user_pk(client) == str(citizen.pk)


def test_logs_in_with_email_in_any_case(client, citizen):
    # given
    typed = f"  {citizen.email.upper()} "

    # when
    response = client.post(LOGIN_URL, {"username": typed, "password": DEFAULT_PASSWORD})

    # then
    assert response.status_code == 302
    assert logged_in_user_pk(client) == str(citizen.pk)


def test_wrong_password_shows_message_and_keeps_identifier(client, citizen):
    # given
    typed = national(citizen.phone)

    # when
    response = client.post(
        LOGIN_URL, {"username": typed, "password": "not the password"}
    )

    # then
    assert response.status_code == 200
    assert logged_in_user_pk(client) is None
    text = page_text(response)
    assert WRONG_CREDENTIALS in text
    assert f'value="{typed}"' in text
    assert "not the password" not in text


def test_unknown_identifier_gets_the_same_message(client, db):
    # when
    response = client.post(
        LOGIN_URL, {"username": "nobody@example.org", "password": DEFAULT_PASSWORD}
    )

    # then
    assert response.status_code == 200
    assert WRONG_CREDENTIALS in page_text(response)
    assert logged_in_user_pk(client) is None


def test_empty_form_says_what_is_missing(client, db):
    # when
    response = client.post(LOGIN_URL, {"username": "", "password": ""})

    # then
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "username": ["This field is required."],
        "password": ["This field is required."],
    }


def test_inactive_user_cannot_log_in(client, citizen):
    # given
    citizen.is_active = False
    citizen.save()

    # when
    response = client.post(
        LOGIN_URL, {"username": citizen.email, "password": DEFAULT_PASSWORD}
    )

    # then
    assert WRONG_CREDENTIALS in page_text(response)
    assert logged_in_user_pk(client) is None


def test_follows_next_on_this_site(client, citizen):
    # when
    response = client.post(
        f"{LOGIN_URL}?next=/shop/basket/",
        {"username": citizen.email, "password": DEFAULT_PASSWORD},
    )

    # then
    assert response.status_code == 302
    assert response.url == "/shop/basket/"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "https:///evil.example/"],
)
def test_does_not_follow_next_to_another_site(client, citizen, next_url):
    # given
    page = client.get(LOGIN_URL, {"next": next_url})

    # when
    response = client.post(
        LOGIN_URL,
        {"username": citizen.email, "password": DEFAULT_PASSWORD, "next": next_url},
    )

    # then
    assert page.context["next"] == ""
    assert response.status_code == 302
    assert response.url == "/"
    assert logged_in_user_pk(client) == str(citizen.pk)


def test_login_page_links_to_sms_login_and_signup(client, db):
    # when
    response = client.get(LOGIN_URL)

    # then
    text = page_text(response)
    assert 'name="username"' in text
    assert reverse("accounts:sms_request") in text
    assert reverse("accounts:signup") in text


def test_logout_needs_post(client, citizen):
    # given
    client.force_login(citizen)

    # when
    get_response = client.get(reverse("accounts:logout"))
    post_response = client.post(reverse("accounts:logout"))

    # then
    assert get_response.status_code == 405
    assert post_response.status_code == 302
    assert logged_in_user_pk(client) is None
