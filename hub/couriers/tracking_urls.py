"""A recipient's parcels at /me/parcels/ and public tracking at /track/<uuid>/."""

from django.urls import path

from . import tracking_views

urlpatterns = [
    path("me/parcels/", tracking_views.parcel_list, name="parcels"),
    path("me/parcels/<uuid:uuid>/", tracking_views.parcel_detail, name="parcel"),
    path("track/<uuid:uuid>/", tracking_views.track, name="track"),
]
