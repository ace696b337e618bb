"""Which part of the page tree an editor may reach in /cms/ (design.md, Roles).

Township staff and heads get page permissions on their township's home only
(cms.pages.services.township_site_provision). Wagtail checks those rights when a
page is edited, but its page chooser and a few admin views list any page. These
helpers are what the hooks and admin URL overrides of this app use to confine
them; a superuser reaches everything.
"""

from django.db.models import QuerySet

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy


def explorable_pages(*, user) -> QuerySet[Page]:
    """Pages the user may browse: their own subtrees and the ancestors above them."""
    if not user.is_active:
        return Page.objects.none()
    return PagePermissionPolicy().explorable_instances(user)


def page_is_explorable(*, user, page: Page) -> bool:
    return explorable_pages(user=user).filter(pk=page.pk).exists()
