"""/api/v1/me/inbox/ and /api/v1/me/preferences/: the caller's own messages and
channels, like the web pages at /me/."""

from uuid import uuid4

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from hub.notifications.constants import Channel, MessageKind
from hub.notifications.models import ChannelPreference, Message
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("api:inbox")
PREFERENCES = reverse("api:preferences")


def _message(user, subject: str, kind: str = MessageKind.NOTICE) -> Message:
    return Message.objects.create(
        recipient=user, kind=kind, subject=subject, dedupe_key=subject
    )


def test_anonymous_caller_gets_401(api_client):
    assert api_client.get(INBOX).status_code == 401
    assert api_client.get(PREFERENCES).status_code == 401


def test_inbox_lists_every_kind_of_own_messages_and_filters(
    token_client, citizen, other_citizen
):
    # given
    for kind in MessageKind.values:
        _message(citizen, f"About your {kind}", kind)
    _message(other_citizen, "Not yours")
    client = token_client(citizen)
    # when
    everything = client.get(INBOX).json()
    parcels = client.get(INBOX, {"kind": MessageKind.PARCEL}).json()
    # then
    assert {item["kind"] for item in everything["results"]} == set(MessageKind.values)
    assert "Not yours" not in {item["subject"] for item in everything["results"]}
    assert [item["subject"] for item in parcels["results"]] == ["About your parcel"]


def test_unread_counts_and_opening_a_message_marks_it_read(token_client, citizen):
    # given
    order = _message(citizen, "Order", MessageKind.ORDER)
    _message(citizen, "Parcel", MessageKind.PARCEL)
    client = token_client(citizen)
    # when
    before = client.get(reverse("api:inbox-unread")).json()
    opened = client.get(reverse("api:inbox-message", args=[order.uuid])).json()
    after = client.get(reverse("api:inbox-unread")).json()
    # then
    assert before["total"] == 2
    assert before["by_kind"][MessageKind.ORDER] == 1
    assert opened["is_read"] is True
    assert after["total"] == 1
    assert after["by_kind"][MessageKind.ORDER] == 0


def test_someone_elses_message_is_a_404_and_stays_unread(
    token_client, citizen, other_citizen
):
    # given
    message = _message(citizen, "Private")
    # when
    response = token_client(other_citizen).get(
        reverse("api:inbox-message", args=[message.uuid])
    )
    # then
    assert response.status_code == 404
    message.refresh_from_db()
    assert message.read_at is None
    assert (
        token_client(citizen)
        .get(reverse("api:inbox-message", args=[uuid4()]))
        .status_code
        == 404
    )


def test_mark_all_read_of_one_kind(token_client, citizen, other_citizen):
    # given
    _message(citizen, "Order", MessageKind.ORDER)
    _message(citizen, "Parcel", MessageKind.PARCEL)
    theirs = _message(other_citizen, "Their order", MessageKind.ORDER)
    client = token_client(citizen)
    # when
    response = client.post(reverse("api:inbox-read-all"), {"kind": MessageKind.ORDER})
    bad = client.post(reverse("api:inbox-read-all"), {"kind": "bogus"})
    # then
    assert response.json() == {"marked": 1}
    assert bad.status_code == 400
    assert client.get(reverse("api:inbox-unread")).json()["total"] == 1
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_inbox_costs_the_same_queries_whatever_the_number_of_messages(
    token_client, citizen
):
    def queries_with(count: int) -> int:
        Message.objects.filter(recipient=citizen).delete()
        for number in range(count):
            _message(citizen, f"Message {number}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INBOX).status_code == 200
        return len(queries)

    # given
    client = token_client(citizen)
    # then
    assert queries_with(3) == queries_with(30)


def test_preferences_default_to_every_channel_and_can_be_changed(token_client, citizen):
    # given
    client = token_client(citizen)
    # when
    before = client.get(PREFERENCES).json()
    response = client.put(
        PREFERENCES,
        {"preferences": [{"kind": MessageKind.ORDER, "channels": [Channel.SMS]}]},
    )
    # then
    assert before["reachable"] == [Channel.EMAIL, Channel.SMS]
    assert all(
        item["channels"] == [Channel.EMAIL, Channel.SMS]
        for item in before["preferences"]
    )
    assert response.status_code == 200
    channels = {
        item["kind"]: item["channels"] for item in response.json()["preferences"]
    }
    assert channels[MessageKind.ORDER] == [Channel.SMS]
    assert channels[MessageKind.PARCEL] == []


@pytest.mark.parametrize(
    "preferences",
    [
        [{"kind": MessageKind.ORDER, "channels": [Channel.SMS]}],
        [{"kind": "bogus", "channels": [Channel.EMAIL]}],
        [{"kind": MessageKind.ORDER, "channels": ["fax"]}],
    ],
)
def test_bad_preferences_are_refused_and_nothing_saved(token_client, preferences):
    # given: no confirmed phone
    client = token_client(UserFactory(is_phone_verified=False))
    # when
    response = client.put(PREFERENCES, {"preferences": preferences}, format="json")
    # then
    assert response.status_code == 400
    assert response.json()["errors"]
    assert not ChannelPreference.objects.exists()
