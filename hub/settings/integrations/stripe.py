"""Stripe: keys only from the environment.

The demo and the tests point the stripe library at localstripe on loopback
(STRIPE_API_BASE); production leaves STRIPE_API_BASE unset.
"""

from ..env import env

STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
STRIPE_JS_URL = env.str("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
STRIPE_TIMEOUT_SECONDS = env.int("STRIPE_TIMEOUT_SECONDS", default=20)
