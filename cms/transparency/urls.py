"""/stats/: figures of all townships; /stats/<slug>/: of one township's departments.

The CSV and JSON sit next to their page as figures.csv and figures.json, which
no township slug can shadow (a slug has no dot).
"""

from django.urls import path

from . import views

app_name = "transparency"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("figures.csv", views.overview_csv, name="overview_csv"),
    path("figures.json", views.overview_json, name="overview_json"),
    path("<slug:slug>/", views.township, name="township"),
    path("<slug:slug>/figures.csv", views.township_csv, name="township_csv"),
    path("<slug:slug>/figures.json", views.township_json, name="township_json"),
]
