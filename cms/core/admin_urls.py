"""Admin URLs that replace Wagtail's own; hub/urls.py mounts them before /cms/."""

from django.urls import path

from . import admin_views

urlpatterns = [
    path(
        "choose-page/<int:parent_page_id>/",
        admin_views.PageChooserBrowseView.as_view(),
    ),
    path(
        "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        admin_views.WorkflowActionView.as_view(),
    ),
    path(
        "pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/"
        "<int:task_state_id>/",
        admin_views.CollectWorkflowActionDataView.as_view(),
    ),
    path(
        "pages/workflow/confirm_cancellation/<int:page_id>/",
        admin_views.ConfirmWorkflowCancellationView.as_view(),
    ),
    path(
        "pages/workflow/preview/<int:page_id>/<int:task_id>/",
        admin_views.PreviewRevisionForTaskView.as_view(),
    ),
    path(
        "bulk/<str:app_label>/<str:model_name>/<str:action>/",
        admin_views.bulk_action,
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
