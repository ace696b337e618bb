"""Notice subscriptions, mounted at /notices/ by hub/urls.py (a string include)."""

from django.urls import path

from . import subscription_views as views

app_name = "notices"

urlpatterns = [
    path(
        "subscribe/<slug:township_slug>/",
        views.notice_subscribe,
        name="subscribe",
    ),
    path("unsubscribe/<str:token>/", views.notice_unsubscribe, name="unsubscribe"),
]
