"""Wagtail signals caught by the pages app (connected in apps.ready())."""

from wagtail.models import Page

from hub.core.page_cache import page_cache_clear

from .dispatch import notice_dispatch_for_publish
from .models import TownshipHomePage
from .services import township_site_provision


def notice_published(sender, instance, revision=None, **kwargs) -> None:
    """A notice was published: tell its subscribers, if this round calls for it."""
    notice_dispatch_for_publish(notice=instance, revision=revision)


def page_translated(sender, source_obj, target_obj, **kwargs) -> None:
    """A township home was translated: its editors get the same rights on it."""
    if isinstance(target_obj, TownshipHomePage):
        township_site_provision(township=target_obj.township)


def page_deleted(sender, instance, **kwargs) -> None:
    """A page went: cached pages may link to it or list it."""
    if isinstance(instance, Page):
        page_cache_clear()
