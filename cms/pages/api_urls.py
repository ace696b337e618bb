"""Notices in the API (a string include in hub.api.urls)."""

from django.urls import path

from . import api

urlpatterns = [
    path(
        "townships/<slug:slug>/notices/",
        api.NoticeListView.as_view(),
        name="notice-list",
    ),
    path(
        "townships/<slug:slug>/notices/subscription/",
        api.SubscriptionView.as_view(),
        name="notice-subscription",
    ),
    path(
        "townships/<slug:slug>/notices/<int:pk>/",
        api.NoticeDetailView.as_view(),
        name="notice-detail",
    ),
]
