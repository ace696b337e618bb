"""/me/preferences/: per kind of message, e-mail and SMS or the inbox only."""

from django.core import mail
from django.urls import reverse

import pytest

from cms.pages.models import NoticeDispatch
from hub.couriers import services as courier_services
from hub.couriers.constants import ShipmentKind
from hub.notifications.constants import Channel, MessageKind
from hub.notifications.models import ChannelPreference, Delivery, Message
from hub.notifications.selectors import channels_available
from hub.notifications.services import channel_preferences_set
from tests.factories.accounts import UserFactory
from tests.factories.cms import notice_add

pytestmark = pytest.mark.django_db

BOTH = [Channel.EMAIL, Channel.SMS]


def _boxes(html: str) -> dict[str, bool]:
    """The tick boxes on the page: value -> ticked."""
    boxes = {}
    for chunk in html.split('name="channels" value="')[1:]:
        value, rest = chunk.split('"', 1)
        boxes[value] = rest.lstrip().startswith("checked")
    return boxes


def _post(client, *values: str):
    return client.post(reverse("notifications:preferences"), {"channels": list(values)})


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_user_who_never_chose_gets_every_channel_that_reaches_them(client, citizen):
    # given
    client.force_login(citizen)
    # when
    html = client.get(reverse("notifications:preferences")).content.decode()
    # then: every kind by e-mail and SMS, ticked, as before preferences existed
    assert _boxes(html) == {
        f"{kind}:{channel}": True for kind in MessageKind.values for channel in BOTH
    }
    for kind in MessageKind.values:
        assert channels_available(user=citizen, kind=kind) == BOTH
    assert not ChannelPreference.objects.exists()


def test_only_channels_the_user_has_are_offered(client):
    # given: an e-mail address and a phone that was never confirmed
    user = UserFactory(is_phone_verified=False)
    client.force_login(user)
    # when
    html = client.get(reverse("notifications:preferences")).content.decode()
    # then
    assert set(_boxes(html)) == {f"{kind}:email" for kind in MessageKind.values}
    assert channels_available(user=user, kind=MessageKind.ORDER) == [Channel.EMAIL]


def test_a_user_reached_by_nothing_but_the_inbox_is_told_how_to_add_a_channel(client):
    # given
    user = UserFactory(email=None, is_phone_verified=False)
    client.force_login(user)
    # when
    html = client.get(reverse("notifications:preferences")).content.decode()
    # then
    assert _boxes(html) == {}
    assert "Only your inbox reaches you now." in html
    assert channels_available(user=user, kind=MessageKind.ORDER) == []


def test_choices_are_saved_per_kind_and_shown_again(client, citizen):
    # given
    client.force_login(citizen)
    # when
    response = _post(client, "order:email", "notice:sms")
    # then
    assert response.status_code == 302
    assert channels_available(user=citizen, kind=MessageKind.ORDER) == [Channel.EMAIL]
    assert channels_available(user=citizen, kind=MessageKind.NOTICE) == [Channel.SMS]
    assert channels_available(user=citizen, kind=MessageKind.PARCEL) == []
    html = client.get(response.url).content.decode()
    assert "Saved. Messages will reach you as you chose." in html
    assert {value for value, ticked in _boxes(html).items() if ticked} == {
        "order:email",
        "notice:sms",
    }


def test_a_channel_the_user_does_not_have_is_refused_and_nothing_saved(client):
    # given: no confirmed phone
    user = UserFactory(is_phone_verified=False)
    client.force_login(user)
    # when
    response = _post(client, "order:email", "order:sms")
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "confirm your phone for messages by SMS" in html
    assert not ChannelPreference.objects.exists()
    # what was ticked is kept on the page
    assert _boxes(html)["order:email"] is True
    assert _boxes(html)["parcel:email"] is False


@pytest.mark.parametrize("value", ["bogus:email", "order:fax", "order"])
def test_an_unknown_kind_or_channel_is_refused_and_nothing_saved(
    client, citizen, value
):
    # given
    channel_preferences_set(user=citizen, chosen={MessageKind.ORDER: {Channel.SMS}})
    before = list(ChannelPreference.objects.values_list("kind", "by_email", "by_sms"))
    client.force_login(citizen)
    # when
    response = _post(client, "order:email", value)
    # then
    assert response.status_code == 200
    assert "Choose kinds of message and channels from the list." in (
        response.content.decode()
    )
    after = list(ChannelPreference.objects.values_list("kind", "by_email", "by_sms"))
    assert after == before


