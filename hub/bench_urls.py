"""The benchmark's URL tree (hub.settings.bench): the bare ceiling, then the site."""

from django.urls import include, path

from hub.core import bench

urlpatterns = [
    path("bench/bare/", bench.bare, name="bench-bare"),
    path("", include("hub.urls")),
]
