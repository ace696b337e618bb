"""Township staff translate their own pages in /cms/, and nobody else's."""

import pytest
from wagtail.models import Locale

from cms.pages.models import TownshipHomePage
from tests.factories.accounts import UserFactory
from townships.core.constants import MembershipRole
from townships.core.services import membership_grant

pytestmark = pytest.mark.django_db


def _staff(township):
    user = UserFactory()
    membership_grant(user=user, township=township, role=MembershipRole.STAFF)
    return user


def _translate(client, page):
    vi = Locale.objects.get(language_code="vi")
    return client.post(f"/cms/translation/submit/page/{page.pk}/", {"locales": [vi.pk]})


def test_staff_translate_their_home_and_may_edit_the_translation(client, township):
    # given
    staff = _staff(township)
    home = TownshipHomePage.objects.get(township=township)
    client.force_login(staff)
    # when
    response = _translate(client, home)
    # then: the Vietnamese home is theirs to edit, through the head's approval
    assert response.status_code == 302
    vi_home = home.get_translation(Locale.objects.get(language_code="vi"))
    assert vi_home.permissions_for_user(staff).can_edit()
    assert not vi_home.permissions_for_user(staff).can_publish()
    assert vi_home.get_workflow().name == f"{township.slug}: head approval"


def test_staff_cannot_translate_another_township(client, township, other_township):
    # given
    client.force_login(_staff(township))
    other_home = TownshipHomePage.objects.get(township=other_township)
    # when
    response = _translate(client, other_home)
    # then: refused (the admin sends the editor back to the dashboard)
    assert (response.status_code, response.get("Location")) in [
        (302, "/cms/"),
        (403, None),
        (404, None),
    ]
    assert not other_home.has_translation(Locale.objects.get(language_code="vi"))
