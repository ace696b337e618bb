import json

import pytest

from hub.accounts.constants import Role
from townships.core.models import Township

from . import snapshots

pytestmark = pytest.mark.django_db

EXPECTED_ROLES = {role.value for role in Role} - {"logistics"}


def test_seed_demo_twice_gives_the_same_counts(demo):
    assert demo.unchanged(snapshots.accounts_and_places)
    assert demo.first["accounts_and_places"]["Township"] == 3


def test_seed_demo_writes_a_login_for_every_role(demo):
    accounts = json.loads((demo.var / "demo-accounts.json").read_text())
    assert {a["role"] for a in accounts} >= EXPECTED_ROLES
    assert all(set(a) == {"role", "township", "login", "password"} for a in accounts)
    assert {a["township"] for a in accounts} >= {"xiaoyudong", "huaqiao", "mau-son"}


def test_demo_townships_are_the_places_this_is_for(demo):
    names = set(Township.objects.values_list("name_en", flat=True))
    assert names == {"Xiaoyudong Town", "Huaqiao Town", "Mau Son Commune"}
    assert Township.objects.get(slug="mau-son").country == "VN"
