"""Questions' API routes (a string include in hub.api.urls)."""

from django.urls import path

from . import api

urlpatterns = [
    path("questions/", api.PublicListView.as_view(), name="question-list"),
    path(
        "questions/<uuid:uuid>/",
        api.PublicDetailView.as_view(),
        name="question-detail",
    ),
    path(
        "questions/<uuid:uuid>/me-too/",
        api.MeTooView.as_view(),
        name="question-me-too",
    ),
    path("me/questions/", api.MyListView.as_view(), name="my-question-list"),
    path(
        "me/questions/<uuid:uuid>/",
        api.MyDetailView.as_view(),
        name="my-question-detail",
    ),
    path(
        "me/questions/<uuid:uuid>/photo/",
        api.MyPhotoView.as_view(),
        name="my-question-photo",
    ),
    path(
        "me/questions/<uuid:uuid>/rate/",
        api.MyRateView.as_view(),
        name="my-question-rate",
    ),
    path(
        "me/questions/<uuid:uuid>/reopen/",
        api.MyReopenView.as_view(),
        name="my-question-reopen",
    ),
]
