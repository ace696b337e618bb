from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TownshipsConfig(AppConfig):
    name = "townships.core"
    label = "townships"
    verbose_name = _("Townships")

    def ready(self) -> None:
        from hub.core.page_cache import clear_on_change

        from .models import Department, Township

        # Names, places and offices appear on nearly every public page.
        clear_on_change(Township, Department)
