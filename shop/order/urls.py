"""A shopper's orders at /orders/ (a string include in hub/urls.py)."""

from django.urls import path

from . import views

app_name = "orders"

urlpatterns = [
    path("<str:number>/", views.order_detail, name="detail"),
    path(
        "<str:number>/groups/<int:pk>/cancel/",
        views.group_cancel,
        name="group_cancel",
    ),
]
