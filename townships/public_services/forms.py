"""The catalogue's search box, and the /cms/ form confined to the editor's townships."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from townships.core.models import Department, Township

from .constants import SEARCH_QUERY_MAX_LENGTH
from .permissions import townships_editable_by


class ServiceSearchForm(forms.Form):
    """?q= and ?township=; a bad value gets a message, never an error page."""

    q = forms.CharField(
        label=_("Search services"),
        required=False,
        max_length=SEARCH_QUERY_MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    township = forms.ModelChoiceField(
        label=_("Township"),
        queryset=Township.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("All townships"),
    )


class PublicServiceAdminForm(WagtailAdminModelForm):
    """Township and department choices are those of the editor's own townships."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        townships = (
            townships_editable_by(self.for_user)
            if self.for_user is not None
            else Township.objects.none()
        )
        self.fields["township"].queryset = townships
        self.fields["department"].queryset = Department.objects.filter(
            township__in=townships
        ).select_related("township")
