from django.test import RequestFactory

import pytest

from hub.accounts.identifiers import axes_username, normalize_identifier


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("13800138000", "+8613800138000"),
        (" 138 0013 8000 ", "+8613800138000"),
        ("+86 138-0013-8000", "+8613800138000"),
        (" Ann@Example.ORG ", "ann@example.org"),
        ("not a number", "not a number"),
    ],
)
def test_normalize_identifier(typed, canonical):
    # when
    result = normalize_identifier(typed)

    # then
    assert result == canonical


def test_axes_username_prefers_what_the_login_view_saw():
    # given: a successful login, where axes passes the account's e-mail
    request = RequestFactory().post("/accounts/sms/verify/", {"code": "123456"})
    request.login_identifier = "138 0013 8000"

    # when
    username = axes_username(request, {"email": "ann@example.org"})

    # then
    assert username == "+8613800138000"


def test_axes_username_reads_the_key_axes_backend_uses(settings):
    # given: AxesStandaloneBackend keys credentials by AXES_USERNAME_FORM_FIELD
    request = RequestFactory().post("/accounts/sms/verify/", {"code": "123456"})
    field = settings.AXES_USERNAME_FORM_FIELD

    # when
    username = axes_username(request, {field: "13800138000", "sms_code": "123456"})

    # then
    assert username == "+8613800138000"


def test_axes_username_falls_back_to_the_posted_username():
    # given: another login form (Django or Wagtail admin)
    request = RequestFactory().post("/cms/login/", {"username": "13800138000"})

    # when
    username = axes_username(request, None)

    # then
    assert username == "+8613800138000"
