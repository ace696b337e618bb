"""Forms of the seller's stall pages. They parse input; services decide."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phonenumber_field.formfields import PhoneNumberField

from hub.core.images import validate_photo
from shop.catalogue.constants import (
    MAX_QUANTITY,
    MAX_SHELF_LIFE_DAYS,
    MAX_UNIT_PRICE,
    MAX_WEIGHT_GRAMS,
    ProduceCategory,
    ProduceUnit,
)
from shop.catalogue.services import ListingData

from .constants import BadgeKind
from .models import Partner

_STALL_FIELDS = [
    "name",
    "village",
    "township",
    "phone",
    "cooperative",
    "payout_method",
    "story",
]


class StallApplyForm(forms.ModelForm):
    """A citizen's application for a stall."""

    class Meta:
        model = Partner
        fields = _STALL_FIELDS
        labels = {"name": _("Stall name (shown to shoppers)")}
        help_texts = {
            "cooperative": _("Optional: the cooperative you sell for."),
        }
        widgets = {
            "payout_method": forms.RadioSelect,
            "story": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, townships=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["township"]
        field.required = True
        field.queryset = field.queryset.filter(is_active=True)
        if townships is not None:
            field.queryset = field.queryset.filter(pk__in=townships)
        self.fields["phone"].required = True
        self.fields["village"].required = True

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in _STALL_FIELDS}


class AssistedStallForm(StallApplyForm):
    """An agent opens a stall for a villager of their township."""

    villager_phone = PhoneNumberField(
        label=_("Villager's phone number (their account)"),
        help_text=_("The villager must already have an account; they own the stall."),
    )

    field_order = ["villager_phone", *_STALL_FIELDS]


class RefuseStallForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class PayoutForm(forms.Form):
    """Money the finance office paid a stall; the service checks what is owed."""

    amount = forms.DecimalField(
        label=_("Amount paid"),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    reference = forms.CharField(
        label=_("Bank transfer or cash receipt number"), max_length=64
    )
    period_start = forms.DateField(
        label=_("For sales from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BadgeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Badge"), choices=BadgeKind.choices)
    number = forms.CharField(
        label=_("Certificate or registration number"), max_length=80
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    product = forms.ModelChoiceField(
        label=_("Product (leave empty for the whole stall)"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args, stall: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = stall.products.order_by("title")


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one input; each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultiplePhotoInput(attrs={"accept": "image/*", "data-shrink": "1600"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ListingForm(forms.Form):
    """A product in a few taps: photos, name, category, unit and price, stock."""

    photos = MultiplePhotoField(label=_("Photos"), required=False)
    title = forms.CharField(label=_("Product name"), max_length=255)
    produce_category = forms.ChoiceField(
        label=_("Category"), choices=ProduceCategory.choices
    )
    unit = forms.ChoiceField(label=_("Sold by"), choices=ProduceUnit.choices)
    price = forms.DecimalField(
        label=_("Price per unit"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MAX_UNIT_PRICE,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    quantity = forms.IntegerField(
        label=_("Quantity in stock"),
        min_value=0,
        max_value=MAX_QUANTITY,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    harvest_date = forms.DateField(
        label=_("Harvest or production date"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    shelf_life_days = forms.IntegerField(
        label=_("Shelf life (days)"),
        required=False,
        min_value=1,
        max_value=MAX_SHELF_LIFE_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    weight_grams = forms.IntegerField(
        label=_("Weight for shipping (grams)"),
        required=False,
        min_value=1,
        max_value=MAX_WEIGHT_GRAMS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate().isoformat()
        self.fields["harvest_date"].widget.attrs["max"] = today

    def clean_photos(self):
        photos = self.cleaned_data.get("photos") or []
        for photo in photos:
            validate_photo(photo)
        return photos

    def clean_harvest_date(self):
        harvest_date = self.cleaned_data["harvest_date"]
        if harvest_date > timezone.localdate():
            raise forms.ValidationError(_("The harvest date cannot be in the future."))
        return harvest_date

    def listing_data(self) -> ListingData:
        data = self.cleaned_data
        return ListingData(
            title=data["title"],
            produce_category=data["produce_category"],
            unit=data["unit"],
            price=data["price"],
            quantity=data["quantity"],
            harvest_date=data["harvest_date"],
            shelf_life_days=data.get("shelf_life_days"),
            weight_grams=data.get("weight_grams"),
            description=data.get("description", ""),
        )

    @classmethod
    def initial_for(cls, product) -> dict:
        stockrecord = product.stockrecords.all()[0]
        return {
            "title": product.title,
            "produce_category": product.produce_category,
            "unit": product.unit,
            "price": stockrecord.price,
            "quantity": stockrecord.num_in_stock,
            "harvest_date": product.harvest_date,
            "shelf_life_days": product.shelf_life_days,
            "weight_grams": product.weight_grams,
            "description": product.description,
        }
