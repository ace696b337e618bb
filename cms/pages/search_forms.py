"""The search box of the micro-sites, the hub and the township index."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import SEARCH_QUERY_MAX_LENGTH


class SearchForm(forms.Form):
    """One text box; an empty or too long query gets a message, never an error page."""

    q = forms.CharField(
        label=_("Search"),
        max_length=SEARCH_QUERY_MAX_LENGTH,
        strip=True,
        error_messages={
            "required": _("Type a word or two to search for."),
            "max_length": _(
                "Your search is too long: at most %(limit_value)d characters, "
                "you typed %(show_value)d."
            ),
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
