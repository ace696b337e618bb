"""The applicant rates a decided application; a low rating opens the head's review."""

from django.urls import reverse

import pytest

from hub.notifications.models import Message
from tests.factories.accounts import UserFactory
from tests.factories.townships import TownshipFactory
from tests.townships.applications.results_helpers import (
    approve,
    officer_of,
    submitted_application,
    township_new,
)
from townships.applications.constants import ApplicationEventKind
from townships.applications.models import Application
from townships.core.constants import MembershipRole
from townships.core.models import Membership
from townships.public_services.constants import DeliveryOption

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(citizen):
    application = submitted_application(
        applicant=citizen, delivery=DeliveryOption.PICKUP, township=township_new()
    )
    return approve(application, officer_of(application.department))


@pytest.fixture
def head(decided):
    user = UserFactory()
    Membership.objects.create(
        user=user, township=decided.township, role=MembershipRole.HEAD
    )
    return user


def _rate(client, application, **data):
    return client.post(reverse("applications:rate", args=[application.uuid]), data)


def test_a_good_rating_is_kept_and_opens_no_review(client, citizen, decided, head):
    client.force_login(citizen)

    response = _rate(client, decided, rating="5", reason="Quick, no visit")

    assert response.status_code == 302
    decided.refresh_from_db()
    assert (decided.rating, decided.rating_reason) == (5, "Quick, no visit")
    assert decided.review_opened_at is None
    assert not Message.objects.filter(recipient=head).exists()


def test_a_low_rating_opens_a_review_the_head_closes_and_the_citizen_hears(
    client, citizen, decided, head, celery_eager, django_capture_on_commit_callbacks
):
    # given a rating of 2 by the applicant
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        _rate(client, decided, rating="2", reason="Asked to come twice")
    decided.refresh_from_db()
    assert decided.review_opened_at is not None
    assert Message.objects.filter(recipient=head).count() == 1
    # the head sees it at the top of the hall
    client.force_login(head)
    queue = client.get(reverse("hall:queue")).content.decode()
    assert "data-reviews" in queue and decided.reference in queue

    # when the head closes it with a note
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("hall:review_close", args=[decided.uuid]),
            {"note": "Materials list fixed on the guide page"},
        )

    # then
    assert response.status_code == 302
    decided.refresh_from_db()
    assert decided.review_closed_at is not None
    closed = decided.events.get(kind=ApplicationEventKind.REVIEW_CLOSED)
    assert closed.note == "Materials list fixed on the guide page"
    assert Message.objects.filter(
        recipient=citizen, dedupe_key=f"application-event:{closed.pk}"
    ).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rating": ""}, "Choose 1 to 5 stars."),
        ({"rating": "6"}, "Select a valid choice."),
        ({"rating": "3", "reason": "x" * 501}, "at most 500 characters"),
    ],
)
def test_bad_ratings_are_refused_and_kept(client, citizen, decided, data, message):
    client.force_login(citizen)

    response = _rate(client, decided, **data)

    assert response.status_code == 400
    assert message in response.content.decode()
    decided.refresh_from_db()
    assert decided.rating is None


def test_rating_twice_or_before_the_decision_is_refused(client, citizen, decided):
    client.force_login(citizen)
    _rate(client, decided, rating="4")

    again = _rate(client, decided, rating="1")
    undecided = submitted_application(
        applicant=citizen, township=decided.township, slug="other-service"
    )
    early = _rate(client, undecided, rating="1")

    assert "already rated" in again.content.decode()
    assert Application.objects.get(pk=decided.pk).rating == 4
    assert early.status_code == 400
    assert Application.objects.get(pk=undecided.pk).rating is None


@pytest.mark.parametrize("who", ["other_citizen", "officer", "anonymous"])
def test_only_the_applicant_rates(client, decided, other_citizen, who):
    if who == "other_citizen":
        client.force_login(other_citizen)
    elif who == "officer":
        client.force_login(officer_of(decided.department))

    response = _rate(client, decided, rating="1")

    assert response.status_code in (302, 404)
    if who == "anonymous":
        assert reverse("accounts:login") in response["Location"]
    decided.refresh_from_db()
    assert decided.rating is None


@pytest.mark.parametrize("who", ["officer", "applicant", "other_head"])
def test_only_the_head_closes_a_review(client, citizen, decided, who):
    Application.objects.filter(pk=decided.pk).update(
        rating=1, review_opened_at=decided.decided_at
    )
    user = {
        "officer": officer_of(decided.department),
        "applicant": citizen,
        "other_head": _head_elsewhere(),
    }[who]
    client.force_login(user)

    response = client.post(
        reverse("hall:review_close", args=[decided.uuid]), {"note": "done"}
    )

    assert response.status_code in (403, 404)
    decided.refresh_from_db()
    assert decided.review_closed_at is None


def _head_elsewhere():
    user = UserFactory()
    other = TownshipFactory(slug="huaqiao")
    Membership.objects.create(user=user, township=other, role=MembershipRole.HEAD)
    return user
