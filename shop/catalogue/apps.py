import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.catalogue"

    def ready(self) -> None:
        super().ready()
        from django.db.models.signals import post_delete, post_save

        from hub.core.page_cache import clear_on_change, page_cache_clear
        from shop.partner.models import Badge, Partner, StockRecord

        from . import receivers
        from .models import Product, ProductClass, ProductImage, ProductRecommendation

        # What the catalogue and product pages show: the product, the stall,
        # whether stock is counted (the product's class), the products
        # recommended with it. A review saves its product (Oscar's rating).
        clear_on_change(
            Product, ProductImage, ProductClass, Partner, Badge, ProductRecommendation
        )
        # Price and stock: as narrowly as the change allows.
        post_save.connect(
            receivers.forget_kept_pages, sender=StockRecord, dispatch_uid="stock.after"
        )
        post_delete.connect(
            page_cache_clear, sender=StockRecord, dispatch_uid="stock.deleted"
        )
