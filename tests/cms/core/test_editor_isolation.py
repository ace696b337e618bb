"""Editors of one township never see or touch another township's content in /cms/.

The matrix walks every URL of Wagtail's admin (resolved from the URLconf, so a
URL that a Wagtail upgrade adds is walked too), fills its arguments with
township B's objects and asks for it as staff and as head of township A. Each
answer must refuse (403/404, or a redirect away) or, where the page is A's own
listing, leave out everything of B: no title of B's pages, drafts, images or
documents appears in any response.
"""

import io
import re

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import URLPattern, URLResolver, get_resolver

import pytest
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from cms.pages.models import TownshipHomePage
from tests.factories.accounts import UserFactory
from tests.factories.cms import notice_add, notice_index_add
from tests.factories.shop import jpeg_bytes
from townships.core.constants import MembershipRole
from townships.core.services import membership_grant

pytestmark = pytest.mark.django_db

B_SECRET = "Huaqiao"  # starts every title of township B's objects; searched for


class TownshipB:
    """Township B's content: live pages, a draft in moderation, an image, a document."""

    def __init__(self, township, head):
        self.home = TownshipHomePage.objects.get(township=township)
        self.home.title = f"{B_SECRET} home"
        self.home.save_revision().publish()
        self.index = notice_index_add(home=self.home)
        self.index.title = f"{B_SECRET} notices"
        self.index.save_revision().publish()
        self.live = notice_add(index=self.index, title=f"{B_SECRET} market day")
        self.draft = notice_add(
            index=self.index, title=f"{B_SECRET} secret draft", publish=False
        )
        self.revision = self.draft.save_revision(user=head)
        self.draft.get_workflow().start(self.draft, head)  # awaiting moderation
        self.draft.locked, self.draft.locked_by = True, head  # in the locked report
        self.draft.save(update_fields=["locked", "locked_by"])
        collection = Collection.objects.get(name=township.slug)
        self.collection = collection
        self.workflow = self.draft.get_workflow()
        self.task = self.workflow.tasks.get()
        self.workflow_state = self.draft.current_workflow_state
        self.task_state = self.workflow_state.current_task_state
        self.image = Image.objects.create(
            title=f"{B_SECRET} photo",
            collection=collection,
            file=ImageFile(io.BytesIO(jpeg_bytes(size=(40, 30))), name="b.jpg"),
        )
        self.document = Document.objects.create(
            title=f"{B_SECRET} minutes",
            collection=collection,
            file=ContentFile(b"minutes", name="b.txt"),
        )
        # Whole titles: the search word itself is echoed by every search form.
        self.titles = [
            obj.title
            for obj in (self.home, self.index, self.live, self.draft)
            + (self.image, self.document)
        ]


def _member(township, role):
    user = UserFactory()
    membership_grant(user=user, township=township, role=role)
    return user


@pytest.fixture(autouse=True)
def walk_messages(settings):
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"


@pytest.fixture
def b_content(other_township):
    head = _member(other_township, MembershipRole.HEAD)
    return TownshipB(other_township, head)


