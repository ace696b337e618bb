"""Routing, promised times, forward with a holding reply, answer, rating and
"not resolved", me too, the rate limit; every rule tried from the wrong side."""

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
import time_machine

from hub.core.exceptions import ApplicationError
from hub.notifications.constants import MessageKind
from hub.notifications.models import Message
from tests.factories.accounts import UserFactory
from tests.factories.consultations import CategoryFactory, RoutingRuleFactory
from tests.factories.townships import DepartmentFactory, TownshipFactory
from townships.consultations import services
from townships.consultations.constants import (
    ASK_LIMIT_PER_HOUR,
    ConsultationEventKind,
    ConsultationStatus,
)
from townships.consultations.models import Consultation, MeToo, RoutingRule

S = ConsultationStatus
K = ConsultationEventKind
NOON = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)


def told(user) -> list[str]:
    return list(
        Message.objects.filter(recipient=user, kind=MessageKind.QUESTION)
        .order_by("pk")
        .values_list("subject", flat=True)
    )


# Routing


def test_category_rule_routes_to_its_department(desk, citizen):
    consultation = desk.ask(citizen)

    assert consultation.department == desk.department
    assert consultation.events.get().kind == K.ASKED


def test_catch_all_takes_a_category_without_its_own_rule(desk, citizen):
    roads = CategoryFactory(slug="roads")
    RoutingRuleFactory(
        township=desk.township, category=None, department=desk.other_department
    )

    consultation = desk.ask(citizen, category=roads)

    assert consultation.department == desk.other_department


def test_own_rule_wins_over_the_catch_all(desk, citizen):
    RoutingRuleFactory(
        township=desk.township, category=None, department=desk.other_department
    )

    assert desk.ask(citizen).department == desk.department


def test_rules_of_another_township_do_not_route(desk, citizen):
    elsewhere = TownshipFactory()
    roads = CategoryFactory(slug="roads")
    RoutingRuleFactory(
        township=elsewhere,
        category=roads,
        department=DepartmentFactory(township=elsewhere),
    )

    with pytest.raises(ApplicationError, match="does not take questions"):
        desk.ask(citizen, category=roads)

    assert not Consultation.objects.exists()


def test_rule_must_point_to_a_department_of_its_township(desk):
    rule = RoutingRule(
        township=desk.township,
        category=CategoryFactory(slug="roads"),
        department=DepartmentFactory(township=TownshipFactory()),
    )

    with pytest.raises(ValidationError, match="department of this township"):
        rule.full_clean()


@time_machine.travel(NOON, tick=False)
def test_promised_times_come_from_the_category(desk, citizen):
    consultation = desk.ask(citizen)

    assert consultation.first_reply_due == NOON + timedelta(hours=1)
    assert consultation.answer_due == NOON + timedelta(hours=48)
    assert consultation.reference == f"Q2026{consultation.pk:06d}"


def test_inactive_category_is_refused(desk, citizen):
    desk.category.is_active = False
    desk.category.save()

    with pytest.raises(ApplicationError):
        desk.ask(citizen)


def test_photo_that_is_not_an_image_is_refused(desk, citizen):
    fake = SimpleUploadedFile("photo.jpg", b"not an image at all", "image/jpeg")

    with pytest.raises(ValidationError):
        desk.ask(citizen, photo=fake)

    assert not Consultation.objects.exists()


def test_asking_is_limited_per_account_and_hour(desk, citizen, other_citizen):
    with time_machine.travel(NOON, tick=False):
        for _ in range(ASK_LIMIT_PER_HOUR):
            desk.ask(citizen)
        with pytest.raises(ApplicationError, match="last hour"):
            desk.ask(citizen)
        # another account is not held back
        desk.ask(other_citizen)
    assert Consultation.objects.filter(asker=citizen).count() == ASK_LIMIT_PER_HOUR
    # an hour later the citizen may ask again
    with time_machine.travel(NOON + timedelta(hours=1, minutes=1), tick=False):
        desk.ask(citizen)


# Officer steps


def test_forward_moves_it_with_a_holding_reply_and_keeps_the_trail(desk, citizen):
    consultation = desk.ask(citizen)

    services.consultation_forward(
        consultation=consultation,
        actor=desk.officer,
        department=desk.other_department,
        text="Forwarded to the civil affairs office, please wait.",
    )

    consultation.refresh_from_db()
    assert consultation.department == desk.other_department
    assert consultation.first_reply_at is not None
    forwarded = consultation.events.get(kind=K.FORWARDED)
    assert forwarded.from_department == desk.department
    assert forwarded.to_department == desk.other_department
    assert forwarded.actor == desk.officer
    assert told(citizen) == [f"Your question {consultation.reference} is forwarded"]
    # the first department's officer may no longer act; the second one may
    with pytest.raises(ApplicationError, match="Only officers"):
        services.consultation_answer(
            consultation=consultation, actor=desk.officer, text="Done."
        )
    services.consultation_answer(
        consultation=consultation, actor=desk.other_officer, text="Done."
    )


def test_forward_to_another_township_is_refused(desk, citizen):
    consultation = desk.ask(citizen)
    elsewhere = DepartmentFactory(township=TownshipFactory())

    with pytest.raises(ApplicationError, match="same township"):
        services.consultation_forward(
            consultation=consultation,
            actor=desk.officer,
            department=elsewhere,
            text="Please wait.",
        )

    consultation.refresh_from_db()
    assert consultation.department == desk.department
    assert told(citizen) == []


