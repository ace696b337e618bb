from django.contrib.auth.models import Group
from django.core.management import call_command

import pytest
from wagtail.images import get_image_model
from wagtail.images.models import Image
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
)
from wagtail.permissions import policy_registry

from cms.pages.models import HubHomePage, TownshipHomePage, TownshipIndexPage
from tests.factories.accounts import UserFactory
from townships.core.constants import MembershipRole
from townships.core.models import Township
from townships.core.services import membership_grant

pytestmark = pytest.mark.django_db


def _create(slug: str, **extra) -> Township:
    call_command(
        "create_township",
        slug,
        "--name-zh-hans",
        f"{slug}镇",
        "--name-en",
        slug,
        *[f"--{k}={v}" for k, v in extra.items()],
    )
    return Township.objects.get(slug=slug)


def _counts() -> dict[str, int]:
    return {
        "townships": Township.objects.count(),
        "pages": Page.objects.count(),
        "groups": Group.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "collection_permissions": GroupCollectionPermission.objects.count(),
        "collections": Collection.objects.count(),
        "sites": Site.objects.count(),
    }


def test_creates_home_page_at_townships_slug(client):
    # when
    township = _create("shuangxi")
    # then
    home = TownshipHomePage.objects.get(township=township)
    assert home.url_path.endswith("/townships/shuangxi/")
    assert home.live
    assert client.get("/townships/shuangxi/").status_code == 200
    # one hub home and index, and an alias of each in the two other languages
    assert HubHomePage.objects.filter(alias_of__isnull=True).count() == 1
    assert TownshipIndexPage.objects.filter(alias_of__isnull=True).count() == 1
    assert {p.locale.language_code for p in TownshipIndexPage.objects.all()} == {
        "zh-hans",
        "vi",
        "en",
    }


def test_home_is_in_the_tree_of_the_township_language(client):
    # when
    township = _create("shuangxi", **{"default-language": "vi"})
    # then: in the Vietnamese tree, at the same URL
    home = TownshipHomePage.objects.get(township=township)
    assert township.default_language == "vi"
    assert home.locale.language_code == "vi"
    assert home.get_parent().locale.language_code == "vi"
    assert home.url == "/townships/shuangxi/"


def test_running_twice_changes_nothing():
    # given
    _create("shuangxi", hostname="shuangxi.example.org")
    before = _counts()
    # when
    _create("shuangxi", hostname="shuangxi.example.org")
    # then
    assert _counts() == before


def test_own_hostname_becomes_a_wagtail_site():
    township = _create("shuangxi", hostname="shuangxi.example.org")
    site = Site.objects.get(hostname="shuangxi.example.org")
    assert site.root_page.specific.township == township


def test_staff_edit_their_township_pages_and_nothing_else():
    # given
    own = _create("shuangxi")
    other = _create("baishui")
    staff = UserFactory()
    membership_grant(user=staff, township=own, role=MembershipRole.STAFF)
    own_home = TownshipHomePage.objects.get(township=own)
    other_home = TownshipHomePage.objects.get(township=other)
    # then: rights on their own subtree, none on another township or the hub
    assert own_home.permissions_for_user(staff).can_edit()
    assert not own_home.permissions_for_user(staff).can_publish()
    assert not other_home.permissions_for_user(staff).can_edit()
    for hub_home in HubHomePage.objects.all():
        assert not hub_home.permissions_for_user(staff).can_edit()
    for index in TownshipIndexPage.objects.all():
        assert not index.permissions_for_user(staff).can_edit()
    assert staff.has_perm("wagtailadmin.access_admin")


def test_head_publishes_their_township_only():
    own = _create("shuangxi")
    other = _create("baishui")
    head = UserFactory()
    membership_grant(user=head, township=own, role=MembershipRole.HEAD)
    assert (
        TownshipHomePage.objects.get(township=own)
        .permissions_for_user(head)
        .can_publish()
    )
    assert (
        not TownshipHomePage.objects.get(township=other)
        .permissions_for_user(head)
        .can_publish()
    )


def test_editors_use_their_township_collection_only():
    # given
    permission_policy = policy_registry.get_by_type(get_image_model())
    own = _create("shuangxi")
    other = _create("baishui")
    staff = UserFactory()
    membership_grant(user=staff, township=own, role=MembershipRole.STAFF)
    # then
    allowed = permission_policy.collections_user_has_permission_for(staff, "add")
    assert {c.name for c in allowed} == {"shuangxi"}
    choosable = permission_policy.collections_user_has_permission_for(staff, "choose")
    assert other.slug not in {c.name for c in choosable}
    assert not Image.objects.exists()


def test_someone_without_membership_gets_no_cms_rights():
    own = _create("shuangxi")
    citizen = UserFactory()
    assert (
        not TownshipHomePage.objects.get(township=own)
        .permissions_for_user(citizen)
        .can_edit()
    )
    assert not citizen.has_perm("wagtailadmin.access_admin")
