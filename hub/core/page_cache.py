"""Whole public pages kept in the cache (Redis in production) for visitors
who are not logged in: most visitors of a township's pages and its market.

Only responses a view opted into (``for_visitors``, or ``mark_for_visitors``
on a response) are kept, and only for a request that carries no cookie but the
CSRF and language ones: no session, no basket, no messages, no token. The key
is the host, the full path, the language the page is served in, and a
generation number that ``page_cache_clear()`` moves on whenever what such a
page shows changes (a page published, a price, a stall, a service, an answer:
see the receivers of cms.pages, shop.catalogue and townships); entries also
expire after HUB_PAGE_CACHE_SECONDS (figures computed from orders and
applications are at most that old).

What changes far more often than the rest has a version of its own: how many
of a product are left moves with every order, and only its page and the API
say it. A page that shows such a thing reads its ``version()``; a kept page
is kept with the versions its request read and served only while they are
current; ``version_moved()`` moves them on (shop.catalogue.receivers).

Every page carries CSRF tokens (the language switcher, forms). They are kept
as a placeholder and filled per request with this visitor's own token, so a
cached page posts as well as a fresh one; CsrfViewMiddleware, outside this
one, then sets the cookie.
"""

import hashlib
import re
import time
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
    _move_on(GENERATION_KEY)


def version_moved(*names: str) -> None:
    """Forget what is kept for these versions only (see version()), now and,
    inside a transaction, once more when it commits, as page_cache_clear()."""
    _move_on(*(_version_key(name) for name in names))


def _move_on(*keys: str) -> None:
    moving = _MoveOn(keys)
    moving()
    connection = transaction.get_connection()
    # Once per transaction; Django drops the callback if it rolls back.
    waiting = (callback for _savepoints, callback, *_ in connection.run_on_commit)
    if connection.in_atomic_block and moving not in waiting:
        transaction.on_commit(moving)


class _MoveOn:
    """Moves these numbers on; equal to another for the same numbers."""

    def __init__(self, keys: tuple[str, ...]):
        self.keys = keys

    def __eq__(self, other) -> bool:
        return isinstance(other, _MoveOn) and other.keys == self.keys

    __hash__ = None

    def __call__(self) -> None:
        for key in self.keys:
            try:
                cache.incr(key)
            except ValueError:  # not set yet, expired or evicted
                cache.add(key, _first_number(), timeout=_lifetime(key))


def _first_number() -> int:
    """Where a number starts: the time in milliseconds, so that a number set
    again after it expired or was evicted never meets a value it had before
    (it moves on far less often than once a millisecond)."""
    return time.time_ns() // 1_000_000


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
    return _read_number(GENERATION_KEY)


def version(request, name: str) -> int:
    """The number of one thing a page shows that changes more often than the
    rest (a product's stock, moved by each order: version_moved()).

    Kept parts that show it pass it as one of their values; a page kept whole
    is checked against the versions its request read.
    """
    number = _read_number(_version_key(name))
    if request.method in ("GET", "HEAD"):
        # Where this middleware finds it: on Django's request inside DRF's.
        http_request = getattr(request, "_request", request)
        http_request.__dict__.setdefault("_hub_versions", {})[name] = number
    return number


def _version_key(name: str) -> str:
    return f"{GENERATION_KEY}:{name}"


def _read_number(key: str) -> int:
    number = cache.get(key)
    if number is None:
        cache.add(key, _first_number(), timeout=_lifetime(key))
        number = cache.get(key)
    return number


def _lifetime(key: str) -> int | None:
    """The generation lasts; a version (one per product) lasts a day, and
    starts again where _first_number() puts it."""
    return None if key == GENERATION_KEY else 24 * 3600


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
        if kept is not None and self._current(kept):
            return self._replay(request, kept)
        response = self.get_response(request)
        if self._keepable(response):
            frozen = self._freeze(response)
            frozen["versions"] = getattr(request, "_hub_versions", {})
            cache.set(key, frozen, settings.HUB_PAGE_CACHE_SECONDS)
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
    def _current(kept: dict) -> bool:
        """Whether the versions the kept page was rendered with are still the
        current ones."""
        versions = kept.get("versions")
        if not versions:
            return True
        keys = {_version_key(name): number for name, number in versions.items()}
        return cache.get_many(list(keys)) == keys

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
