"""Provision the page tree, and each township's site, collections and editor groups."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from townships.core.models import Township

from .models import HubHomePage, TownshipHomePage, TownshipIndexPage

# Staff draft and submit for approval; heads also publish (design.md, Roles).
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
HEAD_PAGE_PERMISSIONS = ["publish_page", "unlock_page"]
GROUP_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("simple_translation", "submit_translation"),
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


@transaction.atomic
def hub_site_ensure() -> TownshipIndexPage:
    """Make / the hub home and /townships/ the township index. Safe to run twice.

    Replaces Wagtail's "Welcome" page on a fresh database and creates a Locale
    for each content language, with a tree for it: an alias of the hub home and
    of the index, where that language's townships and translations go (see
    cms/pages/translations.py). Returns the original index.
    """
    for code, _label in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    home = HubHomePage.objects.filter(alias_of__isnull=True).order_by("pk").first()
    if home is None:
        home = HubHomePage(title=settings.WAGTAIL_SITE_NAME, slug="home-hub")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    # Wagtail's initial "Welcome to your new Wagtail site!" page, if still there.
    Page.objects.filter(depth=2, content_type__model="page").exclude(
        pk=home.pk
    ).delete()
    index = TownshipIndexPage.objects.child_of(home).first()
    if index is None:
        index = TownshipIndexPage(title="Townships", slug="townships")
        home.add_child(instance=index)
        index.save_revision().publish()
    if _language_trees_ensure(home=home, index=index):
        # Wagtail caches the URL roots of each Site, translations included.
        Site.clear_site_root_paths_cache()
    return index


def _language_trees_ensure(*, home: HubHomePage, index: TownshipIndexPage) -> bool:
    """Give every content language a hub home and an index; True if one was made."""
    created = False
    for locale in Locale.objects.exclude(pk=home.locale_id):
        for page in (home, index):
            if not page.has_translation(locale):
                page.copy_for_translation(locale, alias=True)
                created = True
    return created


def _index_for_language(index: TownshipIndexPage, language: str) -> TownshipIndexPage:
    """The township index of the tree of a content language (else the original)."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return index
    return index.get_translation_or_none(locale) or index


def township_home_original(*, township: Township) -> TownshipHomePage | None:
    """The township's home page in its own language (not a translation)."""
    return (
        TownshipHomePage.objects.filter(township=township, alias_of__isnull=True)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def township_site_provision(*, township: Township, title: str = "") -> TownshipHomePage:
    """Give a township its home page, collection, editor groups and optional Site.

    Idempotent: running it again repairs missing parts and changes nothing else.
    Editors get rights on their township's page subtree and collection only.
    """
    index = hub_site_ensure()
    home = township_home_original(township=township)
    if home is None:
        # In the tree of the township's language, so that its pages are in
        # that locale and can be translated into the other two.
        index = _index_for_language(index, township.default_language)
        home = TownshipHomePage(
            title=title or township.name, slug=township.slug, township=township
        )
        index.add_child(instance=home)
        home.save_revision().publish()

    collection = _collection_for(township)
    editors, heads = _groups_for(township)
    # The home's translations are in other trees: the same rights there.
    for version in TownshipHomePage.objects.filter(township=township):
        _grant_page_permissions(editors, version, EDITOR_PAGE_PERMISSIONS)
        _grant_page_permissions(
            heads, version, EDITOR_PAGE_PERMISSIONS + HEAD_PAGE_PERMISSIONS
        )
    # Into the admin, and translating their pages into the other languages.
    group_permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in GROUP_PERMISSIONS
    ]
    for group in (editors, heads):
        _grant_collection_permissions(group, collection)
        group.permissions.add(*group_permissions)
    _ensure_head_approval(township=township, home=home, heads=heads)
    if township.editors_group_id != editors.pk or township.heads_group_id != heads.pk:
        township.editors_group, township.heads_group = editors, heads
        township.save(update_fields=["editors_group", "heads_group", "updated_at"])

    if township.hostname:
        Site.objects.update_or_create(
            hostname=township.hostname,
            port=80,
            defaults={"root_page": home, "site_name": township.name},
        )
    return home


def _ensure_head_approval(
    *, township: Township, home: TownshipHomePage, heads: Group
) -> Workflow:
    """Make the township's pages go through its heads' approval (J4).

    One workflow "<slug>: head approval" with one GroupApprovalTask for the
    heads group, assigned to the township home and so to its whole subtree.
    """
    name = f"{township.slug}: head approval"
    workflow, _ = Workflow.objects.get_or_create(name=name)
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
    task.groups.add(heads)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for version in TownshipHomePage.objects.filter(township=township):
        WorkflowPage.objects.update_or_create(
            page=version, defaults={"workflow": workflow}
        )
    return workflow


def _collection_for(township: Township) -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=township.slug).first()
    if collection is None:
        collection = root.add_child(name=township.slug)
    return collection


def _groups_for(township: Township) -> tuple[Group, Group]:
    editors, _ = Group.objects.get_or_create(name=f"{township.slug}: editors")
    heads, _ = Group.objects.get_or_create(name=f"{township.slug}: heads")
    return editors, heads


def _grant_page_permissions(group: Group, page: Page, codenames: list[str]) -> None:
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )


def _grant_collection_permissions(group: Group, collection: Collection) -> None:
    for app_label, codename in COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
