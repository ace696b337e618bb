"""pytest: embedded services unless DATABASE_URL / CELERY_BROKER_URL say otherwise."""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "test-only-insecure-key-0123456789abcdefghijklmnop"
)
os.environ.setdefault(
    "HUB_SMS_BACKEND", "hub.notifications.sms.backends.locmem.SmsBackend"
)
os.environ.setdefault(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)

# Parcels leaving the township go with the in-memory carrier (no real post).
os.environ.setdefault("HUB_COURIERS_OUTSIDE_PROVIDER", "fake")

from .base import *  # noqa: E402,F403
from .base import DATABASES, VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests change rows without the signals that clear kept pages; the page cache's
# own tests turn it on.
HUB_PAGE_CACHE_SECONDS = 0
HUB_STATS_CACHE_SECONDS = 0
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# A file, not :memory:, so that a real Celery worker started by a test sees
# the same database as the test.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("HUB_TEST_DB_NAME", str(VAR_DIR / "test.sqlite3"))
    }

# `make test` runs the suite in one pytest-xdist process per core. Each has its
# own database (pytest-django adds the worker's name), and here its own broker
# keys or queue folders and cache keys; a Celery worker that a test starts
# inherits PYTEST_XDIST_WORKER and so joins the same process's share.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if XDIST_WORKER:
    from .base import CACHES, CELERY_BROKER_TRANSPORT_OPTIONS, CELERY_BROKER_URL

    if CELERY_BROKER_URL.startswith("filesystem://"):
        CELERY_BROKER_TRANSPORT_OPTIONS = {
            **CELERY_BROKER_TRANSPORT_OPTIONS,
            **{
                key: f"{CELERY_BROKER_TRANSPORT_OPTIONS[key]}-{XDIST_WORKER}"
                for key in (
                    "data_folder_in",
                    "data_folder_out",
                    "processed_folder",
                    "control_folder",
                )
            },
        }
    else:
        CELERY_BROKER_TRANSPORT_OPTIONS = {
            **CELERY_BROKER_TRANSPORT_OPTIONS,
            "global_keyprefix": f"{XDIST_WORKER}:",
        }
    CACHES["default"]["KEY_PREFIX"] = XDIST_WORKER
    if CACHES["default"]["BACKEND"].endswith("RedisCache"):
        # Each process's cache.clear() empties its own keys, not the shared
        # database (the other process's Wagtail and throttle keys).
        CACHES["default"]["BACKEND"] = "hub.core.cache.PrefixedRedisCache"
