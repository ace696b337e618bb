"""Stalls, listings and photos. Products are listed through the real service."""

import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import factory
from factory.django import DjangoModelFactory
from PIL import Image

from shop.catalogue.constants import ProduceCategory, ProduceUnit
from shop.catalogue.services import ListingData
from shop.partner.constants import PayoutMethod, StallStatus
from shop.partner.models import Partner
from tests.factories.accounts import UserFactory
from tests.factories.townships import TownshipFactory


class StallFactory(DjangoModelFactory[Partner]):
    """A verified stall with one owner (pass ``owners=[...]`` to choose)."""

    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Stall {n}")
    township = factory.SubFactory(TownshipFactory)
    village = "Yangping"
    phone = factory.Sequence(lambda n: f"+86139{n:08d}")
    payout_method = PayoutMethod.CASH
    status = StallStatus.VERIFIED

    @factory.post_generation
    def owners(obj, create, extracted, **kwargs):
        if not create:
            return
        owners = extracted if extracted is not None else [UserFactory()]
        obj.users.add(*owners)


def listing_data(**overrides) -> ListingData:
    """A valid listing: free-range eggs by the dozen."""
    values = {
        "title": "Free-range eggs",
        "produce_category": ProduceCategory.EGGS_POULTRY,
        "unit": ProduceUnit.DOZEN,
        "price": Decimal("28.00"),
        "quantity": 40,
        "harvest_date": timezone.localdate() - timedelta(days=1),
        "shelf_life_days": 20,
        "weight_grams": 800,
        "description": "From the hillside.",
    }
    values.update(overrides)
    return ListingData(**values)


def listing_post(**overrides) -> dict:
    """The same listing as the web form posts it."""
    data = listing_data()
    values = {
        "title": data.title,
        "produce_category": data.produce_category,
        "unit": data.unit,
        "price": str(data.price),
        "quantity": str(data.quantity),
        "harvest_date": data.harvest_date.isoformat(),
        "shelf_life_days": str(data.shelf_life_days),
        "weight_grams": str(data.weight_grams),
        "description": data.description,
    }
    values.update(overrides)
    return values


def jpeg_bytes(size=(64, 48), colour=(200, 120, 40), exif=None) -> bytes:
    buffer = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, colour).save(buffer, "JPEG", **kwargs)
    return buffer.getvalue()


def photo_upload(content: bytes | None = None, name: str = "photo.jpg"):
    return SimpleUploadedFile(
        name, content if content is not None else jpeg_bytes(), "image/jpeg"
    )
