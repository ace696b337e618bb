"""Kept pages forgotten as narrowly as a stock record's change allows.

Every order moves stock records (allocated at checkout, consumed at dispatch,
given back on a cancellation). Most such moves change only how many are left,
which only the product's own page and the API's product data show: they move
the product's version and the stock version (hub.core.page_cache.version), and
every other kept page stays. A change to what listings show (the price, the
seller, whether any is left to buy), a new or deleted record, forgets every
kept page as before.
"""

from django.db import transaction

from hub.core.page_cache import page_cache_clear, version_moved
from shop.partner.models import StockRecord

# The version of every product's stock: what a list showing how many are left
# (the API's) is kept for.
ALL_STOCK = "stock"
_LISTED = ("product_id", "partner_id", "price", "price_currency")
_COUNTS = ("num_in_stock", "num_allocated")


def stock_version(product_pk: int) -> str:
    """The name of the version of a product's stock (page_cache.version)."""
    return f"stock:{product_pk}"


def remember_listing(sender, instance: StockRecord, raw: bool = False, **kwargs):
    """pre_save: what the record's listing showed, read under the row's lock
    inside a transaction (the write takes that lock a moment later anyway), so
    that a concurrent change cannot come between the reading and the write."""
    if raw or instance.pk is None:
        return
    rows = StockRecord.objects.filter(pk=instance.pk)
    if transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update()
    instance._hub_listed_before = rows.values_list(*_LISTED, *_COUNTS).first()


def forget_kept_pages(sender, instance: StockRecord, created: bool = False, **kwargs):
    """post_save: a product's stock version if only how many are left changed,
    every kept page otherwise."""
    before = instance.__dict__.pop("_hub_listed_before", None)
    after = tuple(getattr(instance, field) for field in (*_LISTED, *_COUNTS))
    if created or before is None or _listing(before) != _listing(after):
        page_cache_clear()
    else:
        version_moved(stock_version(instance.product_id), ALL_STOCK)


def _listing(values: tuple) -> tuple:
    """What a listing shows of a record: its product, seller and price, and
    whether any is left to buy (Oscar's net stock level above nothing)."""
    listed = values[: len(_LISTED)]
    num_in_stock, num_allocated = values[len(_LISTED) :]
    return (*listed, (num_in_stock or 0) - (num_allocated or 0) > 0)
