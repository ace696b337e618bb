import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.catalogue"

    def ready(self) -> None:
        super().ready()
        from hub.core.page_cache import clear_on_change
        from shop.partner.models import Badge, Partner, StockRecord

        from .models import Product, ProductClass, ProductImage, ProductRecommendation

        # What the catalogue and product pages show: price, stock, the stall,
        # whether stock is counted (the product's class), the products
        # recommended with it. A review saves its product (Oscar's rating).
        clear_on_change(
            Product,
            ProductImage,
            ProductClass,
            StockRecord,
            Partner,
            Badge,
            ProductRecommendation,
        )
