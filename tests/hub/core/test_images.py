"""The photo pipeline: real JPEGs with GPS come out clean; fakes and bombs refused."""

import io

from django.core.exceptions import ValidationError

import pytest
from PIL import Image

from hub.core import images
from hub.core.images import process_photo, validate_photo
from tests.factories.shop import jpeg_bytes, photo_upload

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def _jpeg_with_gps(size=(80, 40), orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (30.0, 59.0, 0.0), 3: "E", 4: (103.0, 46.0, 0.0)}
    )
    return jpeg_bytes(size=size, exif=exif)


def test_a_real_jpeg_with_gps_comes_out_without_any_exif():
    # given
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    # when
    processed = process_photo(io.BytesIO(original))
    # then
    main = Image.open(io.BytesIO(processed.main))
    assert main.format == "JPEG"
    for content in [processed.main, *processed.renditions.values()]:
        image = Image.open(io.BytesIO(content))
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info


def test_orientation_is_applied_to_the_pixels():
    # given: stored 80x40 with "rotate 90" in EXIF (orientation 6)
    original = _jpeg_with_gps(size=(80, 40), orientation=6)
    # when
    processed = process_photo(io.BytesIO(original))
    # then: upright, 40 wide and 80 high
    assert Image.open(io.BytesIO(processed.main)).size == (40, 80)


def test_renditions_have_the_widths_asked_for():
    processed = process_photo(io.BytesIO(jpeg_bytes(size=(2000, 1500))))
    assert Image.open(io.BytesIO(processed.main)).size == (1600, 1200)
    sizes = {
        width: Image.open(io.BytesIO(content)).size
        for width, content in processed.renditions.items()
    }
    assert sizes == {160: (160, 120), 320: (320, 240), 640: (640, 480), 800: (800, 600)}
    assert {
        Image.open(io.BytesIO(content)).format
        for content in processed.renditions.values()
    } == {"WEBP"}
    # a tile's WebP is lighter than the JPEG it replaces
    assert len(processed.renditions[320]) < len(processed.main) / 4


def test_refuses_a_file_that_is_not_an_image_whatever_its_name():
    fake = photo_upload(b"%PDF-1.4 not a photo at all", name="eggs.jpg")
    with pytest.raises(ValidationError) as excinfo:
        validate_photo(fake)
    assert excinfo.value.code == "not_an_image"


def test_refuses_a_truncated_jpeg():
    broken = photo_upload(jpeg_bytes()[:60])
    with pytest.raises(ValidationError):
        validate_photo(broken)


def test_refuses_a_decompression_bomb_over_our_pixel_limit():
    # given: a 10000 x 10000 PNG, tiny on disk (one colour), 100 Mpx when decoded
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")
    assert buffer.tell() < 100_000
    # when / then
    with pytest.raises(ValidationError) as excinfo:
        validate_photo(photo_upload(buffer.getvalue(), name="bomb.png"))
    assert excinfo.value.code == "too_many_pixels"


def test_pillow_bomb_warning_is_an_error(monkeypatch):
    # given: our own limit lifted, so only Pillow's warning (>89.5 Mpx) is left
    monkeypatch.setattr(images, "PHOTO_MAX_PIXELS", 10**10)
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")
    # when / then
    with pytest.raises(ValidationError) as excinfo:
        validate_photo(photo_upload(buffer.getvalue(), name="bomb.png"))
    assert excinfo.value.code == "too_many_pixels"


def test_refuses_a_file_over_the_size_limit(monkeypatch):
    monkeypatch.setattr(images, "PHOTO_MAX_BYTES", 1000)
    with pytest.raises(ValidationError) as excinfo:
        validate_photo(photo_upload(jpeg_bytes(size=(400, 400)) + b"\0" * 1000))
    assert excinfo.value.code == "too_large"
