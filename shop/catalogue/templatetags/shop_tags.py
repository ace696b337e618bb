"""Template helpers of the marketplace; none of them queries the database."""

from django import template
from django.core.files.storage import default_storage

from hub.core.images import PHOTO_RENDITION_WIDTHS, rendition_name

register = template.Library()


@register.filter
def rendition(image, width: int) -> str:
    """URL of the ``width`` px rendition of a ProductImage made by the photo task."""
    if not image or not getattr(image, "original", None):
        return ""
    return default_storage.url(rendition_name(image.original.name, int(width)))


@register.filter
def srcset(image, widest: int = max(PHOTO_RENDITION_WIDTHS)) -> str:
    """The renditions up to ``widest`` px, for an <img srcset>: the browser takes
    the smallest that fills the place at the screen's density."""
    if not image or not getattr(image, "original", None):
        return ""
    return ", ".join(
        f"{rendition(image, width)} {width}w"
        for width in PHOTO_RENDITION_WIDTHS
        if width <= int(widest)
    )


@register.filter
def first_item(items):
    """The first of a prefetched relation's ``.all()``, without a new query."""
    items = list(items)
    return items[0] if items else None


@register.filter
def is_low_stock(stockrecord) -> bool:
    """Whether what is left to sell (stock minus allocated) is at the threshold."""
    if stockrecord is None or stockrecord.num_in_stock is None:
        return False
    threshold = stockrecord.low_stock_threshold or 0
    return stockrecord.net_stock_level <= threshold
