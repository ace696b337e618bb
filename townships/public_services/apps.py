from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicServicesConfig(AppConfig):
    name = "townships.public_services"
    label = "public_services"
    verbose_name = _("Public services")
