"""The service guide's editing form: the service is chosen among its township's."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from townships.public_services.models import PublicService

from . import selectors


class ServiceGuidePageForm(WagtailAdminPageForm):
    """Offers only the services of the township whose micro-site holds the guide."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        township = (
            selectors.township_for_page(page=parent_page) if parent_page else None
        )
        self.fields["service"].queryset = (
            PublicService.objects.filter(township=township).select_related("department")
            if township is not None
            else PublicService.objects.none()
        )
        self.fields["service"].help_text = _(
            "When chosen, the guide shows the service's fee, times, delivery and "
            "materials from the catalogue instead of the fields below."
        )
