"""One demo, seeded twice, for every test of this package.

seed_demo takes a while: it runs once per test process for the whole package,
inside a transaction rolled back at the end, then once more to check that a
second run changes nothing (snapshots.ALL, read in between). Its files (photos,
certificates, demo-accounts.json) stay in one temporary folder meanwhile.
"""

from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

import pytest

from . import snapshots


@dataclass(frozen=True)
class Demo:
    var: Path
    first: dict

    def unchanged(self, snapshot) -> bool:
        """Whether the second run left this part as the first run made it."""
        return snapshot() == self.first[snapshot.__name__]


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Demo:
    root = tmp_path_factory.mktemp("demo")
    folders = {
        "VAR_DIR": root,
        "MEDIA_ROOT": root / "media",
        "PRIVATE_MEDIA_ROOT": root / "private",
        "SMS_FILE_PATH": root / "sms",
    }
    with django_db_blocker.unblock(), override_settings(**folders):
        with transaction.atomic():
            call_command("seed_demo")
            first = {snapshot.__name__: snapshot() for snapshot in snapshots.ALL}
            call_command("seed_demo")
            yield Demo(var=root, first=first)
            transaction.set_rollback(True)
        cache.clear()  # e.g. Wagtail's site root paths, of pages now gone


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """The seeded files stay in the demo's folder (tests/conftest.py's own
    fixture would point every test at an empty one)."""
