"""What the one base template needs on every page: languages and the site name."""

import unicodedata

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_info

from hub.core.templatetags.hub_tags import bcp47

# URL prefix -> the header link marked as the current section.
SECTIONS = (("/townships/", "townships"), ("/shop/", "shop"))


def language_choices() -> list[dict]:
    """Each language in its own name for the switcher: 简体中文, Tiếng Việt, English."""
    current = get_language()
    return [
        {
            "code": code,
            "tag": bcp47(code),
            # Django spells "Tiếng Việt" with combining accents (NFD), which some
            # phone fonts draw misplaced; NFC uses the precomposed letters.
            "name": unicodedata.normalize("NFC", get_language_info(code)["name_local"]),
            "is_current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def site_chrome(request: HttpRequest) -> dict:
    section = next(
        (name for prefix, name in SECTIONS if request.path.startswith(prefix)), ""
    )
    return {
        "HUB_SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "HUB_LANGUAGES": settings.LANGUAGES,
        "HUB_LANGUAGE_CHOICES": language_choices(),
        "HUB_SECTION": section,
    }
