"""Shared pytest setup: fixtures come from tests/fixtures/<domain>.py."""

import pytest

pytest_plugins = [
    "tests.fixtures.core",
    "tests.fixtures.accounts",
    "tests.fixtures.townships",
    "tests.fixtures.notices",
    "tests.fixtures.services",
    "tests.fixtures.browser",
    "tests.fixtures.shop",
    "tests.fixtures.payments",
    "tests.fixtures.couriers",
    "tests.fixtures.api",
    "tests.fixtures.consultations",
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads of a test go to a temp dir, never to the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.SMS_FILE_PATH = tmp_path / "sms"
