"""`make bench` (bench/run.py): the production settings, served on loopback.

Relaxed only where loopback needs it: plain HTTP (no SSL redirect, HSTS or secure
cookies), hosts 127.0.0.1 and localhost, a throwaway secret key unless one is
given, and the API's per-caller throttle lifted, since every request of the
benchmark comes from one address. The cache is on Redis (a database of the
benchmark's own by default). On top: the bare view that is the benchmark's
ceiling, at /bench/bare/, each response's SQL query count in the
X-Bench-Queries header, and requests with the cookie bench=cold served as to
the first visitor after a change.
"""

import os

os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("DJANGO_CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_PRELOAD", "false")
os.environ.setdefault("DJANGO_BEHIND_TLS_PROXY", "false")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault(
    "DJANGO_SECRET_KEY", "bench-only-throwaway-key-for-loopback-0123456789abcdefghij"
)
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/12")
# Per second, so that DRF's history of recent requests stays short.
os.environ.setdefault("HUB_API_THROTTLE_ANON", "1000000/second")
os.environ.setdefault("HUB_API_THROTTLE_USER", "1000000/second")

from .production import *  # noqa: E402,F403
from .production import MIDDLEWARE  # noqa: E402

ROOT_URLCONF = "hub.bench_urls"
# First, so that the count includes every middleware's queries.
MIDDLEWARE = [
    "hub.core.bench.QueryCountMiddleware",
    "hub.core.bench.ColdMiddleware",
    *MIDDLEWARE,
]
