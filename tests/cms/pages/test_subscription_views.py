"""J4: a citizen subscribes to a township's notices, changes, unsubscribes."""

import re

from django.core import signing
from django.test import Client
from django.urls import reverse

import pytest

from cms.pages.constants import NoticeCategory
from cms.pages.models import NoticeSubscription
from cms.pages.subscriptions import (
    notice_unsubscribe_token,
    notice_unsubscribe_url,
)
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribe_url(township) -> str:
    return reverse("notices:subscribe", args=[township.slug])


def _subscription(user) -> NoticeSubscription:
    return NoticeSubscription.objects.get(user=user)


def _ticked(html: str) -> set[tuple[str, str]]:
    """(name, value) of every checked box and radio button of the page."""
    inputs = re.findall(r"<input [^>]*>", html)
    return {
        (re.search(r'name="([^"]+)"', tag)[1], re.search(r'value="([^"]+)"', tag)[1])
        for tag in inputs
        if " checked" in tag
    }


def test_township_home_and_notice_index_link_to_the_subscription_form(
    client, township_home, notice_index, subscribe_url
):
    for page in (township_home, notice_index):
        assert subscribe_url in client.get(page.url).content.decode()


def test_anonymous_visitor_is_sent_to_log_in(client, subscribe_url):
    # when
    response = client.post(subscribe_url, {"scope": "all"})
    # then
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert not NoticeSubscription.objects.exists()


def test_citizen_subscribes_to_some_categories_by_sms(
    client, citizen, township, subscribe_url
):
    # given
    client.force_login(citizen)
    # when
    response = client.post(
        subscribe_url,
        {"scope": "some", "categories": [NoticeCategory.EVENT], "channels": ["sms"]},
        follow=True,
    )
    # then
    assert "You will be told of new notices of Xiaoyudong Town" in (
        response.content.decode()
    )
    subscription = _subscription(citizen)
    assert subscription.township == township
    assert subscription.categories == [NoticeCategory.EVENT]
    assert (subscription.by_email, subscription.by_sms) == (False, True)
    # when: the form is opened again, it shows what was saved
    html = client.get(subscribe_url).content.decode()
    assert _ticked(html) == {
        ("scope", "some"),
        ("categories", "event"),
        ("channels", "sms"),
    }


def test_an_unknown_category_gets_a_message_and_the_form_keeps_what_was_typed(
    client, citizen, subscribe_url
):
    # given
    client.force_login(citizen)
    # when
    response = client.post(
        subscribe_url,
        {"scope": "some", "categories": ["fireworks"], "channels": ["email"]},
    )
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "“fireworks” is not a category of notices" in html
    assert _ticked(html) == {("scope", "some"), ("channels", "email")}
    assert not NoticeSubscription.objects.exists()


def test_some_categories_but_none_ticked_gets_a_message(client, citizen, subscribe_url):
    client.force_login(citizen)
    response = client.post(subscribe_url, {"scope": "some", "channels": ["sms"]})
    assert "Tick at least one category, or choose all notices." in (
        response.content.decode()
    )
    assert not NoticeSubscription.objects.exists()


def test_sms_is_not_offered_without_a_confirmed_phone(client, subscribe_url):
    # given
    user = UserFactory(is_phone_verified=False)
    client.force_login(user)
    # then: not offered
    assert 'value="sms"' not in client.get(subscribe_url).content.decode()
    # when: posted anyway
    response = client.post(subscribe_url, {"scope": "all", "channels": ["sms"]})
    # then
    assert "We cannot send notices to you by “sms”" in response.content.decode()
    assert not NoticeSubscription.objects.exists()


def test_a_citizen_changes_only_their_own_subscription(
    client, subscribe, subscribe_url, other_citizen
):
    # given: someone else is subscribed to everything by e-mail and SMS
    someone = subscribe()
    # when: another citizen subscribes to events only
    client.force_login(other_citizen)
    client.post(subscribe_url, {"scope": "some", "categories": ["event"]})
    # then
    mine = _subscription(other_citizen)
    assert (mine.categories, mine.by_email, mine.by_sms) == (["event"], False, False)
    theirs = _subscription(someone)
    assert (theirs.categories, theirs.by_email, theirs.by_sms) == ([], True, True)


def test_citizen_stops_the_notices_from_the_form(client, subscribe, subscribe_url):
    # given
    user = subscribe()
    client.force_login(user)
    # when
    response = client.post(subscribe_url, {"unsubscribe": "1"}, follow=True)
    # then
    assert "You will no longer be told of notices" in response.content.decode()
    assert not NoticeSubscription.objects.exists()


def test_unknown_township_is_404(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("notices:subscribe", args=["atlantis"]))
    assert response.status_code == 404


def test_one_click_unsubscribe_asks_then_unsubscribes_without_login(subscribe):
    # given: a mail client without cookies nor CSRF token
    user = subscribe()
    url = notice_unsubscribe_url(subscription=_subscription(user))
    client = Client(enforce_csrf_checks=True)
    # when: the link is opened
    response = client.get(url)
    # then: one button, nothing changed yet
    assert response.status_code == 200
    assert "Stop getting the notices of Xiaoyudong Town?" in response.content.decode()
    assert NoticeSubscription.objects.filter(user=user).exists()
    # when: the button is pressed (or the mail client posts, RFC 8058), twice
    for _ in range(2):
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        # then
        assert response.status_code == 200
        assert "Done." in response.content.decode()
    assert not NoticeSubscription.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(
            lambda token, other: token[:-1] + ("A" if token[-1] != "A" else "B"),
            id="signature",
        ),
        pytest.param(
            lambda token, other: signing.Signer(salt="another.purpose").sign_object(
                [other.pk, other.notice_subscriptions.get().township_id]
            ),
            id="other-salt",
        ),
        pytest.param(
            lambda token, other: token.replace(
                token.split(":")[0],
                signing.b64_encode(f"[{other.pk},1]".encode()).decode(),
            ),
            id="other-user",
        ),
        pytest.param(lambda token, other: "garbage", id="garbage"),
    ],
)
def test_a_tampered_token_unsubscribes_nobody(client, subscribe, tamper):
    # given: two subscribers; the attacker has a token of their own
    attacker = subscribe()
    victim = subscribe()
    token = notice_unsubscribe_token(subscription=_subscription(attacker))
    # when
    url = reverse("notices:unsubscribe", args=[tamper(token, victim)])
    responses = [client.get(url), client.post(url)]
    # then
    assert [r.status_code for r in responses] == [400, 400]
    assert NoticeSubscription.objects.count() == 2


def test_unsubscribe_token_of_a_user_unsubscribes_them_from_one_township_only(
    client, subscribe, other_township
):
    # given
    user = subscribe()
    subscribe(user=user, to=other_township)
    url = notice_unsubscribe_url(subscription=_subscription_in(user, other_township))
    # when
    client.post(url)
    # then
    assert list(
        NoticeSubscription.objects.filter(user=user).values_list(
            "township__slug", flat=True
        )
    ) == ["xiaoyudong"]


def _subscription_in(user, township) -> NoticeSubscription:
    return NoticeSubscription.objects.get(user=user, township=township)
