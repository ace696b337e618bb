"""What only the benchmark's settings (hub.settings.bench) add: the bare view
that is its ceiling, the SQL query count of every response, and requests served
as to the first visitor after a change."""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from hub.core.page_cache import page_cache_clear


def bare(request: HttpRequest) -> HttpResponse:
    """A small template and one query, behind the same middleware as every page.

    The query reads one row by its primary key's index, so the ceiling costs
    the same whatever the size of the data set (a COUNT would not).
    """
    first = get_user_model().objects.order_by("pk").values_list("pk", flat=True)
    html = render_to_string("bench/bare.html", {"first_user": first.first()})
    return HttpResponse(html)


class QueryCountMiddleware:
    """Adds X-Bench-Queries: the SQL queries of the request, middleware included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count)
        return response


class ColdMiddleware:
    """A request with the cookie bench=cold first forgets every kept page and
    kept part of a page (hub.core.fragments), as a change does: it is served as
    to the first visitor after a change. Any other request is left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.COOKIES.get("bench") == "cold":
            page_cache_clear()
        return self.get_response(request)
