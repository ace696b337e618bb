"""Forms of the dispatch board: assign shipments to a courier, record cash."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import dispatch_selectors
from .constants import TOWNSHIP_PROVIDER
from .models import Shipment


class AssignForm(forms.Form):
    """Checked shipments, or a whole village, to one active courier for a day.

    The checked shipments may be waiting or already assigned (reassign); the
    service refuses the lot if one of them cannot go.
    """

    courier = forms.ModelChoiceField(
        label=_("Courier"),
        queryset=None,
        empty_label=_("Choose a courier"),
        error_messages={
            "invalid_choice": _("Choose an active courier of this township.")
        },
    )
    day = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    shipments = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        error_messages={
            "invalid_choice": _("%(value)s is not a shipment of this township."),
            "invalid_pk_value": _("“%(pk)s” is not a shipment."),
        },
    )
    # The "assign the whole village" button: a zone pk, or "none".
    village = forms.CharField(required=False)

    def __init__(self, *args: Any, township: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.township = township
        self.fields["courier"].queryset = dispatch_selectors.courier_choices(
            township=township
        )
        self.fields["shipments"].queryset = Shipment.objects.filter(
            township=township, provider=TOWNSHIP_PROVIDER
        )
        self.fields["day"].initial = timezone.localdate

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later day."))
        return day

    def clean_village(self) -> list[int] | None:
        village = self.cleaned_data["village"].strip()
        if not village:
            return None
        if village != "none" and not village.isdigit():
            raise forms.ValidationError(_("Choose a village on the board."))
        pks = dispatch_selectors.unassigned_pks_in_village(
            township=self.township, zone_pk=None if village == "none" else int(village)
        )
        if not pks:
            raise forms.ValidationError(
                _("Nothing is waiting for a courier in this village any more.")
            )
        return pks

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        pks = data.get("village")
        if pks is None:
            pks = [shipment.pk for shipment in data.get("shipments") or []]
        if not pks:
            raise forms.ValidationError(_("Check the shipments to assign."))
        data["shipment_pks"] = pks
        return data

    def checked_pks(self) -> set[int]:
        """The shipments checked in the posted form, to keep them checked."""
        if not self.is_bound:
            return set()
        return {int(pk) for pk in self.data.getlist("shipments") if pk.isdigit()}


class ReturnForm(forms.Form):
    """Why the shipment goes back to its sender (optional)."""

    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class RemitForm(forms.Form):
    """Cash a courier hands over, as counted at the office."""

    courier = forms.ModelChoiceField(
        label=_("Courier"),
        queryset=None,
        empty_label=_("Choose a courier"),
        error_messages={"invalid_choice": _("Choose a courier of this township.")},
    )
    counted = forms.DecimalField(
        label=_("Amount counted"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        # Text, not number: a phone's number field drops what it cannot parse,
        # and the person must see what they typed next to the message.
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "min_value": _("Type the amount counted (0 or more)."),
            "invalid": _("Type the amount counted as a number, e.g. 120.50."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=255,
        required=False,
        help_text=_("Say why, if the amount is not what was expected."),
    )

    def __init__(self, *args: Any, township: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A courier no longer active may still hand over what they hold.
        self.fields["courier"].queryset = dispatch_selectors.courier_choices(
            township=township, active_only=False
        )
