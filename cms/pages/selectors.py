"""Reads of the township micro-sites: notices, guides and stories of a township.

Each function is one query (plus fixed prefetches), whatever the number of
pages, so that a township home costs the same with 3 notices or 3,000.
"""

from __future__ import annotations

import functools
import operator
import re
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale, Page

from shop.catalogue.selectors import product_list_public
from townships.core.models import Township

# A module import, not names: models import this module too.
from . import models as page_models
from .constants import (
    HOME_NOTICE_COUNT,
    HOME_PRODUCT_COUNT,
    HUB_NOTICE_COUNT,
    HUB_PRODUCT_COUNT,
    SEARCH_RESULT_COUNT,
)
from .translations import in_language, originals, visitor_language

if TYPE_CHECKING:
    from shop.catalogue.models import Product

    from .models import (
        NoticeIndexPage,
        NoticePage,
        ProduceStoryPage,
        ServiceGuidePage,
        TownshipHomePage,
    )


def _visible_notices(*, now: datetime | None = None) -> QuerySet[NoticePage]:
    # Wagtail unpublishes expired pages and publishes scheduled ones in its
    # publish_scheduled command; until it runs, hide them here too.
    now = now or timezone.now()
    return (
        page_models.NoticePage.objects.live()
        .public()
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
        .order_by("-first_published_at", "-pk")
    )


def _under(page: Page, *, children_only: bool = False) -> Q:
    """Pages under any language version of ``page`` (one query, cached on it).

    A township's notices live under its home in its own language's tree; their
    translations under the home's version in another tree.
    """
    trees = getattr(page, "_hub_tree_paths", None)
    if trees is None:
        trees = list(
            Page.objects.filter(translation_key=page.translation_key).values_list(
                "path", "depth"
            )
        )
        page._hub_tree_paths = trees
    return functools.reduce(
        operator.or_,
        (
            Q(_descendants(path), depth=depth + 1)
            if children_only
            else _descendants(path)
            for path, depth in trees
        ),
    )


def _descendants(path: str) -> Q:
    """Pages below the one at ``path``, as a range of the path index.

    Paths are in the C collation and spelt with 0-9A-Z, so the pages below
    are exactly those after ``path`` and before ``path + "~"``. PostgreSQL
    plans this range on the path index; ``path LIKE 'x%'`` it misjudged at
    20,000 notices, scanning every page (26 ms, against 0.7 ms).
    """
    return Q(path__gt=path, path__lt=f"{path}~")


def notice_list_live(
    *, index: NoticeIndexPage, category: str = ""
) -> QuerySet[NoticePage]:
    """Live, unexpired notices under a notice index, newest first.

    Originals only, from every language tree; show them with
    :func:`notice_list_in_language`.
    """
    notices = originals(_visible_notices().filter(_under(index, children_only=True)))
    if category:
        notices = notices.filter(category=category)
    return notices.select_related("locale")


def notice_list_in_language(notices, *, language: str = "") -> list[NoticePage]:
    """Each notice in the visitor's language where it is translated (one query)."""
    return in_language(notices, translations=_visible_notices(), language=language)


def notice_list_latest_for_home(
    *, home: TownshipHomePage, limit: int = HOME_NOTICE_COUNT, language: str = ""
) -> list[NoticePage]:
    """The latest live notices of a township, in the visitor's language (3 queries)."""
    notices = originals(_visible_notices().filter(_under(home)))
    return notice_list_in_language(
        notices.select_related("locale")[:limit], language=language
    )


def notice_list_latest(
    *, limit: int = HUB_NOTICE_COUNT, language: str = ""
) -> list[NoticePage]:
    """The latest live notices of all townships, each with its ``township``.

    In the visitor's language where translated; three queries in all.
    """
    notices = originals(_visible_notices()).select_related("locale")[:limit]
    notices = notice_list_in_language(notices, language=language)
    townships = township_map_for_pages(pages=notices)
    for notice in notices:
        notice.township = townships.get(notice.pk)
    return notices


def notice_index_for_home(*, home: TownshipHomePage) -> NoticeIndexPage | None:
    """The township's live notice index, if it has one (in any language's tree)."""
    return originals(
        page_models.NoticeIndexPage.objects.live().filter(
            _under(home, children_only=True)
        )
    ).first()


def notice_attachment_list(*, notice: NoticePage) -> QuerySet:
    """A notice's documents in their order (one query)."""
    return notice.attachments.select_related("document").order_by("sort_order")


def service_guide_list_for_home(
    *, home: TownshipHomePage, language: str = ""
) -> list[ServiceGuidePage]:
    """The township's live service guides, by title, in the visitor's language."""
    live = page_models.ServiceGuidePage.objects.live().public()
    guides = (
        originals(live.filter(_under(home, children_only=True)))
        .select_related("locale")
        .order_by("title")
    )
    return in_language(guides, translations=live, language=language)


def produce_story_list_for_home(
    *, home: TownshipHomePage, language: str = ""
) -> list[ProduceStoryPage]:
    """The township's live produce stories, newest first, with their stalls."""
    live = (
        page_models.ProduceStoryPage.objects.live().public().select_related("partner")
    )
    stories = (
        originals(live.filter(_under(home, children_only=True)))
        .select_related("locale")
        .order_by("-first_published_at", "-pk")
    )
    return in_language(stories, translations=live, language=language)


def produce_story_products(*, story: ProduceStoryPage, limit: int = 8) -> list:
    """The public products of the story's stall (none without a stall)."""
    if story.partner_id is None:
        return []
    return list(product_list_public(stall=story.partner)[:limit])


