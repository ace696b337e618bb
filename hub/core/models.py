"""Abstract base models shared by every app."""

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _


class ChoiceLabelsMixin:
    """``get_FOO_display()`` that translates only the label it shows.

    Django's builds a dict of all the field's choices on every call, hashing
    each lazy label, which translates it: a list of 20 rows whose field has
    10 choices translated 200 strings to show 20. Here the dict is built once
    per field, keyed by value, and only the label looked up is translated (in
    the language of the request, as before).
    """

    def _get_FIELD_display(self, field):
        labels = field.__dict__.get("_hub_choice_labels")
        if labels is None:
            labels = {make_hashable(value): label for value, label in field.flatchoices}
            field._hub_choice_labels = labels
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


class TimeStampedModel(ChoiceLabelsMixin, models.Model):
    """Adds creation and last-change times."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
