from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "cms.pages"
    label = "pages"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from wagtail.signals import copy_for_translation_done, page_published

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
