"""J1 on a cheap phone: a verified seller lists eggs with a phone photo at /stall/,
the browser shrinks the photo before upload, and the eggs appear in the shop."""

import io
import os
from datetime import timedelta

from django.utils import timezone

import pytest
from PIL import Image

from shop.catalogue.models import Product, ProductPhotoUpload
from shop.catalogue.tasks import product_photo_process_task
from tests.factories.accounts import DEFAULT_PASSWORD

pytestmark = [
    pytest.mark.browser,
    # Wagtail's root page is created by a migration: keep it across the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _phone_photo() -> bytes:
    """A noisy 3000 x 2000 JPEG: several MB, like a phone camera's."""
    image = Image.frombytes("RGB", (3000, 2000), os.urandom(3000 * 2000 * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def test_a_seller_lists_a_product_with_a_photo_from_a_phone(
    live_server, phone_page, seller, stall
):
    page = phone_page
    photo = _phone_photo()
    assert len(photo) > 3_000_000
    # given: the seller logs in on the phone and opens the stall
    page.goto(f"{live_server.url}/accounts/login/?next=/stall/")
    page.fill("input[name=username]", str(seller.phone))
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/stall/")
    page.get_by_role("link", name="List a product").click()
    # when: a photo, a name, a category, a unit and a price, stock, a date
    page.set_input_files(
        "input[name=photos]",
        files=[{"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": photo}],
    )
    page.wait_for_selector("input[name=photos][data-shrunk='1']", state="attached")
    sent_size = page.evaluate(
        "document.querySelector('input[name=photos]').files[0].size"
    )
    page.fill("input[name=title]", "Free-range eggs")
    page.select_option("select[name=produce_category]", "eggs-poultry")
    page.select_option("select[name=unit]", "dozen")
    page.fill("input[name=price]", "28")
    page.fill("input[name=quantity]", "40")
    harvest = timezone.localdate() - timedelta(days=1)
    page.fill("input[name=harvest_date]", harvest.isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/stall/")
    # then: the photo travelled shrunk, and the product is on the stall page
    assert sent_size < 1_000_000
    assert page.get_by_text("Free-range eggs").first.is_visible()
    upload = ProductPhotoUpload.objects.get()
    assert upload.file.size < 1_000_000
    # the worker's job, run here by calling the task function
    product_photo_process_task(upload.pk)
    # and shoppers find it in the catalogue, with its photo
    page.goto(f"{live_server.url}/shop/catalogue/?township={stall.township.slug}")
    product = Product.objects.get()
    tile = page.locator(f"[data-product='{product.pk}']")
    assert tile.get_by_text("Free-range eggs").is_visible()
    assert "_w320.webp" in tile.locator("img").get_attribute("src")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
