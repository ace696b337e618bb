"""Applying for a service and following one's applications (the citizen's side).

Mounted at the root: /services/<township>/<service>/apply/ sits beside the
catalogue's pages, /apply/<uuid>/… are the steps, /me/applications/ the list.
"""

from django.urls import path

from . import citizen_views as views

app_name = "applications"

SERVICE = "services/<slug:township_slug>/<slug:service_slug>/apply/"
DRAFT = "apply/<uuid:uuid>/"
MINE = "me/applications/"

urlpatterns = [
    path(SERVICE, views.apply_start, name="start"),
    path(f"{SERVICE}for-villager/", views.agent_start, name="agent_start"),
    path(f"{DRAFT}step/<int:step>/", views.step, name="step"),
    path(f"{DRAFT}materials/", views.materials, name="materials"),
    path(
        f"{DRAFT}materials/<uuid:material_uuid>/remove/",
        views.material_delete,
        name="material_remove",
    ),
    path(f"{DRAFT}review/", views.review, name="review"),
    path(f"{DRAFT}fee/", views.fee, name="fee"),
    path(f"{DRAFT}fee/card/", views.fee_card, name="fee_card"),
    path(f"{DRAFT}fee/card/confirm/", views.fee_card_confirm, name="fee_card_confirm"),
    path(f"{DRAFT}fee/card/return/", views.fee_card_return, name="fee_card_return"),
    path(f"{DRAFT}receipt/", views.receipt, name="receipt"),
    path(MINE, views.my_applications, name="mine"),
    path(f"{MINE}<uuid:uuid>/", views.my_application, name="detail"),
    path(f"{MINE}<uuid:uuid>/withdraw/", views.withdraw, name="withdraw"),
    path(f"{MINE}<uuid:uuid>/rate/", views.rate, name="rate"),
    path(
        f"{MINE}<uuid:uuid>/files/<uuid:material_uuid>/",
        views.material_download,
        name="material_download",
    ),
]
