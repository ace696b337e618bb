"""J4 in the CMS: "tell subscribers again" sends one more round, then unticks itself."""

import re

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.pages.constants import NoticeCategory
from cms.pages.models import NoticeDispatch
from tests.factories.accounts import UserFactory
from tests.factories.cms import notice_add
from townships.core.constants import MembershipRole
from townships.core.services import membership_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(township):
    user = UserFactory()
    membership_grant(user=user, township=township, role=MembershipRole.HEAD)
    return user


def _publish_in_admin(client, notice, **fields):
    data = nested_form_data(
        {
            "title": notice.title,
            "slug": notice.slug,
            "category": NoticeCategory.PUBLIC_NOTICE,
            "summary": "Changed",
            "body": streamfield([]),
            "attachments": inline_formset([]),
            "action-publish": "action-publish",
            **fields,
        }
    )
    return client.post(f"/cms/pages/{notice.pk}/edit/", data)


def _notify_again_box(client, notice) -> str:
    html = client.get(f"/cms/pages/{notice.pk}/edit/").content.decode()
    return re.search(r'<input[^>]*name="notify_again"[^>]*>', html)[0]


def test_the_editor_ticks_tell_subscribers_again_and_it_unticks_itself(
    client, head, notice_index, subscribe
):
    # given: a notice that subscribers were told of
    subscribe()
    notice = notice_add(index=notice_index, title="Water cut")
    client.force_login(head)
    assert "checked" not in _notify_again_box(client, notice)
    # when: published again without the box, then with it
    _publish_in_admin(client, notice)
    response = _publish_in_admin(client, notice, notify_again="on")
    # then: one more round only, and the editor finds the box unticked
    assert response.status_code == 302
    rounds = NoticeDispatch.objects.filter(notice=notice).values_list(
        "round", flat=True
    )
    assert sorted(rounds) == [1, 2]
    assert "checked" not in _notify_again_box(client, notice)
