"""Whole public pages kept in the cache (Redis in production) for visitors
who are not logged in: most visitors of a township's pages and its market.

Only responses a view opted into (``for_visitors``, or ``mark_for_visitors``
on a response) are kept, and only for a request that carries no cookie but the
CSRF and language ones: no session, no basket, no messages, no token. The key
is the host, the full path, the language the page is served in, and a
generation number that ``page_cache_clear()`` moves on whenever what such a
page shows changes (a page published, a price, stock, a stall, a service, an
answer: see the receivers of cms.pages, shop.catalogue and townships); entries
also expire after HUB_PAGE_CACHE_SECONDS (figures computed from orders and
applications are at most that old).

Every page carries CSRF tokens (the language switcher, forms). They are kept
as a placeholder and filled per request with this visitor's own token, so a
cached page posts as well as a fresh one; CsrfViewMiddleware, outside this
one, then sets the cookie.
"""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token

GENERATION_KEY = "hub:pages:generation"
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')
_PLACEHOLDER = b"\x00csrf\x00"
# Recomputed by CommonMiddleware; cookies are never kept.
_DROPPED_HEADERS = {"content-length", "set-cookie"}


def mark_for_visitors(response):
    """Let the page cache keep this response (for anonymous visitors only)."""
    response.hub_for_visitors = True
    return response


def for_visitors(view):
    """A view whose pages are the same for every anonymous visitor."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return mark_for_visitors(view(request, *args, **kwargs))

    return wrapped


def page_cache_clear(**_signal_kwargs) -> None:
    """Forget every cached page now and, inside a transaction, once more when it
    commits (usable as a receiver).

    The second time matters: a visitor's request between the change and its
    commit still reads the rows before it, and would keep that page under the
    new generation until it expires. A rolled-back change only costs a miss.
    """
    _next_generation()
    connection = transaction.get_connection()
    # Once per transaction; Django drops the callback if it rolls back.
    waiting = (callback for _savepoints, callback, *_ in connection.run_on_commit)
    if connection.in_atomic_block and _next_generation not in waiting:
        transaction.on_commit(_next_generation)


def _next_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.add(GENERATION_KEY, 1, timeout=None)


def clear_on_change(*models) -> None:
    """Forget the cached pages whenever a row of these models is saved or deleted.

    For apps.ready(): each app names the models its public pages show.
    """
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                page_cache_clear,
                sender=model,
                dispatch_uid=f"page_cache.{signal is post_save}.{model._meta.label}",
            )


def generation(request=None) -> int:
    """The number kept pages and kept parts of pages (fragments.py) are keyed by.

    Read once per GET or HEAD request (a page with several kept parts would
    otherwise ask the cache each time); a request that may change what pages
    show (a POST) reads it afresh each time, so that it never keeps what it
    renders after its change under the number from before.
    """
    if request is None or request.method not in ("GET", "HEAD"):
        return _read_generation()
    try:
        return request._hub_generation
    except AttributeError:
        request._hub_generation = _read_generation()
        return request._hub_generation


def _read_generation() -> int:
    number = cache.get(GENERATION_KEY)
    if number is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        number = cache.get(GENERATION_KEY, 1)
    return number


class PublicPageCacheMiddleware:
    """Serve a kept copy of a public page to a visitor who is not logged in.

    Sits just inside CsrfViewMiddleware (which then sets the CSRF cookie the
    filled-in tokens need) and after LocaleMiddleware (the language is known).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.allowed_cookies = {
            settings.CSRF_COOKIE_NAME,
            settings.LANGUAGE_COOKIE_NAME,
        }

    def __call__(self, request):
        if not self._eligible(request):
            return self.get_response(request)
        key = self._key(request)
        kept = cache.get(key)
        if kept is not None:
            return self._replay(request, kept)
        response = self.get_response(request)
        if self._keepable(response):
            cache.set(key, self._freeze(response), settings.HUB_PAGE_CACHE_SECONDS)
        return response

    def _eligible(self, request) -> bool:
        return (
            settings.HUB_PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and "HTTP_AUTHORIZATION" not in request.META
            and set(request.COOKIES) <= self.allowed_cookies
        )

    def _key(self, request) -> str:
        where = f"{request.get_host()}{request.get_full_path()}".encode()
        digest = hashlib.sha256(where).hexdigest()
        return f"hub:page:{generation(request)}:{request.LANGUAGE_CODE}:{digest}"

    @staticmethod
    def _keepable(response) -> bool:
        return (
            getattr(response, "hub_for_visitors", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _freeze(response) -> dict:
        return {
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in _DROPPED_HEADERS
            ],
            "content": _TOKEN.sub(
                rb"\g<1>" + _PLACEHOLDER + rb"\g<2>", response.content
            ),
        }

    @staticmethod
    def _replay(request, kept: dict) -> HttpResponse:
        content = kept["content"]
        if _PLACEHOLDER in content:
            content = content.replace(_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, status=kept["status"])
        for name, value in kept["headers"]:
            response[name] = value
        return response
