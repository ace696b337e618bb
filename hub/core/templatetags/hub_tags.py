"""Template helpers for the one base template."""

from django import template
from django.utils.translation import get_language, to_locale

register = template.Library()


@register.simple_tag
def html_lang() -> str:
    """The active language as a BCP 47 tag for <html lang>: zh-Hans, vi, en."""
    locale = to_locale(get_language() or "en")  # "zh_Hans", "vi", "en"
    return locale.replace("_", "-")
