"""Wagtail: admin at /cms/, i18n on for content in the three languages."""

from ..env import env

WAGTAIL_SITE_NAME = env.str("HUB_SITE_NAME", default="Township Hub")
WAGTAILADMIN_BASE_URL = env.str("HUB_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("vi", "Tiếng Việt"),
    ("en", "English"),
]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Wagtail's own background jobs (search index, reference index) run on the
# Django Tasks API; the immediate backend keeps them in the request.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
