"""Listing services and the photo task: bad input changes nothing; photos are
processed after commit, once, into clean renditions."""

import io
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

import pytest
from PIL import Image

from hub.core.images import rendition_name
from shop.catalogue.constants import PhotoStatus
from shop.catalogue.models import Product, ProductImage, ProductPhotoUpload
from shop.catalogue.services import product_create, product_update
from shop.catalogue.tasks import product_photo_process_task
from shop.partner.models import StockRecord
from tests.factories.shop import jpeg_bytes, listing_data, photo_upload

pytestmark = pytest.mark.django_db


def _gps_jpeg() -> bytes:
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (30.0, 59.0, 0.0)})
    return jpeg_bytes(size=(1200, 900), exif=exif)


def test_listing_sets_origin_price_stock_and_enqueues_the_photo_task(
    seller, stall, django_capture_on_commit_callbacks, settings
):
    # given: tasks run eagerly here only, so that on-commit sends them in-process
    settings.CELERY_TASK_ALWAYS_EAGER = True
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        product = product_create(
            actor=seller,
            stall=stall,
            data=listing_data(),
            photos=[photo_upload(_gps_jpeg())],
        )
    # then
    assert len(callbacks) == 1
    stockrecord = StockRecord.objects.get(product=product)
    assert (stockrecord.partner, stockrecord.price, stockrecord.num_in_stock) == (
        stall,
        Decimal("28.00"),
        40,
    )
    assert stockrecord.price_currency == stall.township.currency
    image = ProductImage.objects.get(product=product)
    with default_storage.open(image.original.name) as stored:
        assert dict(Image.open(stored).getexif()) == {}
    assert default_storage.exists(rendition_name(image.original.name, 320))
    upload = ProductPhotoUpload.objects.get()
    assert (upload.status, upload.file.name) == (PhotoStatus.DONE, "")


def test_the_photo_task_is_idempotent(seller, stall):
    # given: listed with a photo; the task has not run (no commit in this test)
    product_create(
        actor=seller, stall=stall, data=listing_data(), photos=[photo_upload()]
    )
    upload = ProductPhotoUpload.objects.get()
    # when
    product_photo_process_task(upload.pk)
    product_photo_process_task(upload.pk)
    # then
    assert ProductImage.objects.count() == 1
    upload.refresh_from_db()
    assert upload.status == PhotoStatus.DONE


def test_the_photo_task_ignores_an_upload_that_is_gone():
    product_photo_process_task(999_999)
    assert not ProductImage.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"price": Decimal("-1")},
        {"price": Decimal("0")},
        {"price": Decimal("1000000000")},
        {"quantity": -3},
        {"quantity": 10**7},
        {"harvest_date": timezone.localdate() + timedelta(days=1)},
        {"weight_grams": 0},
        {"shelf_life_days": 100_000},
        {"produce_category": "weapons"},
        {"unit": "ton"},
    ],
)
def test_the_service_refuses_absurd_listings_and_saves_nothing(
    seller, stall, overrides
):
    with pytest.raises(ValidationError):
        product_create(actor=seller, stall=stall, data=listing_data(**overrides))
    assert not Product.objects.exists()
    assert not StockRecord.objects.exists()


def test_a_bad_photo_among_good_ones_saves_nothing(seller, stall):
    with pytest.raises(ValidationError):
        product_create(
            actor=seller,
            stall=stall,
            data=listing_data(),
            photos=[photo_upload(), photo_upload(b"GIF89a broken", name="x.gif")],
        )
    assert not Product.objects.exists()
    assert not ProductPhotoUpload.objects.exists()


def test_a_bad_update_changes_nothing(seller, product):
    # when
    with pytest.raises(ValidationError):
        product_update(
            actor=seller, product=product, data=listing_data(price=Decimal("-1"))
        )
    # then
    assert product.stockrecords.get().price == Decimal("28.00")


def test_a_refused_photo_in_the_task_is_marked_and_not_shown(seller, stall):
    # given: a file that passed the upload check but is unreadable by the worker
    product = product_create(actor=seller, stall=stall, data=listing_data())
    upload = ProductPhotoUpload(product=product)
    upload.file.save("x.upload", io.BytesIO(b"not an image"), save=False)
    upload.save()
    # when
    product_photo_process_task(upload.pk)
    # then
    upload.refresh_from_db()
    assert upload.status == PhotoStatus.FAILED
    assert upload.error
    assert not ProductImage.objects.exists()
