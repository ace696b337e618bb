"""The officers' questions, mounted at /hall/questions/ (a string include)."""

from django.urls import path

from . import officer_views

app_name = "questions"

urlpatterns = [
    path("", officer_views.queue, name="queue"),
    path("<uuid:uuid>/", officer_views.detail, name="detail"),
    path("<uuid:uuid>/photo/", officer_views.photo, name="photo"),
    path("<uuid:uuid>/<slug:action>/", officer_views.act, name="act"),
]
