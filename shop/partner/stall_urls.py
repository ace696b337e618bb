"""The seller's stall, mounted at /stall/ by hub/urls.py (a string include)."""

from django.urls import path

from . import views

app_name = "stall"

urlpatterns = [
    path("", views.stall_home, name="home"),
    path("apply/", views.stall_apply, name="apply"),
    path("review/", views.review_list, name="review_list"),
    path("review/<uuid:stall_uuid>/", views.review_detail, name="review_detail"),
    path("assist/", views.assist, name="assist"),
    path(
        "finance/<int:township_id>/earnings.csv",
        views.earnings_csv,
        name="earnings_csv",
    ),
    path("<uuid:stall_uuid>/", views.stall_manage, name="manage"),
    path(
        "<uuid:stall_uuid>/products/new/",
        views.product_create,
        name="product_create",
    ),
    path(
        "<uuid:stall_uuid>/products/<int:pk>/",
        views.product_edit,
        name="product_edit",
    ),
    path(
        "<uuid:stall_uuid>/lines/<int:line_pk>/refuse/",
        views.line_refuse,
        name="line_refuse",
    ),
]
