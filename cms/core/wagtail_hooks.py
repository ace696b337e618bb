"""Keep township editors inside their own township in /cms/ (J4)."""

from django.core.exceptions import PermissionDenied

from wagtail import hooks

from .admin_views import DocumentsAdminAPIView, ImagesAdminAPIView
from .confinement import explorable_pages


@hooks.register("construct_page_chooser_queryset")
def confine_page_chooser(pages, request):
    """The page chooser lists and finds only pages the editor may browse."""
    if request.user.is_superuser:
        return pages
    return pages.filter(pk__in=explorable_pages(user=request.user).values("pk"))


@hooks.register("before_move_page")
def refuse_move_elsewhere(request, page, destination):
    """Wagtail's move confirmation shows both titles before it checks rights."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("construct_reports_menu")
def hide_site_wide_reports(request, menu_items):
    """Page types usage is site-wide (cms.core.admin_views): hub admins only."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("construct_admin_api", order=100)  # after Wagtail's own endpoints
def confine_admin_api(router):
    """The admin API's image and document listings: the editor's collections."""
    router.register_endpoint("images", ImagesAdminAPIView)
    router.register_endpoint("documents", DocumentsAdminAPIView)
