"""What the one base template needs on every page: languages and the site name."""

from django.conf import settings
from django.http import HttpRequest


def site_chrome(request: HttpRequest) -> dict:
    return {
        "HUB_SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "HUB_LANGUAGES": settings.LANGUAGES,
    }
