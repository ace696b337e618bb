"""Reads of the township micro-sites: notices, guides and stories of a township.

Each function is one query (plus fixed prefetches), whatever the number of
pages, so that a township home costs the same with 3 notices or 3,000.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from shop.catalogue.selectors import product_list_public
from townships.core.models import Township

# A module import, not names: models import this module too.
from . import models as page_models
from .constants import HOME_NOTICE_COUNT

if TYPE_CHECKING:
    from wagtail.models import Page

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


def notice_list_live(
    *, index: NoticeIndexPage, category: str = ""
) -> QuerySet[NoticePage]:
    """Live, unexpired notices under a notice index, newest first."""
    notices = _visible_notices().child_of(index)
    if category:
        notices = notices.filter(category=category)
    return notices


def notice_list_latest_for_home(
    *, home: TownshipHomePage, limit: int = HOME_NOTICE_COUNT
) -> list[NoticePage]:
    """The latest live notices of a township (one query)."""
    return list(_visible_notices().descendant_of(home)[:limit])


def notice_index_for_home(*, home: TownshipHomePage) -> NoticeIndexPage | None:
    """The township's live notice index, if it has one."""
    return page_models.NoticeIndexPage.objects.child_of(home).live().first()


def notice_attachment_list(*, notice: NoticePage) -> QuerySet:
    """A notice's documents in their order (one query)."""
    return notice.attachments.select_related("document").order_by("sort_order")


def service_guide_list_for_home(
    *, home: TownshipHomePage
) -> QuerySet[ServiceGuidePage]:
    """The township's live service guides, by title."""
    return (
        page_models.ServiceGuidePage.objects.child_of(home)
        .live()
        .public()
        .order_by("title")
    )


def produce_story_list_for_home(
    *, home: TownshipHomePage
) -> QuerySet[ProduceStoryPage]:
    """The township's live produce stories, newest first, with their stalls."""
    return (
        page_models.ProduceStoryPage.objects.child_of(home)
        .live()
        .public()
        .select_related("partner")
        .order_by("-first_published_at", "-pk")
    )


def produce_story_products(*, story: ProduceStoryPage, limit: int = 8) -> list:
    """The public products of the story's stall (none without a stall)."""
    if story.partner_id is None:
        return []
    return list(product_list_public(stall=story.partner)[:limit])


def township_for_page(*, page: Page) -> Township | None:
    """The township whose micro-site holds the page (one query)."""
    home = (
        page_models.TownshipHomePage.objects.ancestor_of(page, inclusive=True)
        .select_related("township")
        .first()
    )
    return home.township if home else None
