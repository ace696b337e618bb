"""Late items are escalated to the township head exactly once per deadline,
however often the beat runs, and (on PostgreSQL) when two beats overlap."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from hub.celery import app as celery_app
from hub.notifications.constants import MessageKind
from hub.notifications.models import Message
from tests.fixtures.services import at_once
from townships.consultations import services
from townships.consultations.constants import ConsultationEventKind
from townships.consultations.escalation import consultation_escalate_late
from townships.consultations.models import Consultation
from townships.consultations.tasks import consultation_escalate_late_task

NOON = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
K = ConsultationEventKind


def head_told(desk) -> list[str]:
    return list(
        Message.objects.filter(recipient=desk.head, kind=MessageKind.QUESTION)
        .order_by("pk")
        .values_list("dedupe_key", flat=True)
    )


def _escalations(consultation):
    return consultation.events.filter(kind=K.ESCALATED)


@pytest.mark.django_db
def test_nothing_is_escalated_before_its_deadline(desk, citizen):
    with time_machine.travel(NOON, tick=False):
        desk.ask(citizen)
    with time_machine.travel(NOON + timedelta(minutes=59), tick=False):
        assert consultation_escalate_late() == 0
    assert head_told(desk) == []


@pytest.mark.django_db
def test_no_first_reply_in_time_escalates_once(desk, citizen):
    with time_machine.travel(NOON, tick=False):
        consultation = desk.ask(citizen)
    with time_machine.travel(NOON + timedelta(hours=2), tick=False):
        assert consultation_escalate_late_task() == 1
        assert consultation_escalate_late_task() == 0

    event = _escalations(consultation).get()
    assert head_told(desk) == [f"consultation-escalated:{event.pk}"]
    consultation.refresh_from_db()
    assert consultation.escalated_at == NOON + timedelta(hours=2)


@pytest.mark.django_db
def test_replied_but_not_answered_in_time_escalates(desk, citizen):
    with time_machine.travel(NOON, tick=False):
        consultation = desk.ask(citizen)
        services.consultation_reply(
            consultation=consultation, actor=desk.officer, text="Checking."
        )
    with time_machine.travel(NOON + timedelta(hours=47), tick=False):
        assert consultation_escalate_late() == 0
    with time_machine.travel(NOON + timedelta(hours=49), tick=False):
        assert consultation_escalate_late() == 1


@pytest.mark.django_db
def test_answered_items_are_never_escalated(desk, citizen):
    with time_machine.travel(NOON, tick=False):
        consultation = desk.ask(citizen)
        services.consultation_answer(
            consultation=consultation, actor=desk.officer, text="Done."
        )
    with time_machine.travel(NOON + timedelta(days=5), tick=False):
        assert consultation_escalate_late() == 0


@pytest.mark.django_db
def test_reopened_item_is_escalated_again_against_its_new_deadline(desk, citizen):
    # given an item escalated once, then answered and reopened
    with time_machine.travel(NOON, tick=False):
        consultation = desk.ask(citizen)
    with time_machine.travel(NOON + timedelta(hours=2), tick=False):
        consultation_escalate_late()
        services.consultation_answer(
            consultation=consultation, actor=desk.officer, text="Done."
        )
    reopened_at = NOON + timedelta(hours=3)
    with time_machine.travel(reopened_at, tick=False):
        services.consultation_reopen(
            consultation=consultation, actor=citizen, reason="Not paid."
        )
    # when the beat runs before and after the new deadline
    with time_machine.travel(reopened_at + timedelta(hours=47), tick=False):
        assert consultation_escalate_late() == 0
    with time_machine.travel(reopened_at + timedelta(hours=49), tick=False):
        assert consultation_escalate_late() == 1
        assert consultation_escalate_late() == 0
    # then the head was told twice in all, once per deadline
    assert len(head_told(desk)) == 2
    assert _escalations(consultation).count() == 2


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_beats_at_once_tell_the_head_once(desk, citizen):
    # given two late items
    first = desk.ask(citizen)
    second = desk.ask(citizen, title="Road to the market is broken")
    past = NOON - timedelta(days=3)
    Consultation.objects.update(first_reply_due=past, answer_due=past)

    # when two beat processes run at the same moment, twice over
    results = at_once(2, consultation_escalate_late)
    results += at_once(2, consultation_escalate_late)

    # then no run failed and each item was escalated by one run only
    assert all(isinstance(result, int) for result in results), results
    assert sum(results) == 2
    expected = sorted(
        f"consultation-escalated:{_escalations(item).get().pk}"
        for item in (first, second)
    )
    assert sorted(head_told(desk)) == expected


def test_beat_schedule_runs_the_escalation_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["consultations-escalate-late"]

    celery_app.loader.import_default_modules()

    assert entry["task"] == consultation_escalate_late_task.name
    assert entry["task"] in celery_app.tasks
