"""Which language version of a page a visitor sees, and what the page says about it.

We use Wagtail's built-in ``wagtail.contrib.simple_translation``, not
wagtail-localize: editors write a translation as an ordinary page (copy, edit,
publish through the head's approval like any other page), which is all three
hand-written languages need; wagtail-localize's segment-by-segment editor,
translation memory and machine translation would add an app, its models and an
admin workflow that township staff would have to learn, for no gain here.

How it fits together, without language prefixes in the URLs:

* Each content language has its own page tree under Wagtail's root, the way
  Wagtail's i18n works: the hub home (the Site root, in the default language)
  and its version in each other language, each with a township index.
  A township's own pages live in the tree of its language
  (``Township.default_language``); a translation is a copy at the same place of
  another tree (same slugs), made with ``copy_for_translation`` or the admin's
  "Translate" action. Parents that are not translated yet are *aliases*
  (Wagtail's mirror pages), which we never count as translations.
* Wagtail maps every tree onto the one Site, so all versions of a page share one
  URL (/townships/xiaoyudong/notices/flood-alert/). The Site root
  (:class:`TranslationRoutingMixin`) looks for the path in the visitor's tree
  first, then in the others, and serves :func:`version_for_visitor`: the
  visitor's language where a live translation exists, the original otherwise;
  the page says which (pages/includes/language_note.html) and ``<html lang>``
  follows its content. The visitor's language is Django's (LocaleMiddleware:
  the switcher's cookie, else Accept-Language), the same as the site's own
  text, so nothing new is needed to choose it.
* We did not use ``i18n_patterns``: every page would get a second URL per
  language (/vi/townships/…), /townships/<slug>/ would mean "English" only,
  shared links and feeds would fork per language, and the shop and account URLs
  around the pages are not prefixed either.
* The *original* of a page is its oldest non-alias version (lowest pk):
  translations are always copied from it. Listings show originals, each swapped
  for its translation in one extra query (:func:`in_language`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.html import format_html
from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from hub.core.templatetags.hub_tags import bcp47

if TYPE_CHECKING:
    from collections.abc import Iterable

P = TypeVar("P", bound=Page)


def content_language_names() -> dict[str, str]:
    """Each content language code with its own name: {"vi": "Tiếng Việt", ...}."""
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES)


def visitor_language() -> str:
    """The content language the visitor asked for (zh-hans, vi or en)."""
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def originals(queryset: QuerySet[P]) -> QuerySet[P]:
    """Keep the original of each page: no alias, no older non-alias version."""
    older = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        alias_of__isnull=True,
        pk__lt=OuterRef("pk"),
    )
    return queryset.filter(alias_of__isnull=True).exclude(Exists(older))


def page_versions(page: P) -> list[P]:
    """The page's live, non-alias versions, the original first (one query, cached)."""
    versions = getattr(page, "_hub_versions", None)
    if versions is None:
        versions = list(
            type(page)
            .objects.filter(
                translation_key=page.translation_key,
                live=True,
                alias_of__isnull=True,
            )
            .select_related("locale")
            .order_by("pk")
        )
        page._hub_versions = versions
    return versions


def version_for_visitor(page: P, *, language: str = "") -> P:
    """The version of the page to show: the visitor's language, else the original.

    ``page`` is any version (an alias too); the answer shares its cached versions.
    """
    versions = page_versions(page)
    if not versions:  # a preview of a draft, or an alias of a withdrawn page
        return page
    language = language or visitor_language()
    chosen = next(
        (v for v in versions if v.locale.language_code == language), versions[0]
    )
    chosen._hub_versions = versions
    return chosen


def in_language(
    pages: Iterable[P], *, translations: QuerySet[P], language: str = ""
) -> list[P]:
    """Each page swapped for its translation in the language, where there is one.

    ``translations`` is the queryset a translation must belong to (live,
    unexpired...). One query, whatever the number of pages.
    """
    pages = list(pages)
    if not pages:
        return pages
    language = language or visitor_language()
    found = {
        t.translation_key: t
        for t in translations.filter(
            translation_key__in={p.translation_key for p in pages},
            locale__language_code=language,
            alias_of__isnull=True,
        ).select_related("locale")
    }
    return [found.get(p.translation_key, p) for p in pages]


def language_context(page: Page, *, sets_html_lang: bool) -> dict:
    """What a page's template needs to say which language it is in.

    A page that is mostly its own text (a notice, a guide) sets
    ``content_language``, which ``<html lang>`` follows; a listing page (homes,
    indexes) is mostly the visitor's language, so only its own title and intro
    get ``content_lang_attr``. The note is pages/includes/language_note.html.
    """
    names = content_language_names()
    code = page.locale.language_code
    visitor = visitor_language()
    others = [
        {"code": v.locale.language_code, "name": names.get(v.locale.language_code)}
        for v in page_versions(page)
        if v.locale_id != page.locale_id
    ]
    differs = code != visitor
    return {
        "content_language": code if sets_html_lang else "",
        "content_lang_attr": (
            format_html(' lang="{}"', bcp47(code))
            if differs and not sets_html_lang
            else ""
        ),
        "language_note": {
            "name": names.get(code, code),
            "visitor_name": names.get(visitor, visitor),
            "is_visitor_language": not differs,
            "others": others,
        },
    }


class TranslationRoutingMixin:
    """Route from a Site root page: the visitor's tree first, then the others.

    Wagtail calls ``route`` on the Site root in the visitor's language
    (``Page.localized``; an alias while it is not translated). A page that is
    not translated into that language only exists in the trees of its
    versions, so those are tried next. The result is the version to show
    (:func:`version_for_visitor`). Only the outermost call does this: the same
    method on a page below (a township home under the hub home) routes plainly.
    """

    def route(self, request, path_components):
        if getattr(request, "_hub_routing", False):
            return super().route(request, path_components)
        request._hub_routing = True
        try:
            trees = self._language_trees()
            if path_components:
                trees = list(trees)
                found = self._page_at(trees, path_components)
                if found is not None:
                    return self._for_visitor(*found.route(request, []))
            # The root itself, or a sub-route of a routable page (no page sits
            # at the whole path): level by level, tree by tree.
            for root in trees:
                try:
                    result = super(TranslationRoutingMixin, root).route(
                        request, path_components
                    )
                except Http404:
                    continue
                return self._for_visitor(*result)
        finally:
            request._hub_routing = False
        raise Http404

    @staticmethod
    def _page_at(trees, path_components):
        """The live page at exactly this path in the first tree that has one.

        One query by the last slug (indexed) and the whole path, where routing
        level by level costs two per level in each tree tried.
        """
        rest = "".join(f"{component}/" for component in path_components)
        order = {root.url_path + rest: position for position, root in enumerate(trees)}
        pages = Page.objects.filter(
            slug=path_components[-1], url_path__in=order, live=True
        )
        page = min(pages, key=lambda page: order[page.url_path], default=None)
        return page.specific if page is not None else None

    @staticmethod
    def _for_visitor(page, args, kwargs) -> RouteResult:
        version = version_for_visitor(page)
        if version is not page and args and hasattr(args[0], "__self__"):
            # A RoutablePageMixin sub-route: bind its view to the version.
            view, view_args, view_kwargs = args
            args = (getattr(version, view.__name__), view_args, view_kwargs)
        return RouteResult(version, args, kwargs)

    def _language_trees(self):
        yield self
        yield from (
            type(self)
            .objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .live()
            .order_by("pk")
        )
