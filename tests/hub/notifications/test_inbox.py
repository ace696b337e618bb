"""/me/inbox/: a user's own messages, newest first; nobody else's."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from hub.notifications.constants import MessageKind
from hub.notifications.models import Message

pytestmark = pytest.mark.django_db


def _message(user, subject: str, *, minutes_ago: int = 0) -> Message:
    return Message.objects.create(
        recipient=user,
        kind=MessageKind.NOTICE,
        subject=subject,
        body="Details",
        url="http://127.0.0.1:8000/townships/xiaoyudong/",
        unsubscribe_url="http://127.0.0.1:8000/notices/unsubscribe/t/",
        dedupe_key=subject,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


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
    html = client.get(reverse("notifications:inbox")).content.decode()
    # then
    assert html.index("Newer") < html.index("Older")
    assert "Not yours" not in html
    assert "2 unread messages" in html


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
    assert (
        "0 unread messages"
        in client.get(reverse("notifications:inbox")).content.decode()
    )


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


def test_inbox_costs_the_same_queries_whatever_the_number_of_messages(client, citizen):
    def queries_with(count: int) -> int:
        Message.objects.filter(recipient=citizen).delete()
        for number in range(count):
            _message(citizen, f"Message {number}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("notifications:inbox")).status_code == 200
        return len(queries)

    # given
    client.force_login(citizen)
    # then
    assert queries_with(3) == queries_with(30)
