"""/services/, /services/<township>/ and /services/<township>/<service>/."""

from django.urls import path

from . import views

app_name = "public_services"

urlpatterns = [
    path("", views.service_list, name="list"),
    path("<slug:township_slug>/", views.township_services, name="township"),
    path(
        "<slug:township_slug>/<slug:service_slug>/",
        views.service_detail,
        name="detail",
    ),
]
