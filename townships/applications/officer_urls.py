"""The officer workspace, mounted at /hall/ (a string include in hub/urls.py)."""

from django.urls import path

from . import officer_views

app_name = "hall"

urlpatterns = [
    path("", officer_views.queue, name="queue"),
    path("<uuid:uuid>/", officer_views.detail, name="detail"),
    path("<uuid:uuid>/act/<slug:action>/", officer_views.act, name="act"),
    path("<uuid:uuid>/fee/counter/", officer_views.fee_counter, name="fee_counter"),
    path(
        "<uuid:uuid>/review/close/",
        officer_views.review_close,
        name="review_close",
    ),
    path(
        "<uuid:uuid>/materials/<uuid:material_uuid>/",
        officer_views.material,
        name="material",
    ),
]
