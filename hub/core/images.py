"""Photos (products, proofs of delivery): refuse what is not a safe image, then
make renditions.

Pillow only *warns* (DecompressionBombWarning) between 89.5 and 179 megapixels and
raises above; we turn the warning into an error and refuse anything over our own,
lower PHOTO_MAX_PIXELS before a single pixel is decoded.
"""

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from PIL import Image, ImageOps, UnidentifiedImageError

# What one upload may be, and the renditions made from it.
PHOTO_MAX_BYTES = 15 * 1024 * 1024
# Our own limit, well under Pillow's bomb warning (89.5 Mpx): a 48 Mpx phone
# sensor passes, a crafted 10000 x 10000 image does not.
PHOTO_MAX_PIXELS = 50_000_000
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
PHOTO_MAX_SIDE = 1600
# WebP renditions for srcset: a tile on a phone takes 160 or 320 (2x screens),
# a product page 640 or 800. The stored main photo stays a JPEG.
PHOTO_RENDITION_WIDTHS = (160, 320, 640, 800)


@contextmanager
def _bomb_guard() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def _too_big_error() -> ValidationError:
    return ValidationError(
        _("This photo has too many pixels (more than %(mpx)d megapixels)."),
        code="too_many_pixels",
        params={"mpx": PHOTO_MAX_PIXELS // 1_000_000},
    )


def _size(fileobj) -> int:
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(0)
    return size


def validate_photo(upload) -> None:
    """Refuse a file that is too large, not an image, or a decompression bomb.

    Reads the content (never the name or the browser's content type) and leaves
    the file rewound.
    """
    if _size(upload) > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("This photo is too large (%(mb)d MB at most)."),
            code="too_large",
            params={"mb": PHOTO_MAX_BYTES // (1024 * 1024)},
        )
    upload.seek(0)
    try:
        with _bomb_guard():
            with Image.open(upload) as image:
                if image.format not in PHOTO_FORMATS:
                    raise ValidationError(
                        _("Please send a JPEG, PNG, WebP or GIF photo."),
                        code="format",
                    )
                width, height = image.size
                if width * height > PHOTO_MAX_PIXELS:
                    raise _too_big_error()
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise _too_big_error() from exc
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("This file is not a photo we can read."), code="not_an_image"
        ) from exc
    finally:
        upload.seek(0)


@dataclass(frozen=True)
class ProcessedPhoto:
    main: bytes
    renditions: dict[int, bytes]


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # No exif= argument: nothing of the original metadata (GPS) is written.
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def _webp(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # About a third smaller than a JPEG of the same look; no metadata either.
    image.save(buffer, "WEBP", quality=75, method=4)
    return buffer.getvalue()


def process_photo(fileobj) -> ProcessedPhoto:
    """Turn the photo upright, drop its metadata, and make the WebP renditions.

    Raises ValidationError for the same inputs validate_photo refuses.
    """
    validate_photo(fileobj)
    try:
        with _bomb_guard(), Image.open(fileobj) as opened:
            if opened.width * opened.height > PHOTO_MAX_PIXELS:
                raise _too_big_error()
            image = ImageOps.exif_transpose(opened)
            image = image.convert("RGB")
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise _too_big_error() from exc
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
    # A fresh image carries no info dict (exif, icc, comments) from the upload.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    renditions = {}
    for width in PHOTO_RENDITION_WIDTHS:
        copy = clean.copy()
        copy.thumbnail((width, width * 2), Image.Resampling.LANCZOS)
        renditions[width] = _webp(copy)
    return ProcessedPhoto(main=_jpeg(clean), renditions=renditions)


def rendition_name(name: str, width: int) -> str:
    """The storage name of a rendition of the stored photo ``name``."""
    stem, _dot, _ext = name.rpartition(".")
    return f"{stem or name}_w{width}.webp"
