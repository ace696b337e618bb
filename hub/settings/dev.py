"""Local development and `make demo`: embedded services, DEBUG on, a throwaway key."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production-0123456789"
)
os.environ.setdefault(
    "HUB_SMS_BACKEND", "hub.notifications.sms.backends.console.SmsBackend"
)

from .base import *  # noqa: E402,F403
