"""Which pages, images and documents an editor may reach in /cms/ (design.md, Roles).

Township staff and heads get page permissions on their township's home and
collection permissions on their township's collection only
(cms.pages.services.township_site_provision). Wagtail checks those rights when
an object is edited, but its page chooser, bulk actions, workflow views and
admin API list or name objects outside them. These helpers are what the hooks
and admin URL overrides of this app confine them with; a superuser reaches
everything.
"""

from django.db.models import Model, QuerySet

from wagtail.models import Page
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry


def explorable_pages(*, user) -> QuerySet[Page]:
    """Pages the user may browse: their own subtrees and the ancestors above them."""
    if not user.is_active:
        return Page.objects.none()
    return PagePermissionPolicy().explorable_instances(user)


def page_is_explorable(*, user, page_id: int) -> bool:
    return explorable_pages(user=user).filter(pk=page_id).exists()


def reachable_objects(*, user, model: type[Model]) -> QuerySet | None:
    """The pages, images or documents the user may reach; None for other models."""
    if issubclass(model, Page):
        return explorable_pages(user=user)
    policy = policy_registry.get_by_type(model)
    if isinstance(policy, CollectionOwnershipPermissionPolicy):
        return policy.instances_user_has_any_permission_for(
            user, ["add", "change", "delete", "choose"]
        )
    return None
