"""The Atom feed of a township's notices, served by NoticeIndexPage at feed/."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import selectors
from .constants import FEED_NOTICE_COUNT
from .models import NoticeIndexPage, NoticePage


class NoticeFeed(Feed):
    """Live, unexpired notices of one notice index, newest first."""

    feed_type = Atom1Feed

    def __init__(self, *, index: NoticeIndexPage) -> None:
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs) -> NoticeIndexPage:
        self.request = request
        return self.index

    def title(self, obj: NoticeIndexPage) -> str:
        township = selectors.township_for_page(page=obj)
        return f"{township.name if township else obj.title} · {obj.title}"

    def link(self, obj: NoticeIndexPage) -> str:
        return obj.get_url(request=self.request)

    def subtitle(self, obj: NoticeIndexPage) -> str:
        return str(_("Notices of the township"))

    def items(self, obj: NoticeIndexPage):
        notices = selectors.notice_list_live(index=obj)[:FEED_NOTICE_COUNT]
        return selectors.notice_list_in_language(notices)

    def item_title(self, item: NoticePage) -> str:
        return item.title

    def item_description(self, item: NoticePage) -> str:
        return item.summary

    def item_link(self, item: NoticePage) -> str:
        return item.get_url(request=self.request)

    def item_pubdate(self, item: NoticePage):
        return item.first_published_at

    def item_updateddate(self, item: NoticePage):
        return item.last_published_at

    def item_categories(self, item: NoticePage) -> list[str]:
        return [str(item.get_category_display())]