def _admin_routes(resolver=None, base=""):
    """The route of every URL under /cms/ (relative to it), includes flattened."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = base + str(entry.pattern)
        if not (route.startswith("cms/") or "cms/".startswith(route)):
            continue
        if isinstance(entry, URLResolver):
            yield from _admin_routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route.removeprefix("cms/")


# Wagtail's deliberate 500 for testing error reporting, and the log-out link.
NOT_WALKED = {"failwhale/", "logout/"}


# What a route's <pk> is; other <pk> routes (users, groups, sites, locales)
# are for hub admins only and hold nothing of a township.
PK_OF_ROUTE = {
    "api/main/pages/": "draft",
    "api/main/images/": "image",
    "api/main/documents/": "document",
    "pages/": "draft",
    "images/chooser/chosen/": "image",
    "documents/chooser/chosen/": "document",
    "collections/": "collection",
    "workflows/tasks/": "task",
    "workflows/": "workflow",
}


def _fill(route: str, b: TownshipB) -> list[str]:
    """The URLs of a route with B's objects as arguments (none if unknown)."""
    values = {
        "page_id": [b.draft.pk, b.live.pk, b.home.pk],
        "parent_page_id": [b.index.pk, b.home.pk],
        "page_to_move_id": [b.draft.pk],
        "page_to_copy_id": [b.draft.pk],
        "destination_id": [b.index.pk],
        "image_id": [b.image.pk],
        "document_id": [b.document.pk],
        "doc_id": [b.document.pk],
        "revision_id": [b.revision.pk],
        "revision_id_a": [b.revision.pk],
        "revision_id_b": [b.revision.pk],
        "content_type_app_name": ["pages"],
        "content_type_model_name": ["noticepage"],
        "app_label": ["pages"],
        "model_name": ["noticepage"],
        "filter_spec": ["original"],
        "action_name": ["approve", "reject"],
        "task_state_id": [b.task_state.pk],
        "workflow_state_id": [b.workflow_state.pk],
        "task_id": [b.task.pk],
        "page_pk": [b.draft.pk],
        "workflow_pk": [b.workflow.pk],
        "collection_id": [b.collection.pk],
    }
    # Django REST framework's and Wagtail's regex routes, in the same form.
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", route.replace("^", ""))
    route = route.replace("$", "").replace("\\.", ".")
    pk_owner = next((v for k, v in PK_OF_ROUTE.items() if route.startswith(k)), None)
    if pk_owner:
        values["pk"] = [getattr(b, pk_owner).pk]
    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if route.startswith("bulk/"):
        return _bulk_urls(b)
    if route in NOT_WALKED or any(name not in values for name in names):
        return []
    urls = [route]
    for name in names:
        urls = [
            re.sub(rf"<(?:\w+:)?{name}>", str(value), url, count=1)
            for url in urls
            for value in values[name]
        ]
    return ["/cms/" + url for url in urls]


def _bulk_urls(b: TownshipB) -> list[str]:
    """Bulk actions take their objects as ?id= parameters."""
    targets = {
        "wagtailcore/page": (
            [b.draft.pk, b.live.pk],
            ["delete", "move", "publish", "unpublish"],
        ),
        "wagtailimages/image": (
            [b.image.pk],
            ["delete", "add_to_collection", "add_tags"],
        ),
        "wagtaildocs/document": (
            [b.document.pk],
            ["delete", "add_to_collection", "add_tags"],
        ),
    }
    return [
        f"/cms/bulk/{model}/{action}/?{query}"
        for model, (pks, actions) in targets.items()
        for action in actions
        for query in (
            "&".join(f"id={pk}" for pk in pks),
            f"id=all&q={B_SECRET}",
            f"id=all&childOf={b.index.pk}",
            f"id={pks[0]}&id=junk&childOf=junk",
        )
    ]


def _walk(client, b: TownshipB) -> list[str]:
    """Every admin URL with B's arguments; returns the ones that leaked.

    Needs session-stored messages (the `walk_messages` fixture) to tell which
    URL queued a message.
    """
    leaks = []
    for route in _admin_routes():
        for url in _fill(route, b):
            queries = [""] if "?" in url else ["", f"?q={B_SECRET}"]
            for query in queries:
                response = client.get(url + query)
                body = b"".join(
                    response.streaming_content
                    if response.streaming
                    else [response.content]
                ).decode(errors="replace")
                if response.status_code >= 500 or any(
                    title in body for title in b.titles
                ):
                    leaks.append(f"{response.status_code} {url}{query}")
                session = client.session
                # A message queued for the next page counts as this URL's answer.
                if any(t in session.pop("_messages", "") for t in b.titles):
                    leaks.append(f"message {url}{query}")
                session.save()
    return leaks


@pytest.mark.parametrize("role", [MembershipRole.STAFF, MembershipRole.HEAD])
def test_editor_of_a_sees_nothing_of_township_b(client, township, b_content, role):
    # given
    client.force_login(_member(township, role))
    # when
    leaks = _walk(client, b_content)
    # then
    assert not leaks, "\n".join(leaks)


