"""/verify/<code>/ (public) and the holder's download of the certificate PDF."""

from django.urls import path

from . import verify_views

app_name = "certificates"

urlpatterns = [
    path("verify/<str:code>/", verify_views.certificate_verify, name="verify"),
    path(
        "me/applications/<uuid:uuid>/certificate.pdf",
        verify_views.certificate_download,
        name="download",
    ),
]
