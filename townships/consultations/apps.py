from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "townships.consultations"
    label = "consultations"
    verbose_name = _("Questions and complaints")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hub.core.page_cache import clear_on_change

        from .models import Category, Consultation, MeToo

        # The public board: answers, categories, "me too" counts.
        clear_on_change(Consultation, Category, MeToo)
