"""Local development and `make demo`: embedded services, DEBUG on, a throwaway key."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production-0123456789"
)
os.environ.setdefault(
    "HUB_SMS_BACKEND", "hub.notifications.sms.backends.console.SmsBackend"
)

# Card payments work offline against localstripe on loopback (`make demo` starts
# it); these are localstripe's made-up keys, not secrets.
os.environ.setdefault("STRIPE_API_BASE", "http://127.0.0.1:8420")
os.environ.setdefault("STRIPE_JS_URL", "http://127.0.0.1:8420/js.stripe.com/v3/")
os.environ.setdefault("STRIPE_SECRET_KEY", "sk_test_localstripe")
os.environ.setdefault("STRIPE_PUBLISHABLE_KEY", "pk_test_localstripe")

# Parcels leaving the township go with the in-memory carrier (no real post).
os.environ.setdefault("HUB_COURIERS_OUTSIDE_PROVIDER", "fake")

from .base import *  # noqa: E402,F403
