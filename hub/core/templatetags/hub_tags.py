"""Template helpers for the one base template."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, to_locale

register = template.Library()


@register.filter
def bcp47(language_code: str) -> str:
    """A Django language code as a BCP 47 tag: zh-hans -> zh-Hans, vi -> vi."""
    return to_locale(language_code or "en").replace("_", "-")


@register.simple_tag(takes_context=True)
def html_lang(context) -> str:
    """The BCP 47 tag for <html lang>: zh-Hans, vi, en.

    The language of the page's content where the view says so
    (``content_language``: a notice shown in its original language), else the
    active language.
    """
    return bcp47(context.get("content_language") or get_language() or "en")


@register.simple_tag(takes_context=True)
def ui_lang_attr(context) -> str:
    """` lang="…"` for the site's own header and footer when the content of the
    page is in another language than the visitor's; "" otherwise."""
    content = context.get("content_language")
    active = bcp47(get_language() or "en")
    if not content or bcp47(content) == active:
        return ""
    return format_html(' lang="{}"', active)
