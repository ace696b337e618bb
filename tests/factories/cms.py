"""Pages of a township micro-site, added under its home as an editor would."""

from datetime import datetime

from cms.pages.constants import NoticeCategory
from cms.pages.models import (
    NoticeIndexPage,
    NoticePage,
    TownshipHomePage,
)


def notice_index_add(*, home: TownshipHomePage) -> NoticeIndexPage:
    """The home's notice index, published (created once)."""
    index = NoticeIndexPage.objects.child_of(home).first()
    if index is None:
        index = NoticeIndexPage(title="Notices", slug="notices")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def notice_add(
    *,
    index: NoticeIndexPage,
    title: str,
    category: str = NoticeCategory.PUBLIC_NOTICE,
    go_live_at: datetime | None = None,
    expire_at: datetime | None = None,
    publish: bool = True,
) -> NoticePage:
    """A notice under the index; published unless told otherwise."""
    notice = NoticePage(
        title=title,
        category=category,
        summary=f"Summary of {title}",
        go_live_at=go_live_at,
        expire_at=expire_at,
        live=False,
    )
    index.add_child(instance=notice)
    revision = notice.save_revision()
    if publish:
        revision.publish()
    notice.refresh_from_db()
    return notice