def test_the_walk_finds_b_when_it_may(client, township, b_content):
    # given: a superuser may see everything, so the same walk must find B
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    # when
    leaks = _walk(client, b_content)
    # then: the matrix reaches B's explorer, edit, revisions, choosers, listings
    found = "\n".join(leaks)
    for fragment in (
        f"/cms/pages/{b_content.index.pk}/",
        f"/cms/pages/{b_content.draft.pk}/edit/",
        f"/cms/pages/{b_content.draft.pk}/revisions/",
        "/cms/choose-page/",
        "/cms/images/",
        "/cms/documents/",
        "/cms/pages/search/",
        "/cms/reports/locked/",
        "/cms/api/main/images/",
        "/cms/bulk/wagtailcore/page/delete/",
        "/cms/pages/workflow/action/",
    ):
        assert fragment in found


def test_editor_of_a_cannot_change_township_b(client, township, b_content):
    # given
    client.force_login(_member(township, MembershipRole.HEAD))
    b = b_content
    a_home = TownshipHomePage.objects.get(township=township)
    attempts = {
        f"/cms/pages/{b.draft.pk}/edit/": {
            "title": "Taken over",
            "slug": b.draft.slug,
            "action-publish": "action-publish",
        },
        f"/cms/pages/{b.live.pk}/delete/": {},
        f"/cms/pages/{b.live.pk}/unpublish/": {},
        f"/cms/pages/{b.live.pk}/move/{a_home.pk}/confirm/": {},
        f"/cms/pages/{b.live.pk}/copy/": {
            "new_title": "Copied",
            "new_slug": "copied",
            "new_parent_page": a_home.pk,
        },
        f"/cms/pages/{b.draft.pk}/lock/": {},
        f"/cms/pages/{b.draft.pk}/unlock/": {},
        f"/cms/images/{b.image.pk}/delete/": {},
        f"/cms/documents/delete/{b.document.pk}/": {},
    }
    # when
    statuses = {
        url: client.post(url, data).status_code for url, data in attempts.items()
    }
    # then: refused, and B's content is as it was
    assert all(status in (302, 403, 404) for status in statuses.values()), statuses
    b.live.refresh_from_db()
    b.draft.refresh_from_db()
    assert b.live.live and b.live.get_parent().pk == b.index.pk
    assert b.draft.title == f"{B_SECRET} secret draft" and not b.draft.live
    assert b.draft.locked
    assert not TownshipHomePage.objects.get(pk=a_home.pk).get_children().exists()
    assert Image.objects.filter(pk=b.image.pk).exists()
    assert Document.objects.filter(pk=b.document.pk).exists()


def test_site_wide_report_is_for_hub_admins_only(client, township):
    # given
    client.force_login(_member(township, MembershipRole.HEAD))
    # when
    report = client.get("/cms/reports/page-types-usage/")
    dashboard = client.get("/cms/").content.decode()
    # then
    assert report.status_code == 403
    assert "page-types-usage" not in dashboard
    assert "/cms/reports/locked/" in dashboard


def test_editor_of_a_still_chooses_and_acts_on_own_pages(client, township, b_content):
    # given
    client.force_login(_member(township, MembershipRole.HEAD))
    home = TownshipHomePage.objects.get(township=township)
    own = notice_add(index=notice_index_add(home=home), title="Xiaoyudong fair")
    # when
    found = client.get("/cms/choose-page/search/?q=Xiaoyudong").content.decode()
    browse = client.get(f"/cms/choose-page/{own.get_parent().pk}/").content.decode()
    bulk = client.get(
        f"/cms/bulk/wagtailcore/page/unpublish/?id={own.pk}&id={b_content.live.pk}"
    ).content.decode()
    # then
    assert "Xiaoyudong fair" in found
    assert "Xiaoyudong fair" in browse
    assert "Xiaoyudong fair" in bulk and b_content.live.title not in bulk
