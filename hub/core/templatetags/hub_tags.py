"""Template helpers for the one base template."""

from django import template
from django.utils.translation import get_language, to_locale

register = template.Library()


@register.filter
def bcp47(language_code: str) -> str:
    """A Django language code as a BCP 47 tag: zh-hans -> zh-Hans, vi -> vi."""
    return to_locale(language_code or "en").replace("_", "-")


@register.simple_tag
def html_lang() -> str:
    """The active language as a BCP 47 tag for <html lang>: zh-Hans, vi, en."""
    return bcp47(get_language() or "en")