def township_home_for_page(*, page: Page) -> TownshipHomePage | None:
    """The township home (in the page's tree) above the page, with its township."""
    return (
        page_models.TownshipHomePage.objects.ancestor_of(page, inclusive=True)
        .select_related("township")
        .first()
    )


def township_for_page(*, page: Page) -> Township | None:
    """The township whose micro-site holds the page (one query)."""
    home = township_home_for_page(page=page)
    return home.township if home else None


def township_map_for_pages(*, pages: list[Page]) -> dict[int, Township]:
    """{page pk: its township} for pages of any township and tree (one query).

    A township home is always at the same depth (root > hub home > township
    index > home), so its path is the start of each of its pages' paths.
    """
    home_depth = 4
    prefix = Page.steplen * home_depth
    wanted = {p.path[:prefix] for p in pages if p.depth >= home_depth}
    if not wanted:
        return {}
    homes = {
        home.path: home.township
        for home in page_models.TownshipHomePage.objects.filter(
            path__in=wanted
        ).select_related("township")
    }
    return {p.pk: homes[p.path[:prefix]] for p in pages if p.path[:prefix] in homes}


def township_home_list_public(*, query: str = "") -> QuerySet[TownshipHomePage]:
    """Live township homes, one per township, filtered by the township's names.

    ``query`` matches any of the three names, the county, the province or the
    slug (so "mau son" finds Mẫu Sơn without its accents).
    """
    homes = originals(
        page_models.TownshipHomePage.objects.live()
        .public()
        .filter(township__is_active=True)
    ).select_related("township")
    if query:
        match = (
            Q(township__name_zh_hans__icontains=query)
            | Q(township__name_vi__icontains=query)
            | Q(township__name_en__icontains=query)
            | Q(township__county__icontains=query)
            | Q(township__province__icontains=query)
        )
        if slug := slugify(query):
            match |= Q(township__slug__icontains=slug)
        homes = homes.filter(match)
    return homes.order_by("township__slug")


def product_list_for_township(
    *, township: Township, limit: int = HOME_PRODUCT_COUNT
) -> list[Product]:
    """Produce of the township's verified stalls, newest first (three queries)."""
    return list(product_list_public(township_slug=township.slug)[:limit])


def product_list_featured(*, limit: int = HUB_PRODUCT_COUNT) -> list[Product]:
    """Produce from every township for the hub home, newest first (three queries)."""
    return list(product_list_public()[:limit])


_NOT_A_WORD = re.compile(r"[^\w\s]|_")


def _holds_words(words: list[str]) -> Q:
    """Title or summary (intro of a standard page) contains each of the words."""
    return functools.reduce(
        operator.and_,
        (
            Q(title__icontains=word)
            | Q(noticepage__summary__icontains=word)
            | Q(serviceguidepage__summary__icontains=word)
            | Q(producestorypage__summary__icontains=word)
            | Q(standardpage__intro__icontains=word)
            for word in words
        ),
    )


def _searchable_pages() -> QuerySet[Page]:
    now = timezone.now()
    return (
        Page.objects.live()
        .public()
        .type(
            page_models.NoticePage,
            page_models.ServiceGuidePage,
            page_models.ProduceStoryPage,
            page_models.StandardPage,
        )
        .filter(alias_of__isnull=True)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
    )


def page_search(
    *,
    query: str,
    home: TownshipHomePage | None = None,
    limit: int = SEARCH_RESULT_COUNT,
    language: str = "",
) -> list[Page]:
    """Live, public, unexpired notices, guides, stories and pages matching ``query``.

    Within one township (``home``, in every language) or all of them. Wagtail
    search: the database backend here, PostgreSQL full-text search there. One
    version per page, the visitor's language first; each result has its
    ``township``. A fixed number of queries.
    """
    # Words only: quotes, brackets and operators are search syntax on SQLite
    # (FTS5 refuses an unbalanced quote) and mean nothing to a visitor.
    words = " ".join(_NOT_A_WORD.sub(" ", query).split())
    if not words:
        return []
    pages = _searchable_pages()
    if home is not None:
        pages = pages.filter(_under(home))
    # Search filters may only use indexed fields (id is one), so the
    # visibility rules above go in as a subquery.
    ranked = list(
        Page.objects.filter(pk__in=pages.values("pk")).search(words)[: limit * 2]
    )
    if len(ranked) < limit * 2:
        # Full-text search splits words on spaces, and Chinese has none: 春笋
        # is not a word of 大楠村的春笋. Pages whose title or summary holds
        # every word come next.
        ranked += (
            pages.filter(_holds_words(words.split()))
            .exclude(pk__in=[p.pk for p in ranked])
            .order_by("-first_published_at", "-pk")[: limit * 2 - len(ranked)]
        )
    language = language or visitor_language()
    # One query per page type found (at most four), then the locales in one.
    specific = Page.objects.filter(pk__in=[p.pk for p in ranked]).specific().in_bulk()
    locales = Locale.objects.in_bulk()
    chosen: dict = {}
    for page in ranked:
        page = specific[page.pk]
        page.locale = locales[page.locale_id]
        kept = chosen.get(page.translation_key)
        if kept is None or (
            page.locale.language_code == language
            and kept.locale.language_code != language
        ):
            chosen[page.translation_key] = page
    results = list(chosen.values())[:limit]
    townships = township_map_for_pages(pages=results)
    for page in results:
        page.township = townships.get(page.pk)
    return results
