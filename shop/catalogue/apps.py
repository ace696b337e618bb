import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.catalogue"

    def ready(self) -> None:
        super().ready()
        from hub.core.page_cache import clear_on_change
        from shop.partner.models import Badge, Partner, StockRecord

        from .models import Product, ProductImage

        # What the catalogue and product pages show: price, stock, the stall.
        clear_on_change(Product, ProductImage, StockRecord, Partner, Badge)
