"""Couriers' app, the dispatch board and parcel tracking (included from hub/urls.py)."""

from django.urls import include, path

app_name = "couriers"

urlpatterns = [
    path("courier/", include("hub.couriers.courier_urls")),
    path("dispatch/", include("hub.couriers.dispatch_urls")),
    path("", include("hub.couriers.tracking_urls")),
]
