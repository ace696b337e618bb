import json

from django.contrib.auth.models import Group
from django.core.management import call_command

import pytest
from wagtail.models import GroupPagePermission, Page

from hub.accounts.constants import Role
from hub.accounts.models import Profile, User
from townships.core.models import Department, Membership, Township

pytestmark = pytest.mark.django_db

EXPECTED_ROLES = {role.value for role in Role} - {"logistics"}


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Township,
            Department,
            Membership,
            User,
            Profile,
            Group,
            Page,
            GroupPagePermission,
        )
    }


def test_seed_demo_twice_gives_the_same_counts(settings, tmp_path):
    # given
    settings.VAR_DIR = tmp_path
    call_command("seed_demo")
    first = _counts()
    # when
    call_command("seed_demo")
    # then
    assert _counts() == first
    assert first["Township"] == 3


def test_seed_demo_writes_a_login_for_every_role(settings, tmp_path, client):
    # given
    settings.VAR_DIR = tmp_path
    # when
    call_command("seed_demo")
    # then
    accounts = json.loads((tmp_path / "demo-accounts.json").read_text())
    assert {a["role"] for a in accounts} >= EXPECTED_ROLES
    assert all(set(a) == {"role", "township", "login", "password"} for a in accounts)
    assert {a["township"] for a in accounts} >= {"xiaoyudong", "huaqiao", "mau-son"}


def test_demo_townships_are_the_places_this_is_for():
    call_command("seed_demo")
    names = set(Township.objects.values_list("name_en", flat=True))
    assert names == {"Xiaoyudong Town", "Huaqiao Town", "Mau Son Commune"}
    assert Township.objects.get(slug="mau-son").country == "VN"
