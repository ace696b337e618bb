"""All settings, read from the environment with safe embedded defaults.

dev.py, test.py and production.py only seed environment defaults and override a
few values; everything that exists is declared here. Integrations (Celery, Oscar,
Wagtail, Stripe) live in ``integrations/`` and are imported at the end.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import BASE_DIR, VAR_DIR, env

# --- Core -------------------------------------------------------------------
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_ID = 1
ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Public base URL used in messages sent outside a request (SMS, e-mail, QR codes).
HUB_BASE_URL = env.str("HUB_BASE_URL", default="http://127.0.0.1:8000")

# --- Applications -----------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
]
OSCAR_APPS = [
    "shop.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
]
WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]
THIRD_PARTY_APPS = [
    "axes",
    "phonenumber_field",
    # The REST API (settings in integrations/api.py).
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]
LOCAL_APPS = [
    "hub.core.apps.CoreConfig",
    "hub.accounts.apps.AccountsConfig",
    "hub.notifications.apps.NotificationsConfig",
    "hub.payments.apps.PaymentsConfig",
    "hub.couriers.apps.CouriersConfig",
    "townships.core.apps.TownshipsConfig",
    "townships.public_services.apps.PublicServicesConfig",
    "townships.applications.apps.ApplicationsConfig",
    "townships.consultations.apps.ConsultationsConfig",
    "cms.core.apps.CmsCoreConfig",
    "cms.pages.apps.PagesConfig",
    "cms.transparency.apps.TransparencyConfig",
]
INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS + OSCAR_APPS + WAGTAIL_APPS + THIRD_PARTY_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Inside CSRF (it sets the cookie a kept page's tokens need), after Locale.
    "hub.core.page_cache.PublicPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a locked-out login is answered before the view runs.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.media",
                "django.template.context_processors.static",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
                "hub.core.context_processors.site_chrome",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------
# The embedded default is a SQLite file under var/. WAL lets readers run beside
# one writer; IMMEDIATE takes the write lock at BEGIN so that a read-then-write
# transaction waits (busy timeout) instead of failing with "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
    ),
}
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        **SQLITE_OPTIONS,
        **DATABASES["default"].get("OPTIONS", {}),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False

# --- Cache ------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages kept whole for visitors who are not logged in (hub/core/page_cache.py),
# forgotten on any change to what they show, and at the latest after this long.
# 0 turns it off.
HUB_PAGE_CACHE_SECONDS = env.int("HUB_PAGE_CACHE_SECONDS", default=600)

# --- Accounts and authentication -------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Refuses any attempt for an identifier that is locked out (cool-off below).
    "axes.backends.AxesStandaloneBackend",
    "hub.accounts.backends.PhoneOrEmailPasswordBackend",
    "hub.accounts.backends.SmsCodeBackend",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
PHONENUMBER_DEFAULT_REGION = env.str("HUB_PHONE_DEFAULT_REGION", default="CN")
# Transparency figures (/stats/): a township or department with fewer cases than
# this shows "too few cases" and is not ranked; figures cover this many months.
HUB_STATS_MIN_SAMPLE = env.int("HUB_STATS_MIN_SAMPLE", default=5)
HUB_STATS_MONTHS = env.int("HUB_STATS_MONTHS", default=12)
# How long computed figures are kept (cms/transparency/selectors.py); 0: never.
HUB_STATS_CACHE_SECONDS = env.int("HUB_STATS_CACHE_SECONDS", default=600)
PHONENUMBER_DB_FORMAT = "E164"

# Lockout after repeated wrong passwords or SMS codes: per identifier (phone or
# e-mail), not per IP, because a whole village often shares one carrier-NAT IP.
# The lock lifts by itself after the cool-off period.
AXES_FAILURE_LIMIT = env.int("HUB_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("HUB_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "hub.accounts.identifiers.axes_username"
# Never keep a typed identifier, password or SMS code in the attempt log.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "code", "sms_code"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
SILENCED_SYSTEM_CHECKS = [
    # Asks to lock by IP as well; we deliberately do not (see above).
    "axes.W006",
    # Asks for X_FRAME_OPTIONS = "DENY"; Wagtail's live preview frames our own
    # pages, so SAMEORIGIN (set below) is needed.
    "security.W019",
]

# One-time SMS login codes.
SMS_CODE_TTL = timedelta(minutes=env.int("HUB_SMS_CODE_TTL_MINUTES", default=10))
SMS_CODE_RESEND_INTERVAL = timedelta(seconds=60)
SMS_CODES_PER_HOUR = 5

# --- Messages out: e-mail and SMS -----------------------------------------------
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="hub@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Same shape as Django's EMAIL_BACKEND: console, file, locmem, or a provider.
SMS_BACKEND = env.str(
    "HUB_SMS_BACKEND", default="hub.notifications.sms.backends.console.SmsBackend"
)
SMS_FILE_PATH = Path(env.str("HUB_SMS_FILE_PATH", default=str(VAR_DIR / "sms")))

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = env.str("DJANGO_LANGUAGE_CODE", default="en")
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("vi", _("Vietnamese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("HUB_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Citizens' uploads live here, never under MEDIA_URL.
PRIVATE_MEDIA_ROOT = Path(
    env.str("HUB_PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security ---------------------------------------------------------------
# With Redis (shared by every process), sessions are read from the cache and
# written through to the database: a logged-in page does not query the session
# table. A per-process cache could keep a session alive after logout elsewhere.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=False)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging ----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env.str("HUB_LOG_LEVEL", default="INFO"),
    },
    "loggers": {
        "axes": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
    },
}

from .integrations.api import *  # noqa: E402,F403
from .integrations.celery import *  # noqa: E402,F403
from .integrations.couriers import *  # noqa: E402,F403
from .integrations.oscar import *  # noqa: E402,F403
from .integrations.stripe import *  # noqa: E402,F403
from .integrations.wagtail import *  # noqa: E402,F403
