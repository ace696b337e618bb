"""The subscription form: which notices of a township, and by which channels."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.notifications.constants import Channel

from .constants import NoticeCategory

SCOPE_ALL = "all"
SCOPE_SOME = "some"
# Emergency alerts always go to every subscriber, so they are not a choice.
SUBSCRIBABLE_CATEGORIES = [
    (value, label)
    for value, label in NoticeCategory.choices
    if value != NoticeCategory.EMERGENCY_ALERT
]


class NoticeSubscriptionForm(forms.Form):
    """Parses what was ticked; the channels offered depend on the user's account."""

    scope = forms.ChoiceField(
        label=_("Which notices"),
        choices=[
            (SCOPE_ALL, _("All notices")),
            (SCOPE_SOME, _("Only the categories ticked below")),
        ],
        initial=SCOPE_ALL,
        widget=forms.RadioSelect,
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories"),
        choices=SUBSCRIBABLE_CATEGORIES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Emergency alerts are always sent."),
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not a category of notices. Tick categories from "
                "the list."
            )
        },
    )
    channels = forms.MultipleChoiceField(
        label=_("Also send them"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every notice is always in your inbox on this site."),
        error_messages={
            "invalid_choice": _(
                "We cannot send notices to you by “%(value)s”. Tick one of the "
                "ways listed."
            )
        },
    )

    def __init__(self, *args, available_channels: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = {Channel.EMAIL: _("By e-mail"), Channel.SMS: _("By SMS")}
        self.fields["channels"].choices = [
            (channel, labels[channel]) for channel in available_channels
        ]
        if not available_channels:
            self.fields["channels"].help_text = _(
                "Every notice is in your inbox on this site. Add an e-mail address "
                "or confirm your phone by SMS code to get them by e-mail or SMS too."
            )

    def clean(self) -> dict:
        data = super().clean()
        wants_some = data.get("scope") == SCOPE_SOME
        if (
            wants_some
            and not data.get("categories")
            and "categories" not in self.errors
        ):
            self.add_error(
                "categories", _("Tick at least one category, or choose all notices.")
            )
        return data

    def service_kwargs(self) -> dict:
        """The arguments of notice_subscription_set, from the cleaned data."""
        data = self.cleaned_data
        channels = data["channels"]
        return {
            "categories": data["categories"] if data["scope"] == SCOPE_SOME else [],
            "by_email": Channel.EMAIL in channels,
            "by_sms": Channel.SMS in channels,
        }

    @staticmethod
    def initial_for(subscription) -> dict:
        """The form's initial values for an existing subscription (or none)."""
        if subscription is None:
            return {"scope": SCOPE_ALL, "channels": []}
        channels = [Channel.EMAIL] if subscription.by_email else []
        channels += [Channel.SMS] if subscription.by_sms else []
        return {
            "scope": SCOPE_SOME if subscription.categories else SCOPE_ALL,
            "categories": subscription.categories,
            "channels": channels,
        }
