"""The catalogue's and the citizen's applications' API routes (a string include
in hub.api.urls, since hub imports nothing of townships)."""

from django.urls import path

from . import api

SERVICE = "services/<slug:township>/<slug:slug>/"
MINE = "me/applications/<uuid:uuid>/"

urlpatterns = [
    path("services/", api.ServiceListView.as_view(), name="service-list"),
    path(SERVICE, api.ServiceDetailView.as_view(), name="service-detail"),
    path(f"{SERVICE}apply/", api.ApplyView.as_view(), name="service-apply"),
    path(
        f"{SERVICE}apply-for-villager/",
        api.AgentApplyView.as_view(),
        name="service-apply-for-villager",
    ),
    path("agent/applications/", api.FiledListView.as_view(), name="filed-list"),
    path(
        "me/applications/",
        api.ApplicationListView.as_view(),
        name="application-list",
    ),
    path(MINE, api.ApplicationDetailView.as_view(), name="application-detail"),
    path(f"{MINE}answers/", api.AnswersView.as_view(), name="application-answers"),
    path(
        f"{MINE}materials/",
        api.MaterialAddView.as_view(),
        name="application-materials",
    ),
    path(
        f"{MINE}materials/<uuid:material_uuid>/",
        api.MaterialView.as_view(),
        name="application-material",
    ),
    path(f"{MINE}submit/", api.SubmitView.as_view(), name="application-submit"),
    path(f"{MINE}fee/", api.FeeView.as_view(), name="application-fee"),
    path(f"{MINE}withdraw/", api.WithdrawView.as_view(), name="application-withdraw"),
    path(f"{MINE}rate/", api.RateView.as_view(), name="application-rate"),
    path(
        f"{MINE}certificate.pdf",
        api.CertificateView.as_view(),
        name="application-certificate",
    ),
    path(
        "verify/<str:code>/",
        api.CertificateCheckView.as_view(),
        name="certificate-check",
    ),
]
