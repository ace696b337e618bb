"""The form of a user's channel preferences: per kind of message, e-mail and SMS."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Channel, MessageKind


def _value(kind: str, channel: str) -> str:
    return f"{kind}:{channel}"


class ChannelPreferencesForm(forms.Form):
    """One tick box per kind of message and channel that reaches the user.

    All ticks post under one name as ``kind:channel``; an unknown pair is an
    invalid choice here, and a channel that does not reach the user is refused
    by services.channel_preferences_set.
    """

    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        required=False,
        choices=[
            (_value(kind, channel), f"{kind_label}: {channel_label}")
            for kind, kind_label in MessageKind.choices
            for channel, channel_label in Channel.choices
        ],
        error_messages={
            "invalid_choice": _("Choose kinds of message and channels from the list.")
        },
    )

    def __init__(self, *args, reachable: list[str], preferences: dict, **kwargs):
        self.reachable = reachable
        ticked = [
            _value(kind, channel)
            for kind in MessageKind.values
            for channel in reachable
            if kind not in preferences or getattr(preferences[kind], f"by_{channel}")
        ]
        super().__init__(*args, initial={"channels": ticked}, **kwargs)

    def chosen(self) -> dict[str, set[str]]:
        """The ticked channels by MessageKind value (call after is_valid)."""
        chosen: dict[str, set[str]] = {kind: set() for kind in MessageKind.values}
        for value in self.cleaned_data["channels"]:
            kind, channel = value.split(":")
            chosen[kind].add(channel)
        return chosen

    def rows(self) -> list[dict]:
        """For the template: each kind, a tick box per channel that reaches the user.

        A bound form shows what was posted, so input survives an error.
        """
        if self.is_bound:
            ticked = set(self.data.getlist(self.add_prefix("channels")))
        else:
            ticked = set(self.initial["channels"])
        return [
            {
                "label": kind_label,
                "boxes": [
                    {
                        "label": Channel(channel).label,
                        "value": _value(kind, channel),
                        "checked": _value(kind, channel) in ticked,
                    }
                    for channel in self.reachable
                ],
            }
            for kind, kind_label in MessageKind.choices
        ]
