from django.urls import reverse

import pytest

from hub.accounts.models import User
from tests.hub.accounts.helpers import logged_in_user_pk, page_text

SIGNUP_URL = reverse("accounts:signup")
PASSWORD = "bamboo shoots 2024"


def signup_data(**overrides) -> dict:
    data = {
        "real_name": "王小梅",
        "email": "xiaomei@example.org",
        "phone": "",
        "password": PASSWORD,
        "password_again": PASSWORD,
    }
    data.update(overrides)
    return data


def test_signs_up_with_email_and_logs_in(client, db):
    # when
    response = client.post(SIGNUP_URL, signup_data(email="XiaoMei@Example.org"))

    # then
    user = User.objects.get(email="xiaomei@example.org")
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert logged_in_user_pk(client) == str(user.pk)
    assert user.profile.real_name == "王小梅"
    assert user.phone is None
    assert user.check_password(PASSWORD)


def test_signs_up_with_phone_which_stays_unverified(client, db):
    # when
    client.post(SIGNUP_URL, signup_data(email="", phone="139 1234 5678"))

    # then
    user = User.objects.get(phone="+8613912345678")
    assert user.email is None
    assert user.is_phone_verified is False
    assert logged_in_user_pk(client) == str(user.pk)


def test_follows_safe_next_only(client, db):
    # when
    response = client.post(f"{SIGNUP_URL}?next=https://evil.example/", signup_data())

    # then
    assert response.url == reverse("accounts:profile")


def test_duplicate_email_is_refused_and_input_kept(client, citizen):
    # given
    typed = citizen.email.upper()

    # when
    response = client.post(SIGNUP_URL, signup_data(email=typed))

    # then
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["An account with this e-mail address already exists. Please log in."]
    }
    text = page_text(response)
    assert 'value="王小梅"' in text
    assert f'value="{typed}"' in text
    assert PASSWORD not in text
    assert User.objects.count() == 1
    assert logged_in_user_pk(client) is None


def test_duplicate_phone_is_refused(client, citizen):
    # given
    typed = str(citizen.phone).removeprefix("+86")

    # when
    response = client.post(SIGNUP_URL, signup_data(email="", phone=typed))

    # then
    assert response.context["form"].errors == {
        "phone": ["An account with this phone number already exists. Please log in."]
    }
    assert User.objects.count() == 1


def test_mismatched_passwords_are_refused(client, db):
    # when
    response = client.post(SIGNUP_URL, signup_data(password_again="bamboo shoots 2025"))

    # then
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "password_again": ["The two passwords are not the same."]
    }
    assert 'value="xiaomei@example.org"' in page_text(response)
    assert User.objects.exists() is False


def test_neither_email_nor_phone_is_refused(client, db):
    # when
    response = client.post(SIGNUP_URL, signup_data(email="", phone=""))

    # then
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Give an e-mail address or a mobile phone number."
    ]
    assert 'value="王小梅"' in page_text(response)
    assert User.objects.exists() is False


@pytest.mark.parametrize(
    ("password", "message"),
    [
        (
            "short1",
            "This password is too short. It must contain at least 8 characters.",
        ),
        ("password123", "This password is too common."),
        ("83917265401", "This password is entirely numeric."),
    ],
)
def test_weak_password_is_refused(client, db, password, message):
    # when
    response = client.post(
        SIGNUP_URL, signup_data(password=password, password_again=password)
    )

    # then
    assert message in response.context["form"].errors["password"]
    assert User.objects.exists() is False


def test_invalid_phone_is_refused_and_kept(client, db):
    # when
    response = client.post(SIGNUP_URL, signup_data(email="", phone="12345"))

    # then
    assert list(response.context["form"].errors) == ["phone"]
    assert 'value="12345"' in page_text(response)
    assert User.objects.exists() is False
