"""Wagtail's page view, with where each address leads kept.

Finding the page at an address costs Wagtail and our translation routing
(translations.py) about ten queries before the page is served: the Site, its
root in the visitor's language, the page in each language tree, the version for
the visitor. What they find depends only on the host, the path, the visitor's
language and the page tree, so it is kept like a kept part of a page
(hub.core.fragments): until a page is published, withdrawn, moved or deleted, a
Site changes or a page is made private. The page itself is read afresh by its
primary key, and must still be live; Wagtail's own checks (view restrictions,
the page's serve) run as before.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from wagtail import views as wagtail_views
from wagtail.url_routing import RouteResult

from hub.core.fragments import fragment_key


def serve(request, path):
    key = fragment_key(request, "route", [path])
    kept = cache.get(key) if key else None
    if kept is not None:
        _reuse(request, kept)
    response = wagtail_views.serve(request, path)
    if key and kept is None:
        route = _keepable(request)
        if route is not None:
            cache.set(key, route, settings.HUB_PAGE_CACHE_SECONDS)
    return response


def _keepable(request) -> tuple | None:
    """The route Wagtail found, as the Site, the page's type and key, the name
    and arguments of a routable page's view and the keys of the view
    restrictions on the page; None if there was none."""
    route = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if route is None or site is None or route.kwargs:
        return None
    page, args = route.page, route.args
    view = None
    if args:
        bound, view_args, view_kwargs = args
        if getattr(bound, "__self__", None) is not page:
            return None
        view = (bound.__name__, tuple(view_args), dict(view_kwargs))
    # As Wagtail's check read them while serving, else read now.
    restrictions = getattr(page, "view_restrictions_read", None)
    if restrictions is None:
        restrictions = page.get_view_restrictions()
    return (
        site,
        page.content_type_id,
        page.pk,
        view,
        tuple(r.pk for r in restrictions),
    )


def _reuse(request, kept: tuple) -> None:
    """Give Wagtail the kept route (it reads it from the request); if the page
    is not live any more, Wagtail routes as usual."""
    site, content_type_id, pk, view, restrictions = kept
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=pk, live=True).first()
    if page is None:
        return
    page.kept_view_restrictions = restrictions
    args = ()
    if view is not None:
        name, view_args, view_kwargs = view
        args = (getattr(page, name), view_args, view_kwargs)
    request._wagtail_site = site
    request._wagtail_route_for_request = RouteResult(page, args, {})
