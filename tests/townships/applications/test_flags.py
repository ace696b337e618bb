"""Deadline flags told once to the officers and the head, and the citizen told
of each step once, however often the tasks run (and, on PostgreSQL, when two
beat runs overlap).

Dates are China's 2025 calendar in Asia/Shanghai: an application submitted on
Friday 30 May with a limit of 3 working days is due on Thursday 5 June (the
weekend and the Dragon Boat holiday on Monday 2 June do not count).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core import mail

import pytest
import time_machine

from hub.notifications.constants import MessageKind
from hub.notifications.models import Message
from tests.factories.accounts import UserFactory
from tests.factories.public_services import PublicServiceFactory
from tests.factories.townships import DepartmentFactory, TownshipFactory
from tests.fixtures.services import at_once
from townships.applications import services
from townships.applications.constants import ApplicationEventKind, ApplicationStatus
from townships.applications.deadlines import application_deadlines_flag
from townships.applications.models import Application, ApplicationEvent
from townships.applications.tasks import (
    application_deadlines_flag_task,
    application_event_notify_task,
)
from townships.core.constants import MembershipRole
from townships.core.services import membership_grant

A = ApplicationStatus
K = ApplicationEventKind
SHANGHAI = ZoneInfo("Asia/Shanghai")
FRIDAY = datetime(2025, 5, 30, 10, 0, tzinfo=SHANGHAI)


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2025, 6, day, hour, 0, tzinfo=SHANGHAI)


def _staff(township, role, department=None):
    user = UserFactory()
    membership_grant(user=user, township=township, role=role, department=department)
    return user


@pytest.fixture
def hall(db):
    """A township with two departments, their officers, a head and an applicant."""
    township = TownshipFactory(country="CN", timezone="Asia/Shanghai")
    department = DepartmentFactory(township=township)
    other_department = DepartmentFactory(township=township)
    return {
        "department": department,
        "service": PublicServiceFactory(
            township=township,
            department=department,
            legal_time_limit_days=3,
            promised_time_days=1,
        ),
        "officers": [
            _staff(township, MembershipRole.OFFICER, department) for _ in range(2)
        ],
        "head": _staff(township, MembershipRole.HEAD),
        "other_officer": _staff(township, MembershipRole.OFFICER, other_department),
        "applicant": UserFactory(),
    }


def submit(hall, *, filed_by=None) -> Application:
    application = Application.objects.create(
        service=hall["service"],
        township=hall["service"].township,
        department=hall["department"],
        applicant=hall["applicant"],
        filed_by=filed_by,
        consent="Signed at the service centre" if filed_by else "",
    )
    with time_machine.travel(FRIDAY, tick=False):
        return services.application_submit(
            application=application, actor=filed_by or hall["applicant"]
        )


def told(user, kind=MessageKind.APPLICATION) -> list[str]:
    return list(
        Message.objects.filter(recipient=user, kind=kind).values_list(
            "dedupe_key", flat=True
        )
    )


def _flag_events(application, kind):
    return ApplicationEvent.objects.filter(application=application, kind=kind)


@pytest.mark.django_db
def test_near_deadline_tells_the_officers_and_the_head_once_even_run_twice(hall):
    # given an application due Thursday 5 June
    application = submit(hall)
    assert application.deadline == date(2025, 6, 5)

    # when beat runs twice on Tuesday 3 June (Wed 4 and Thu 5 left)
    first = application_deadlines_flag(today=date(2025, 6, 3))
    second = application_deadlines_flag(today=date(2025, 6, 3))

    # then one flag, one event, one message to each officer and the head
    assert (first, second) == (1, 0)
    application.refresh_from_db()
    assert (application.is_near_flagged, application.is_overdue_flagged) == (
        True,
        False,
    )
    event = _flag_events(application, K.FLAGGED_NEAR).get()
    key = f"application-staff:{event.pk}"
    for person in (*hall["officers"], hall["head"]):
        assert told(person) == [key]
    assert told(hall["other_officer"]) == []
    assert told(hall["applicant"]) == []


@pytest.mark.django_db
def test_three_working_days_ahead_is_not_near(hall):
    application = submit(hall)

    # Monday 2 June is a holiday: Tue 3, Wed 4, Thu 5 are still ahead
    assert application_deadlines_flag(today=date(2025, 6, 2)) == 0

    application.refresh_from_db()
    assert application.is_near_flagged is False
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_overdue_tells_once_and_near_is_not_sent_after_it(hall):
    application = submit(hall)

    assert application_deadlines_flag(today=date(2025, 6, 6)) == 1
    assert application_deadlines_flag(today=date(2025, 6, 6)) == 0
    assert application_deadlines_flag(today=date(2025, 6, 9)) == 0

    event = _flag_events(application, K.FLAGGED_OVERDUE).get()
    assert not _flag_events(application, K.FLAGGED_NEAR).exists()
    assert told(hall["head"]) == [f"application-staff:{event.pk}"]


@pytest.mark.django_db
def test_stopped_clock_is_not_flagged(hall):
    application = submit(hall)
    with time_machine.travel(at(3), tick=False):
        services.application_step(
            application=application,
            to=A.CORRECTION,
            actor=hall["officers"][0],
            reason="Blurred photo",
        )

    assert application_deadlines_flag(today=date(2025, 6, 20)) == 0
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_extension_lets_a_new_deadline_be_flagged_again(hall):
    application = submit(hall)
    application_deadlines_flag(today=date(2025, 6, 4))
    with time_machine.travel(at(4), tick=False):
        services.application_extend(
            application=application,
            days=3,
            actor=hall["officers"][0],
            reason="The county must give its opinion.",
        )
    application.refresh_from_db()
    assert application.deadline == date(2025, 6, 10)

    assert application_deadlines_flag(today=date(2025, 6, 9)) == 1

    assert len(told(hall["head"])) == 2
    assert _flag_events(application, K.FLAGGED_NEAR).count() == 2


@pytest.mark.django_db
def test_today_is_the_townships_local_date(hall):
    # given it is 00:30 on Friday 6 June in Shanghai, still Thursday 5 in UTC
    application = submit(hall)

    # when beat runs without a date
    with time_machine.travel(at(6, hour=0).replace(minute=30), tick=False):
        flagged = application_deadlines_flag_task()

    # then Thursday's deadline has passed in the township
    assert flagged == 1
    assert _flag_events(application, K.FLAGGED_OVERDUE).exists()


@pytest.mark.django_db
def test_each_step_tells_the_applicant_and_the_agent_once(
    hall, celery_eager, sms_outbox, django_capture_on_commit_callbacks
):
    # given an application filed by a service-centre agent for the applicant
    township = hall["service"].township
    agent = _staff(township, MembershipRole.AGENT)
    officer = hall["officers"][0]
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(hall, filed_by=agent)

    # when the officer takes it through three steps, each told after commit
    for to, reason in [
        (A.ACCEPTED, ""),
        (A.SUSPENDED, "Waiting for the land survey."),
        (A.ACCEPTED, ""),
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            services.application_step(
                application=application, to=to, actor=officer, reason=reason
            )
    # and every task runs again (redelivered messages)
    events = list(ApplicationEvent.objects.filter(application=application))
    with django_capture_on_commit_callbacks(execute=True):
        for event in events:
            application_event_notify_task(event.pk)

    # then one message per step to the applicant and to the agent, no more
    keys = [f"application-event:{event.pk}" for event in events]
    assert len(keys) == 4
    assert sorted(told(hall["applicant"])) == sorted(keys)
    assert sorted(told(agent)) == sorted(keys)
    assert told(officer) == []
    suspended = Message.objects.get(recipient=hall["applicant"], dedupe_key=keys[2])
    assert application.reference in suspended.subject
    assert "Waiting for the land survey." in suspended.body
    assert suspended.url.endswith(f"/me/applications/{application.uuid}/")
    # with its e-mail and SMS copies, once each
    assert len(mail.outbox) == 8
    assert len(sms_outbox) == 8


@pytest.mark.django_db
def test_flags_tell_the_citizen_nothing(hall):
    application = submit(hall)
    application_deadlines_flag(today=date(2025, 6, 6))
    event = _flag_events(application, K.FLAGGED_OVERDUE).get()

    application_event_notify_task(event.pk)

    assert told(hall["applicant"]) == []


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_beat_runs_at_once_tell_each_person_once(hall):
    # given two applications due Thursday 5 June, one already past on Friday 6
    near = submit(hall)
    overdue = submit(hall)
    Application.objects.filter(pk=overdue.pk).update(deadline=date(2025, 6, 4))

    # when two beat processes run at the same moment, twice over
    results = at_once(2, lambda: application_deadlines_flag(today=date(2025, 6, 5)))
    results += at_once(2, lambda: application_deadlines_flag(today=date(2025, 6, 5)))

    # then no run failed, and each of the two flags was set by one run only
    assert all(isinstance(result, int) for result in results), results
    assert sum(results) == 2
    near_event = _flag_events(near, K.FLAGGED_NEAR).get()
    overdue_event = _flag_events(overdue, K.FLAGGED_OVERDUE).get()
    expected = sorted(
        [f"application-staff:{near_event.pk}", f"application-staff:{overdue_event.pk}"]
    )
    for person in (*hall["officers"], hall["head"]):
        assert sorted(told(person)) == expected
