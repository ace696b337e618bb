"""Template helpers for the one base template, and {% keep %} for the costly
part of a public page."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, to_locale

from hub.core.fragments import kept

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


class KeepNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on: list):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context) -> str:
        return kept(
            context["request"],
            self.name,
            [value.resolve(context) for value in self.vary_on],
            lambda: self.nodelist.render(context),
        )


@register.tag
def keep(parser, token):
    """{% keep "name" value … %}…{% endkeep %}: the part kept rendered for every
    visitor, per language and values, until what public pages show changes
    (hub.core.fragments)."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes a quoted name, then the values it is kept for."
        )
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(
        nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]]
    )
