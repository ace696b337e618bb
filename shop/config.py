"""Oscar's URL tree, mounted at /shop/ (dashboard at /shop/dashboard/)."""

from django.urls import path
from django.views.generic import RedirectView

from oscar import config
from oscar.core.loading import get_class


class Shop(config.Shop):
    def get_urls(self):
        # One account for the whole hub: Oscar's own login and registration pages
        # send the visitor to the hub's (phone or e-mail, password or SMS code).
        return [
            path(
                "accounts/login/",
                RedirectView.as_view(pattern_name="accounts:login", query_string=True),
            ),
            path(
                "accounts/register/",
                RedirectView.as_view(pattern_name="accounts:signup", query_string=True),
            ),
            # A seller's public page: village, township, produce story, products.
            path(
                "stalls/<uuid:stall_uuid>/",
                get_class("catalogue.views", "StallDetailView").as_view(),
                name="shop-stall",
            ),
            *super().get_urls(),
        ]
