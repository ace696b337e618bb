"""Writes for listings: list a product on a stall, edit it, process its photos."""

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oscar.core.utils import slugify

from hub.core.images import process_photo, rendition_name, validate_photo
from shop.partner.constants import StallActionVerb
from shop.partner.models import Partner, StockRecord
from shop.partner.permissions import can_list_on_stall
from shop.partner.services import stall_action_record

from .constants import (
    MAX_QUANTITY,
    MAX_SHELF_LIFE_DAYS,
    MAX_UNIT_PRICE,
    MAX_WEIGHT_GRAMS,
    PhotoStatus,
    ProduceCategory,
    ProduceUnit,
)
from .models import Product, ProductClass, ProductImage, ProductPhotoUpload

PRODUCE_CLASS_SLUG = "produce"


@dataclass(frozen=True)
class ListingData:
    """What a seller types for one product."""

    title: str
    produce_category: str
    unit: str
    price: Decimal
    quantity: int
    harvest_date: date
    shelf_life_days: int | None = None
    weight_grams: int | None = None
    description: str = ""


def listing_check(*, data: ListingData) -> None:
    """Refuse absurd prices, quantities, weights and future harvest dates."""
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("Please give the product a name.")
    if data.produce_category not in ProduceCategory.values:
        errors["produce_category"] = _("Please choose a category.")
    if data.unit not in ProduceUnit.values:
        errors["unit"] = _("Please choose a unit.")
    if data.price is None or data.price <= 0:
        errors["price"] = _("The price must be more than zero.")
    elif data.price > MAX_UNIT_PRICE:
        errors["price"] = _("This price is too high; please check it.")
    if data.quantity is None or data.quantity < 0:
        errors["quantity"] = _("The quantity cannot be negative.")
    elif data.quantity > MAX_QUANTITY:
        errors["quantity"] = _("This quantity is too large; please check it.")
    if data.harvest_date is None:
        errors["harvest_date"] = _("Please give the harvest or production date.")
    elif data.harvest_date > timezone.localdate():
        errors["harvest_date"] = _("The harvest date cannot be in the future.")
    if data.shelf_life_days is not None and not (
        1 <= data.shelf_life_days <= MAX_SHELF_LIFE_DAYS
    ):
        errors["shelf_life_days"] = _("Shelf life must be between 1 and 3650 days.")
    if data.weight_grams is not None and not (
        1 <= data.weight_grams <= MAX_WEIGHT_GRAMS
    ):
        errors["weight_grams"] = _("Weight must be between 1 g and 50 kg.")
    if errors:
        raise ValidationError(errors)


def _produce_class() -> ProductClass:
    product_class, _created = ProductClass.objects.get_or_create(
        slug=PRODUCE_CLASS_SLUG,
        defaults={"name": "Produce", "requires_shipping": True, "track_stock": True},
    )
    return product_class


def _currency(stall: Partner) -> str:
    if stall.township_id:
        return stall.township.currency
    return settings.OSCAR_DEFAULT_CURRENCY


def _apply(product: Product, data: ListingData) -> None:
    product.title = data.title.strip()
    product.slug = slugify(product.title)[:255] or "produce"
    # Oscar's NullCharField reads NULL back as ""; "" would clash in validate_unique.
    product.upc = product.upc or None
    product.description = data.description.strip()
    product.produce_category = data.produce_category
    product.unit = data.unit
    product.harvest_date = data.harvest_date
    product.shelf_life_days = data.shelf_life_days
    product.weight_grams = data.weight_grams


def _add_photos(*, product: Product, photos: list) -> list[ProductPhotoUpload]:
    from .tasks import product_photo_process_task

    start = product.photo_uploads.count()
    uploads = []
    for offset, photo in enumerate(photos):
        validate_photo(photo)
        upload = ProductPhotoUpload(product=product, display_order=start + offset)
        upload.file.save(f"{uuid.uuid4().hex}.upload", photo, save=False)
        upload.save()
        uploads.append(upload)
        product_photo_process_task.delay_on_commit(upload.pk)
    return uploads


@transaction.atomic
def product_create(
    *, actor: Any, stall: Partner, data: ListingData, photos: list | None = None
) -> Product:
    """List a product on a verified stall, with its price, stock and photos.

    Photos are checked now (nothing is saved if one is refused) and processed
    after commit by ``product_photo_process_task``.
    """
    if not can_list_on_stall(actor, stall):
        raise PermissionDenied(_("This stall cannot list products."))
    listing_check(data=data)
    for photo in photos or []:
        validate_photo(photo)
    product = Product(product_class=_produce_class(), stall=stall, is_public=True)
    _apply(product, data)
    product.full_clean()
    product.save()
    stockrecord = StockRecord(
        product=product,
        partner=stall,
        partner_sku=f"P{product.pk}",
        price_currency=_currency(stall),
        price=data.price,
        num_in_stock=data.quantity,
        low_stock_threshold=3,
    )
    stockrecord.full_clean()
    stockrecord.save()
    _add_photos(product=product, photos=photos or [])
    stall_action_record(
        stall=stall, actor=actor, verb=StallActionVerb.LIST_PRODUCT, product=product
    )
    return product


@transaction.atomic
def product_update(
    *, actor: Any, product: Product, data: ListingData, photos: list | None = None
) -> Product:
    """Change a listing of the actor's stall: text, price, stock, more photos."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    stall = product.stall
    if stall is None or not can_list_on_stall(actor, stall):
        raise PermissionDenied(_("You cannot change this product."))
    listing_check(data=data)
    for photo in photos or []:
        validate_photo(photo)
    _apply(product, data)
    product.full_clean()
    product.save()
    stockrecord = product.stockrecords.get(partner=stall)
    stockrecord.price = data.price
    stockrecord.num_in_stock = data.quantity
    stockrecord.full_clean()
    stockrecord.save()
    _add_photos(product=product, photos=photos or [])
    stall_action_record(
        stall=stall, actor=actor, verb=StallActionVerb.EDIT_PRODUCT, product=product
    )
    return product


@transaction.atomic
def product_photo_process(*, upload: ProductPhotoUpload) -> ProductPhotoUpload:
    """Make the upload a public ProductImage: upright, no metadata, renditions.

    Idempotent: an upload already done or refused is left as it is. Holds a
    row lock on the upload while it works.
    """
    upload = ProductPhotoUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status != PhotoStatus.PENDING:
        return upload
    try:
        with upload.file.open("rb") as fileobj:
            processed = process_photo(fileobj)
    except ValidationError as exc:
        upload.status = PhotoStatus.FAILED
        upload.error = "; ".join(exc.messages)[:255]
        upload.save(update_fields=["status", "error"])
        return upload
    name = f"images/products/{upload.product_id}/{uuid.uuid4().hex}.jpg"
    image = ProductImage(
        product_id=upload.product_id, display_order=upload.display_order
    )
    image.original.save(name, ContentFile(processed.main), save=False)
    for width, content in processed.renditions.items():
        default_storage.save(
            rendition_name(image.original.name, width), ContentFile(content)
        )
    image.save()
    upload.file.delete(save=False)
    upload.status = PhotoStatus.DONE
    upload.image = image
    upload.save(update_fields=["status", "image", "file"])
    return upload
