from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    """Public figures of every township, read from townships and shop (no models)."""

    name = "cms.transparency"
    label = "transparency"
    verbose_name = _("Transparency")
