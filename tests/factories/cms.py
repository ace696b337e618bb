"""Pages of a township micro-site, added under its home as an editor would."""

from datetime import datetime

from wagtail.models import Locale, Page

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


def translation_add(*, page: Page, language: str, publish: bool = True, **fields):
    """The page copied into another language's tree, edited and (by default) published.

    As the admin's "Translate" action does: untranslated parents become aliases.
    """
    locale = Locale.objects.get(language_code=language)
    translation = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    revision = translation.save_revision()
    if publish:
        revision.publish()
    translation.refresh_from_db()
    return translation
