"""Each class we override in a forked Oscar app is the one Oscar loads."""

from oscar.core.loading import get_class, get_model

import shop.catalogue.models
import shop.catalogue.views
import shop.partner.models
import shop.partner.strategy


def test_partner_strategy_selector_is_ours():
    assert get_class("partner.strategy", "Selector") is shop.partner.strategy.Selector


def test_catalogue_views_are_ours():
    assert get_class("catalogue.views", "CatalogueView") is (
        shop.catalogue.views.CatalogueView
    )
    assert get_class("catalogue.views", "ProductDetailView") is (
        shop.catalogue.views.ProductDetailView
    )


def test_partner_and_product_models_are_ours():
    assert get_model("partner", "Partner") is shop.partner.models.Partner
    assert get_model("catalogue", "Product") is shop.catalogue.models.Product
