from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "cms.pages"
    label = "pages"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import (
            copy_for_translation_done,
            page_published,
            page_unpublished,
            post_page_move,
        )

        from hub.core.page_cache import clear_on_change, page_cache_clear

        from . import receivers
        from .models import NoticePage

        page_published.connect(
            receivers.notice_published,
            sender=NoticePage,
            dispatch_uid="pages.notice_published",
        )
        copy_for_translation_done.connect(
            receivers.page_translated, dispatch_uid="pages.page_translated"
        )
        # Any page published or withdrawn changes menus and lists elsewhere.
        page_published.connect(page_cache_clear, dispatch_uid="pages.cache_published")
        page_unpublished.connect(
            page_cache_clear, dispatch_uid="pages.cache_unpublished"
        )
        # A page moved, a Site or a page's privacy changed: addresses lead elsewhere
        # (cms.pages.serving keeps where they lead).
        post_page_move.connect(page_cache_clear, dispatch_uid="pages.cache_moved")
        clear_on_change(Site, PageViewRestriction)
        post_delete.connect(
            receivers.page_deleted, dispatch_uid="pages.cache_page_deleted"
        )
