"""Production: DEBUG off, HTTPS only, every secret from the environment.

Refuses to start without DJANGO_SECRET_KEY (base.py reads it with no default)
and with DEBUG on.
"""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "true")
os.environ.setdefault("DJANGO_SESSION_COOKIE_SECURE", "true")
os.environ.setdefault("DJANGO_CSRF_COOKIE_SECURE", "true")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
os.environ.setdefault("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
os.environ.setdefault("DJANGO_SECURE_HSTS_PRELOAD", "true")
os.environ.setdefault("DJANGO_BEHIND_TLS_PROXY", "true")

from .base import *  # noqa: E402,F403
from .base import DEBUG, SECRET_KEY  # noqa: E402

if DEBUG:
    raise ImproperlyConfigured("hub.settings.production refuses to run with DEBUG on.")
if "insecure" in SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be a real secret of at least 50 characters."
    )
