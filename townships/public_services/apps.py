from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicServicesConfig(AppConfig):
    name = "townships.public_services"
    label = "public_services"
    verbose_name = _("Public services")

    def ready(self) -> None:
        from hub.core.page_cache import clear_on_change

        from .models import PublicService, RequiredMaterial

        # The catalogue and each service's page and guide.
        clear_on_change(PublicService, RequiredMaterial)