def test_a_channel_not_offered_keeps_its_earlier_choice(client):
    # given: SMS could not be offered when the user chose
    user = UserFactory(is_phone_verified=False)
    client.force_login(user)
    _post(client, "order:email")
    # when the phone is confirmed later
    user.is_phone_verified = True
    user.save()
    user = type(user).objects.get(pk=user.pk)
    # then: SMS is back (never turned off), e-mail is as chosen
    assert channels_available(user=user, kind=MessageKind.ORDER) == BOTH
    assert channels_available(user=user, kind=MessageKind.PARCEL) == [Channel.SMS]


def test_prefetched_preferences_cost_no_query(django_assert_num_queries):
    # given
    users = [UserFactory(), UserFactory()]
    channel_preferences_set(user=users[0], chosen={MessageKind.ORDER: {Channel.SMS}})
    users = list(
        type(users[0])
        .objects.filter(pk__in=[u.pk for u in users])
        .prefetch_related("channel_preferences")
        .order_by("pk")
    )
    # then
    with django_assert_num_queries(0):
        channels = [
            channels_available(user=user, kind=MessageKind.ORDER) for user in users
        ]
    assert channels == [[Channel.SMS], BOTH]


# A preference stops the e-mail / SMS, never the inbox message.


def test_no_sms_for_parcels_means_a_parcel_message_by_e_mail_only(
    celery_eager, township, citizen, sms_outbox, django_capture_on_commit_callbacks
):
    # given
    channel_preferences_set(user=citizen, chosen={MessageKind.PARCEL: {Channel.EMAIL}})
    # when a parcel for the citizen is created (and its first event told)
    with django_capture_on_commit_callbacks(execute=True):
        courier_services.shipment_create(
            draft=courier_services.ShipmentDraft(
                reference="test:preference",
                kind=ShipmentKind.PARCEL,
                township_id=township.pk,
                sender_name="Guifang eggs",
                sender_phone="+8613800000002",
                pickup_place="Yangping village",
                recipient=citizen,
                recipient_name="Chen Lan",
                recipient_phone="+8613912345678",
                address="3 Hill Lane, Baiyun village",
                description="2 × Free-range eggs",
            )
        )
    # then
    message = Message.objects.get(recipient=citizen, kind=MessageKind.PARCEL)
    assert list(message.deliveries.values_list("channel", flat=True)) == [Channel.EMAIL]
    assert [email.to for email in mail.outbox] == [[citizen.email]]
    assert sms_outbox == []


def test_no_sms_for_notices_wins_over_a_subscription_by_sms(
    notice_index, subscribe, run_fan_out, sms_outbox
):
    # given: subscribed by e-mail and SMS, then no SMS for notices at all
    user = subscribe(by_email=True, by_sms=True)
    channel_preferences_set(user=user, chosen={MessageKind.NOTICE: {Channel.EMAIL}})
    other = subscribe()
    # when
    notice = notice_add(index=notice_index, title="Water cut on Friday")
    run_fan_out(NoticeDispatch.objects.get(notice=notice))
    # then: the inbox has it, the SMS is not made; the other subscriber gets both
    assert Message.objects.filter(recipient=user, kind=MessageKind.NOTICE).exists()
    assert set(
        Delivery.objects.filter(message__recipient=user).values_list(
            "channel", flat=True
        )
    ) == {Channel.EMAIL}
    assert [sms.to for sms in sms_outbox] == [str(other.phone)]


def test_the_inbox_only_for_notices(notice_index, subscribe, run_fan_out, sms_outbox):
    # given: the inbox only for notices
    user = subscribe()
    channel_preferences_set(user=user, chosen={})
    # when
    run_fan_out(
        NoticeDispatch.objects.get(notice=notice_add(index=notice_index, title="A"))
    )
    # then
    assert Message.objects.filter(recipient=user).count() == 1
    assert not Delivery.objects.exists()
    assert mail.outbox == []
    assert sms_outbox == []
