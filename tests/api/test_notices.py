"""A township's notices in the API: live and unexpired only, newest first,
filtered by category, in the caller's language where translated."""

from datetime import timedelta

from django.utils import timezone

import pytest

from cms.pages.constants import NoticeCategory
from tests.factories.accounts import UserFactory
from tests.factories.cms import notice_add

pytestmark = pytest.mark.django_db


def _url(slug: str, pk: int | None = None) -> str:
    base = f"/api/v1/townships/{slug}/notices/"
    return base if pk is None else f"{base}{pk}/"


def test_lists_live_notices_newest_first(api_client, township, notice_index):
    # given
    notice_add(index=notice_index, title="Older notice")
    notice_add(index=notice_index, title="Newer notice")
    notice_add(index=notice_index, title="Draft", publish=False)
    notice_add(
        index=notice_index,
        title="Expired",
        expire_at=timezone.now() - timedelta(minutes=1),
    )
    # when
    response = api_client.get(_url(township.slug))
    # then
    assert response.status_code == 200
    titles = [notice["title"] for notice in response.json()["results"]]
    assert titles == ["Newer notice", "Older notice"]


def test_filters_by_category_and_refuses_an_unknown_one(
    api_client, township, notice_index
):
    notice_add(index=notice_index, title="Road closed", category="emergency_alert")
    notice_add(index=notice_index, title="Village fair", category="event")
    alerts = api_client.get(_url(township.slug), {"category": "emergency_alert"})
    assert [n["title"] for n in alerts.json()["results"]] == ["Road closed"]
    assert alerts.json()["results"][0]["category"] == NoticeCategory.EMERGENCY_ALERT
    unknown = api_client.get(_url(township.slug), {"category": "gossip"})
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["field"] == "category"


def test_one_notice_has_its_body_and_link(api_client, township, notice_index):
    notice = notice_add(index=notice_index, title="Water cut on Tuesday")
    response = api_client.get(_url(township.slug, notice.pk))
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Water cut on Tuesday"
    assert body["url"].endswith(notice.url)
    assert "body_html" in body


def test_a_draft_or_another_townships_notice_is_a_404(
    api_client, township, notice_index, other_township
):
    draft = notice_add(index=notice_index, title="Draft", publish=False)
    live = notice_add(index=notice_index, title="Live")
    assert api_client.get(_url(township.slug, draft.pk)).status_code == 404
    assert api_client.get(_url(other_township.slug, live.pk)).status_code == 404
    assert api_client.get(_url("nowhere")).status_code == 404


def test_notice_list_queries_do_not_grow(
    api_client,
    township,
    notice_index,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    # given
    for number in range(2):
        notice_add(index=notice_index, title=f"Notice {number}")
    api_client.get(_url(township.slug))  # Wagtail's site and locale caches
    with django_assert_max_num_queries(10) as few:
        assert api_client.get(_url(township.slug)).json()["count"] == 2
    # when
    for number in range(2, 8):
        notice_add(index=notice_index, title=f"Notice {number}")
    # then
    with django_assert_num_queries(len(few.captured_queries)):
        assert api_client.get(_url(township.slug)).json()["count"] == 8


def _subscription(slug: str) -> str:
    return f"/api/v1/townships/{slug}/notices/subscription/"


def test_citizen_subscribes_changes_and_stops(token_client, citizen, township):
    client = token_client(citizen)
    url = _subscription(township.slug)
    assert client.get(url).status_code == 404

    response = client.put(url, {"categories": ["event"], "by_email": True})

    assert response.status_code == 200, response.json()
    assert client.get(url).json() == {
        "categories": ["event"],
        "by_email": True,
        "by_sms": False,
    }
    changed = client.put(url, {"categories": [], "by_email": False})
    assert changed.json()["categories"] == []
    assert citizen.notice_subscriptions.count() == 1
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"categories": ["gossip"]}, "categories.0"),
        ({"categories": [], "by_sms": True}, "channels"),
    ],
)
def test_subscription_refuses_bad_input(token_client, township, body, field):
    no_phone = UserFactory(phone=None)
    client = token_client(no_phone)

    response = client.put(_subscription(township.slug), body)

    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {field}
    assert not no_phone.notice_subscriptions.exists()


def test_subscription_needs_a_token_and_a_real_township(
    api_client, token_client, citizen
):
    assert api_client.get(_subscription("xiaoyudong")).status_code == 401
    response = token_client(citizen).put(_subscription("nowhere"), {"categories": []})
    assert response.status_code == 404
