"""/me/: one inbox of every kind of message, newest first; nobody else's."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from hub.notifications.constants import INBOX_PAGE_SIZE, MessageKind
from hub.notifications.models import Message

pytestmark = pytest.mark.django_db


def _message(
    user, subject: str, *, kind: str = MessageKind.NOTICE, minutes_ago: int = 0
) -> Message:
    return Message.objects.create(
        recipient=user,
        kind=kind,
        subject=subject,
        body="Details",
        url="http://127.0.0.1:8000/townships/xiaoyudong/",
        unsubscribe_url="http://127.0.0.1:8000/notices/unsubscribe/t/",
        dedupe_key=subject,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def _one_of_each_kind(user) -> None:
    for minutes_ago, kind in enumerate(MessageKind.values):
        _message(user, f"About your {kind}", kind=kind, minutes_ago=minutes_ago)


def _html(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_inbox_is_at_me():
    assert reverse("notifications:inbox") == "/me/"


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_inbox_lists_own_messages_newest_first_with_the_unread_count(
    client, citizen, other_citizen
):
    # given
    _message(citizen, "Older", minutes_ago=10)
    _message(citizen, "Newer")
    _message(other_citizen, "Not yours")
    client.force_login(citizen)
    # when
    html = _html(client, reverse("notifications:inbox"))
    # then
    assert html.index("Newer") < html.index("Older")
    assert "Not yours" not in html
    assert "2 unread messages" in html


def test_inbox_shows_every_kind_in_one_list_and_no_one_elses(
    client, citizen, other_citizen
):
    # given: one message of each kind for the citizen, and for someone else
    _one_of_each_kind(citizen)
    _message(other_citizen, "Their parcel", kind=MessageKind.PARCEL)
    client.force_login(citizen)
    # when
    html = _html(client, reverse("notifications:inbox"))
    # then: orders, parcels, applications, questions and notices, newest first
    positions = [html.index(f"About your {kind}") for kind in MessageKind.values]
    assert positions == sorted(positions)
    for _value, label in MessageKind.choices:
        assert f"{label} ·" in html
    assert "Their parcel" not in html
    assert f"{len(MessageKind.values)} unread messages" in html


def test_unread_counts_per_kind_and_in_total(client, citizen, other_citizen):
    # given: two unread orders, one read and one unread parcel
    _message(citizen, "Order 1", kind=MessageKind.ORDER)
    _message(citizen, "Order 2", kind=MessageKind.ORDER)
    _message(citizen, "Parcel 1", kind=MessageKind.PARCEL)
    read = _message(citizen, "Parcel 2", kind=MessageKind.PARCEL)
    read.read_at = timezone.now()
    read.save()
    _message(other_citizen, "Their order", kind=MessageKind.ORDER)
    client.force_login(citizen)
    # when
    response = client.get(reverse("notifications:inbox"))
    # then
    kinds = {item["value"]: item["unread"] for item in response.context["kinds"]}
    assert kinds == {
        MessageKind.NOTICE: 0,
        MessageKind.ORDER: 2,
        MessageKind.PARCEL: 1,
        MessageKind.APPLICATION: 0,
        MessageKind.QUESTION: 0,
    }
    html = response.content.decode()
    assert "3 unread messages" in html
    assert "All (3)" in html
    assert "Order (2)" in html
    assert "Parcel (1)" in html


def test_the_filter_shows_one_kind(client, citizen):
    # given
    _one_of_each_kind(citizen)
    client.force_login(citizen)
    # when
    html = _html(client, reverse("notifications:inbox"), kind=MessageKind.PARCEL)
    # then
    assert "About your parcel" in html
    for kind in set(MessageKind.values) - {MessageKind.PARCEL}:
        assert f"About your {kind}" not in html


def test_an_unknown_kind_in_the_filter_shows_everything(client, citizen):
    # given
    _one_of_each_kind(citizen)
    client.force_login(citizen)
    # when
    html = _html(client, reverse("notifications:inbox"), kind="bogus")
    # then
    for kind in MessageKind.values:
        assert f"About your {kind}" in html


def test_opening_a_message_marks_it_read(client, citizen):
    # given
    message = _message(citizen, "Road closed")
    client.force_login(citizen)
    # when
    response = client.get(reverse("notifications:message", args=[message.uuid]))
    # then
    html = response.content.decode()
    assert "Road closed" in html
    assert message.unsubscribe_url in html
    message.refresh_from_db()
    assert message.read_at is not None
    assert "0 unread messages" in _html(client, reverse("notifications:inbox"))


def test_someone_elses_message_is_404_and_stays_unread(client, citizen, other_citizen):
    # given
    message = _message(citizen, "Private")
    client.force_login(other_citizen)
    # when
    response = client.get(reverse("notifications:message", args=[message.uuid]))
    # then
    assert response.status_code == 404
    message.refresh_from_db()
    assert message.read_at is None


def test_old_inbox_address_sends_to_me_and_old_message_links_still_open(
    client, citizen
):
    # given a link from an e-mail sent before the inbox moved
    message = _message(citizen, "Road closed")
    client.force_login(citizen)
    # when
    moved = client.get("/me/inbox/?kind=order")
    opened = client.get(f"/me/inbox/{message.uuid}/")
    # then
    assert moved.status_code == 301
    assert moved.url == "/me/?kind=order"
    assert opened.status_code == 200
    assert "Road closed" in opened.content.decode()


def test_mark_all_read_marks_only_own_messages(client, citizen, other_citizen):
    # given
    _one_of_each_kind(citizen)
    theirs = _message(other_citizen, "Theirs")
    client.force_login(citizen)
    # when
    response = client.post(reverse("notifications:read_all"), follow=True)
    # then
    html = response.content.decode()
    assert f"{len(MessageKind.values)} messages marked read." in html
    assert "0 unread messages" in html
    assert not Message.objects.filter(recipient=citizen, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_in_a_filtered_list_marks_only_that_kind(client, citizen):
    # given
    _one_of_each_kind(citizen)
    client.force_login(citizen)
    # when
    response = client.post(
        reverse("notifications:read_all"), {"kind": MessageKind.ORDER}
    )
    # then
    assert response.url == f"{reverse('notifications:inbox')}?kind=order"
    unread = set(
        Message.objects.filter(recipient=citizen, read_at__isnull=True).values_list(
            "kind", flat=True
        )
    )
    assert unread == set(MessageKind.values) - {MessageKind.ORDER}


def test_mark_all_read_is_not_done_by_a_link(client, citizen):
    # given
    _message(citizen, "Unread")
    client.force_login(citizen)
    # when
    response = client.get(reverse("notifications:read_all"))
    # then
    assert response.status_code == 405
    assert Message.objects.get().read_at is None


def test_the_inbox_is_paginated_and_the_filter_kept_across_pages(client, citizen):
    # given
    for number in range(INBOX_PAGE_SIZE + 5):
        _message(
            citizen, f"Order {number:02d}", kind=MessageKind.ORDER, minutes_ago=number
        )
    _message(citizen, "A notice", minutes_ago=100)
    client.force_login(citizen)
    # when
    first = client.get(reverse("notifications:inbox"), {"kind": MessageKind.ORDER})
    second = client.get(
        reverse("notifications:inbox"), {"kind": MessageKind.ORDER, "page": 2}
    )
    # then
    assert len(first.context["inbox_messages"]) == INBOX_PAGE_SIZE
    assert 'href="?kind=order&amp;page=2"' in first.content.decode()
    assert [m.subject for m in second.context["inbox_messages"]] == [
        f"Order {number:02d}" for number in range(INBOX_PAGE_SIZE, INBOX_PAGE_SIZE + 5)
    ]


@pytest.mark.parametrize("params", [{}, {"kind": MessageKind.ORDER, "page": 2}])
def test_inbox_costs_the_same_queries_whatever_the_number_of_messages(
    client, citizen, params
):
    def queries_with(count: int) -> int:
        Message.objects.filter(recipient=citizen).delete()
        for number in range(count):
            kind = MessageKind.values[number % len(MessageKind.values)]
            _message(citizen, f"Message {number}", kind=kind)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("notifications:inbox"), params).status_code == 200
        return len(queries)

    # given
    client.force_login(citizen)
    # then
    assert queries_with(3) == queries_with(300)
