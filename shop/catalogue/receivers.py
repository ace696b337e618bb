"""Kept pages forgotten as narrowly as a stock record's change allows.

Every order moves stock records (allocated at checkout, consumed at dispatch,
given back on a cancellation), through Oscar's allocate, consume and cancel,
which change only how many are left (StockRecord.post_save_signal says so in
update_fields). Only the product's own page and the API's product data show
that: such a save moves the product's stock version and the stock version
(hub.core.page_cache.version), and every other kept page stays. Any other save
(a seller's new price or stock, a new record) or a deletion forgets every kept
page as before.
"""

from hub.core.page_cache import page_cache_clear, version_moved
from shop.partner.constants import STOCK_COUNTS
from shop.partner.models import StockRecord

# The version of every product's stock: what a list showing how many are left
# (the API's) is kept for.
ALL_STOCK = "stock"


def stock_version(product_pk: int) -> str:
    """The name of the version of a product's stock (page_cache.version)."""
    return f"stock:{product_pk}"


def forget_kept_pages(
    sender, instance: StockRecord, created: bool = False, update_fields=None, **kwargs
):
    """post_save: a product's stock version if only how many are left changed,
    every kept page otherwise."""
    if not created and update_fields and set(update_fields) <= STOCK_COUNTS:
        version_moved(stock_version(instance.product_id), ALL_STOCK)
    else:
        page_cache_clear()
