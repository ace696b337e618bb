"""Wagtail admin views, confined to the editor's own township.

Mounted in front of Wagtail's own URLs (cms/core/admin_urls.py), so each
replaces Wagtail's view of the same address.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from .confinement import page_is_explorable


class ConfinedPageChooserBrowseView(BrowseView):
    """The page chooser opened on a page outside the editor's area: 404.

    Its children are filtered by the construct_page_chooser_queryset hook, but
    the page's own title heads the chooser.
    """

    def get(self, request, parent_page_id=None):
        parent = get_object_or_404(Page, pk=parent_page_id)
        if not page_is_explorable(user=request.user, page=parent):
            raise Http404
        return super().get(request, parent_page_id=parent_page_id)


class SiteWidePageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and the last edited page of each type across all townships.

    Site-wide by nature, so for hub admins only.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
