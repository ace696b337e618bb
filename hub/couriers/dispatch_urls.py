"""The dispatch board of township logistics staff, at /dispatch/."""

from django.urls import path

from . import dispatch_views

urlpatterns = [
    path("", dispatch_views.index, name="dispatch"),
    path(
        "<slug:township_slug>/",
        dispatch_views.board,
        name="dispatch_board",
    ),
    path(
        "<slug:township_slug>/assign/",
        dispatch_views.assign,
        name="dispatch_assign",
    ),
    path(
        "<slug:township_slug>/shipments/<int:pk>/unassign/",
        dispatch_views.unassign,
        name="dispatch_unassign",
    ),
    path(
        "<slug:township_slug>/shipments/<int:pk>/unlock/",
        dispatch_views.code_unlock,
        name="dispatch_unlock",
    ),
    path(
        "<slug:township_slug>/shipments/<int:pk>/return/",
        dispatch_views.shipment_return,
        name="dispatch_return",
    ),
    path(
        "<slug:township_slug>/runs/",
        dispatch_views.run_list,
        name="dispatch_runs",
    ),
    path(
        "<slug:township_slug>/runs/<int:run_pk>/",
        dispatch_views.run_detail,
        name="dispatch_run",
    ),
    path(
        "<slug:township_slug>/cash/",
        dispatch_views.cash,
        name="dispatch_cash",
    ),
    path(
        "<slug:township_slug>/cash.csv",
        dispatch_views.cash_csv,
        name="dispatch_cash_csv",
    ),
]
