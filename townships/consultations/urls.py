"""The board and asking at /ask/, the asker's items at /me/questions/
(mounted at the root by a string include in hub/urls.py)."""

from django.urls import path

from . import views

app_name = "consultations"

MINE = "me/questions/"

urlpatterns = [
    path("ask/", views.board, name="board"),
    path("ask/new/", views.ask, name="ask"),
    path("ask/<uuid:uuid>/", views.public_detail, name="public_detail"),
    path("ask/<uuid:uuid>/me-too/", views.me_too, name="me_too"),
    path(MINE, views.mine, name="mine"),
    path(f"{MINE}<uuid:uuid>/", views.mine_detail, name="mine_detail"),
    path(f"{MINE}<uuid:uuid>/rate/", views.rate, name="rate"),
    path(f"{MINE}<uuid:uuid>/reopen/", views.reopen, name="reopen"),
    path(f"{MINE}<uuid:uuid>/photo/", views.mine_photo, name="mine_photo"),
]
