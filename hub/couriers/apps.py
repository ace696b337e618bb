from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouriersConfig(AppConfig):
    name = "hub.couriers"
    label = "couriers"
    verbose_name = _("Couriers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The built-in and fake carriers register themselves on import.
        from .contrib.fake import plugin as _fake  # noqa: F401
        from .contrib.township import plugin as _township  # noqa: F401
