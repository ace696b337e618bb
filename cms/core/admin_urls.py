"""Admin URLs that replace Wagtail's own; hub/urls.py mounts them before /cms/."""

from django.urls import path

from . import admin_views

urlpatterns = [
    path(
        "choose-page/<int:parent_page_id>/",
        admin_views.ConfinedPageChooserBrowseView.as_view(),
    ),
    path(
        "reports/page-types-usage/",
        admin_views.SiteWidePageTypesUsageReportView.as_view(),
    ),
    path(
        "reports/page-types-usage/results/",
        admin_views.SiteWidePageTypesUsageReportView.as_view(results_only=True),
    ),
]
