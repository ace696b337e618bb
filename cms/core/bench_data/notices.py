"""Each township's notice index, its notices and a produce story."""

from __future__ import annotations

from datetime import timedelta

from wagtail.models import Page

from cms.pages.models import (
    NoticeIndexPage,
    NoticePage,
    ProduceStoryPage,
)

from . import texts
from .base import (
    Context,
    numchild_add,
    page_below,
    pages_insert,
)


def notices_generate(context: Context) -> dict[str, int]:
    """Each township's notice index with its notices (a few expired), and a
    produce story about one of its stalls."""
    rng = context.random("notices")
    towns = context.towns
    per_town, extra = divmod(context.sizes.notices, len(towns))
    indexes, notices, stories = [], [], []
    for town_index, town in enumerate(towns):
        vietnamese = town.is_vietnamese
        body = texts.NOTICE_BODY_VN if vietnamese else texts.NOTICE_BODY_CN
        town.pages_added += 1
        index = page_below(
            NoticeIndexPage,
            parent=town.home,
            position=town.pages_added,
            slug="notices",
            title="Thông báo" if vietnamese else "通知公告",
            published=context.now - timedelta(days=400),
            owner_id=town.staff,
        )
        indexes.append(index)
        town.notice_index = index
        for position in range(1, per_town + (town_index < extra) + 1):
            category, zh_title, zh_summary, vi_title, vi_summary = rng.choices(
                texts.NOTICES, texts.NOTICE_WEIGHTS
            )[0]
            village = rng.choice(town.villages)
            published = context.days_ago(rng, days=365, skew=1.0)
            expired = rng.random() < 0.03
            notices.append(
                page_below(
                    NoticePage,
                    parent=index,
                    position=position,
                    slug=f"{category.replace('_', '-')}-{position:04d}",
                    title=(vi_title if vietnamese else zh_title).format(
                        village=village.removeprefix("Bản ").removesuffix("村")
                    ),
                    published=published,
                    live=not expired,
                    expired=expired,
                    expire_at=published + timedelta(days=rng.randint(1, 20))
                    if expired
                    else None,
                    owner_id=town.staff,
                    category=category,
                    summary=vi_summary if vietnamese else zh_summary,
                    body=[("paragraph", f"<p>{body}</p>")],
                )
            )
        if town.stalls:
            stall = context.stalls[town.stalls[0]]
            owner = context.citizen_names[stall.owner]
            _c, zh, vi, *_rest = next(
                row for row in texts.PRODUCE if row[0] == stall.specialty
            )
            town.pages_added += 1
            stories.append(
                page_below(
                    ProduceStoryPage,
                    parent=town.home,
                    position=town.pages_added,
                    slug=f"story-{stall.pk}",
                    title=f"{vi} của {owner}" if vietnamese else f"{owner}的{zh}",
                    published=context.days_ago(rng, days=300),
                    owner_id=town.staff,
                    partner_id=stall.pk,
                    summary=rng.choice(
                        texts.PRODUCE_PITCH_VN if vietnamese else texts.PRODUCE_PITCH_CN
                    ),
                    body=[("paragraph", f"<p>{stall.name}</p>")],
                )
            )
    pages_insert(indexes)
    pages_insert(notices)
    pages_insert(stories)
    for town in towns:
        numchild_add(town.home, 1 + (1 if town.stalls else 0))
        numchild_add(town.notice_index, per_town + (towns.index(town) < extra))
    first_live = next((n for n in notices if n.live), None)
    if first_live is not None:
        context.featured_notice = Page.objects.get(pk=first_live.pk).get_url()
    return {
        "notice indexes": len(indexes),
        "notices": len(notices),
        "expired": sum(not n.live for n in notices),
        "produce stories": len(stories),
    }