@pytest.mark.parametrize("who", ["other_officer", "head", "asker", "outsider"])
def test_only_the_departments_officer_answers(desk, citizen, who):
    consultation = desk.ask(citizen)
    actor = {
        "other_officer": desk.other_officer,
        "head": desk.head,
        "asker": citizen,
        "outsider": UserFactory(),
    }[who]

    with pytest.raises(ApplicationError):
        services.consultation_answer(
            consultation=consultation, actor=actor, text="Answer."
        )

    consultation.refresh_from_db()
    assert consultation.status == S.OPEN
    assert consultation.answer == ""


def test_answer_tells_the_asker_and_counts_as_the_first_reply(desk, citizen):
    consultation = desk.ask(citizen)

    services.consultation_reply(
        consultation=consultation, actor=desk.officer, text="We are checking."
    )
    services.consultation_answer(
        consultation=consultation, actor=desk.officer, text="Paid on 15 May."
    )

    consultation.refresh_from_db()
    assert consultation.status == S.ANSWERED
    assert consultation.is_on_time is True
    assert consultation.first_reply_at <= consultation.answered_at
    assert told(citizen) == [
        f"A reply to your question {consultation.reference}",
        f"Your question {consultation.reference} is answered",
    ]
    with pytest.raises(ApplicationError, match="already answered"):
        services.consultation_answer(
            consultation=consultation, actor=desk.officer, text="Again."
        )


# Rating and "not resolved"


def _answered(desk, citizen, **fields):
    consultation = desk.ask(citizen, **fields)
    return services.consultation_answer(
        consultation=consultation, actor=desk.officer, text="Paid on 15 May."
    )


def test_asker_rates_the_answer_and_it_closes(desk, citizen):
    consultation = _answered(desk, citizen)

    services.consultation_rate(consultation=consultation, actor=citizen, rating=4)

    consultation.refresh_from_db()
    assert (consultation.rating, consultation.status) == (4, S.CLOSED)
    with pytest.raises(ApplicationError):
        services.consultation_rate(consultation=consultation, actor=citizen, rating=1)


def test_nobody_else_rates(desk, citizen, other_citizen):
    consultation = _answered(desk, citizen)

    for actor in (other_citizen, desk.officer):
        with pytest.raises(ApplicationError, match="Only the person who asked"):
            services.consultation_rate(consultation=consultation, actor=actor, rating=5)

    consultation.refresh_from_db()
    assert consultation.rating is None


def test_rating_out_of_range_is_refused(desk, citizen):
    consultation = _answered(desk, citizen)

    with pytest.raises(ApplicationError, match="1 to 5"):
        services.consultation_rate(consultation=consultation, actor=citizen, rating=6)

    consultation.refresh_from_db()
    assert consultation.rating is None
    assert consultation.status == S.ANSWERED


def test_an_open_question_cannot_be_rated(desk, citizen):
    consultation = desk.ask(citizen)

    with pytest.raises(ApplicationError):
        services.consultation_rate(consultation=consultation, actor=citizen, rating=5)


def test_not_resolved_reopens_with_a_new_deadline(desk, citizen):
    with time_machine.travel(NOON, tick=False):
        consultation = _answered(desk, citizen)
    consultation.escalated_at = NOON
    consultation.save()
    later = NOON + timedelta(days=3)

    with time_machine.travel(later, tick=False):
        services.consultation_reopen(
            consultation=consultation, actor=citizen, reason="Still not paid."
        )

    consultation.refresh_from_db()
    assert consultation.status == S.OPEN
    assert consultation.answer_due == later + timedelta(hours=48)
    assert consultation.answered_at is None
    assert consultation.escalated_at is None
    assert consultation.reopened_count == 1
    assert consultation.events.filter(kind=K.REOPENED, text="Still not paid.").exists()
    # it is back in the department's hands and is answered again
    services.consultation_answer(
        consultation=consultation, actor=desk.officer, text="Paid today."
    )


def test_only_the_asker_reopens(desk, citizen, other_citizen):
    consultation = _answered(desk, citizen)

    with pytest.raises(ApplicationError):
        services.consultation_reopen(
            consultation=consultation, actor=other_citizen, reason="Not resolved."
        )

    consultation.refresh_from_db()
    assert consultation.status == S.ANSWERED


# Me too


def test_me_too_counts_each_citizen_once(desk, citizen, other_citizen):
    consultation = desk.ask(citizen)

    assert services.consultation_me_too(consultation=consultation, user=other_citizen)
    assert not services.consultation_me_too(
        consultation=consultation, user=other_citizen
    )
    assert MeToo.objects.filter(consultation=consultation).count() == 1
    with pytest.raises(ApplicationError, match="your own"):
        services.consultation_me_too(consultation=consultation, user=citizen)


def test_me_too_on_a_private_question_is_refused(desk, citizen, other_citizen):
    consultation = desk.ask(citizen, is_public=False)

    with pytest.raises(ApplicationError):
        services.consultation_me_too(consultation=consultation, user=other_citizen)

    assert not MeToo.objects.exists()
