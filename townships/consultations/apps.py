from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "townships.consultations"
    label = "consultations"
    verbose_name = _("Questions and complaints")
    default_auto_field = "django.db.models.BigAutoField"
