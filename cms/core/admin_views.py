"""Wagtail admin views, confined to the editor's own township.

Mounted in front of Wagtail's own URLs (cms/core/admin_urls.py), so each
replaces Wagtail's view of the same address. Each refuses, or leaves out,
what lies outside cms.core.confinement before Wagtail's view runs.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.http import urlencode

from wagtail.admin.views.bulk_action import dispatcher
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.views.pages import workflow
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from .confinement import page_is_explorable, reachable_objects


class ExplorablePageRequiredMixin:
    """404 for a page outside the editor's area, before Wagtail names it.

    Wagtail's views of a page in a workflow, and the chooser opened on a page,
    show the page's title (in the view or in a message) before they check
    the editor's rights.
    """

    page_id_kwarg = "page_id"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser and not page_is_explorable(
            user=request.user, page_id=kwargs[self.page_id_kwarg]
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class PageChooserBrowseView(ExplorablePageRequiredMixin, BrowseView):
    page_id_kwarg = "parent_page_id"


class WorkflowActionView(ExplorablePageRequiredMixin, workflow.WorkflowActionView):
    pass


class CollectWorkflowActionDataView(
    ExplorablePageRequiredMixin, workflow.CollectWorkflowActionDataView
):
    pass


class ConfirmWorkflowCancellationView(
    ExplorablePageRequiredMixin, workflow.ConfirmWorkflowCancellationView
):
    pass


class PreviewRevisionForTaskView(
    ExplorablePageRequiredMixin, workflow.PreviewRevisionForTaskView
):
    pass


class SiteWidePageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and the last edited page of each type across all townships.

    Site-wide by nature, so for hub admins only.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk actions on the editor's own objects only.

    Wagtail lists the chosen objects that the editor may not act on by title;
    here the ids outside the editor's area are dropped first ("all" expanded
    with Wagtail's own listing query), in the query string that both the
    confirmation page and its form's POST read. Hub admins keep every id.
    """
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(
        app_label, model_name, action
    )
    # Ids that are not numbers would be a server error in Wagtail's query.
    ids = [pk for pk in request.GET.getlist("id") if pk == "all" or pk.isdigit()]
    parent = request.GET.get("childOf", "")
    parent = parent if parent.isdigit() else None
    reachable = reachable_objects(user=request.user, model=model)
    if not (request.user.is_superuser or action_class is None or reachable is None):
        if "all" in ids:
            ids = action_class(request, model).get_all_objects_in_listing_query(parent)
        ids = reachable.filter(pk__in=list(ids)).values_list("pk", flat=True)
        parent = None
    query = request.GET.copy()
    query.setlist("id", [str(pk) for pk in ids])
    query.pop("childOf", None)
    if parent is not None:
        query["childOf"] = parent
    request.GET = query
    request.META["QUERY_STRING"] = urlencode(query, doseq=True)
    return dispatcher.index(request, app_label, model_name, action)


class ImagesAdminAPIView(ImagesAdminAPIViewSet):
    """The admin API's images: those in the editor's collections only."""

    def get_queryset(self):
        reachable = reachable_objects(user=self.request.user, model=self.model)
        return super().get_queryset().filter(pk__in=reachable.values("pk"))


class DocumentsAdminAPIView(DocumentsAdminAPIViewSet):
    """The admin API's documents: those in the editor's collections only."""

    def get_queryset(self):
        reachable = reachable_objects(user=self.request.user, model=self.model)
        return super().get_queryset().filter(pk__in=reachable.values("pk"))
