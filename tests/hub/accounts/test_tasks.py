from datetime import timedelta

from django.utils import timezone

import time_machine

from hub.accounts.models import LoginCode
from hub.accounts.services import login_code_consume, login_code_send
from hub.accounts.tasks import login_code_sms_task


def test_texts_a_usable_code(db, sms_outbox, settings):
    # given
    settings.SMS_CODE_TTL = timedelta(minutes=3)
    login_code = login_code_send(phone="+8613900000002")

    # when
    login_code_sms_task(login_code.pk, "654321")

    # then
    assert [(sms.to, sms.body) for sms in sms_outbox] == [
        (
            "+8613900000002",
            "Your Township Hub login code is 654321. It expires in 3 minutes.",
        )
    ]


def test_does_not_text_a_used_code(db, sms_outbox):
    # given: the task ran late, after the code was typed in
    login_code = login_code_send(phone="+8613900000002")
    LoginCode.objects.filter(pk=login_code.pk).update(used_at=timezone.now())

    # when
    login_code_sms_task(login_code.pk, "654321")

    # then
    assert sms_outbox == []


def test_does_not_text_an_expired_code(db, sms_outbox, settings):
    # given
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        login_code = login_code_send(phone="+8613900000002")
        traveller.shift(settings.SMS_CODE_TTL + timedelta(seconds=1))

        # when
        login_code_sms_task(login_code.pk, "654321")

    # then
    assert sms_outbox == []
    assert login_code_consume(phone="+8613900000002", code="654321") is False
