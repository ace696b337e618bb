"""The costly part of a public page kept rendered for every visitor.

The page cache (page_cache.py) keeps whole pages, but only for visitors who are
not logged in. A logged-in citizen browsing the market or a township's pages,
an app with a token, a search nobody made before: they get the page rendered.
``{% keep "name" … %}…{% endkeep %}`` (hub_tags) keeps the part of such a page
that costs the queries and most of the rendering (its listings, a notice's body,
a product's facts), so that only the page around it (the header with the
visitor's own menu) is rendered each time.

A kept part is keyed by its name, the host, the active language, the page-cache
generation (moved on whenever what a public page shows changes: see
page_cache.clear_on_change) and the values the template passes (the page, the
full path with its query string); it expires after HUB_PAGE_CACHE_SECONDS like a
kept page, and is not kept at all when that is 0. It must show nothing of the
visitor (their name, their basket); CSRF tokens in it are kept as a placeholder
and filled with each visitor's own token. An editor's preview of a draft neither
reads nor keeps anything: it shows the draft, and visitors never see it.

A view passes what only a kept part reads through ``deferred()``: read only if
the part is rendered, so a kept part costs no query. ``kept_data()`` keeps data
the same way (an API page, before it is turned into JSON).
"""

import re
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.middleware.csrf import get_token
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .page_cache import generation

_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')
_PLACEHOLDER = "\x00csrf\x00"


def deferred(function: Callable, *args, **kwargs) -> Any:
    """function(*args, **kwargs), called the first time a template reads it."""
    return SimpleLazyObject(partial(function, *args, **kwargs))


def kept(request, name: str, vary_on: Iterable, render: Callable[[], str]) -> str:
    """The part called `name` for these values, rendered by `render()` unless kept."""
    key = fragment_key(request, name, vary_on)
    html = cache.get(key) if key else None
    if html is None:
        html = render()
        if key:
            placeholders = _TOKEN.sub(rf"\g<1>{_PLACEHOLDER}\g<2>", html)
            cache.set(key, placeholders, settings.HUB_PAGE_CACHE_SECONDS)
        return html
    if _PLACEHOLDER in html:
        html = html.replace(_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # noqa: S308 - our own rendered template output


def kept_data(request, name: str, vary_on: Iterable, compute: Callable[[], Any]) -> Any:
    """What `compute()` returns for these values (an API page's data), kept as a
    rendered part is; an exception (a 404, refused filters) keeps nothing."""
    key = fragment_key(request, name, vary_on)
    data = cache.get(key) if key else None
    if data is None:
        data = compute()
        if key:
            cache.set(key, data, settings.HUB_PAGE_CACHE_SECONDS)
    return data


def fragment_key(request, name: str, vary_on: Iterable) -> str:
    """The cache key of what is kept under this name for these values, on this
    request's host (Wagtail writes links relative to the Site that serves
    them), in the active language and generation; "" when nothing is kept
    (HUB_PAGE_CACHE_SECONDS = 0) or for an editor's preview (is_preview)."""
    if settings.HUB_PAGE_CACHE_SECONDS <= 0 or getattr(request, "is_preview", False):
        return ""
    return make_template_fragment_key(
        f"hub:{name}",
        [get_language(), generation(request), request.get_host(), *vary_on],
    )
