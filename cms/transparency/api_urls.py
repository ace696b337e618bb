"""The figures' API routes (a string include in hub.api.urls)."""

from django.urls import path

from . import api

urlpatterns = [
    path("stats/", api.StatsView.as_view(), name="stats"),
    path("stats/<slug:slug>/", api.TownshipStatsView.as_view(), name="stats-township"),
]
