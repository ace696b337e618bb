"""The legal clock on real dates, and the status machine through the services.

Dates are those of China's 2025 calendar in Asia/Shanghai: Friday 30 May
2025 is a working day, then a weekend and the Dragon Boat Festival (Monday
2 June, observed) are not, so a limit of 3 working days ends on Thursday 5 June.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from hub.core.exceptions import ApplicationError
from tests.factories.accounts import UserFactory
from tests.factories.public_services import PublicServiceFactory
from tests.factories.townships import DepartmentFactory, TownshipFactory
from townships.applications import services
from townships.applications.constants import TRANSITIONS, ApplicationStatus
from townships.applications.models import Application, ApplicationEvent, ClockPause
from townships.core.constants import MembershipRole
from townships.core.services import membership_grant

pytestmark = pytest.mark.django_db

A = ApplicationStatus
SHANGHAI = ZoneInfo("Asia/Shanghai")
FRIDAY = datetime(2025, 5, 30, 10, 0, tzinfo=SHANGHAI)


def at(day: int, month: int = 6, hour: int = 10) -> datetime:
    return datetime(2025, month, day, hour, 0, tzinfo=SHANGHAI)


@pytest.fixture
def department():
    township = TownshipFactory(country="CN", timezone="Asia/Shanghai")
    return DepartmentFactory(township=township)


@pytest.fixture
def service(department):
    return PublicServiceFactory(
        township=department.township,
        department=department,
        legal_time_limit_days=3,
        promised_time_days=1,
    )


@pytest.fixture
def applicant():
    return UserFactory()


@pytest.fixture
def officer(department):
    user = UserFactory()
    membership_grant(
        user=user,
        township=department.township,
        role=MembershipRole.OFFICER,
        department=department,
    )
    return user


@pytest.fixture
def submitted(service, applicant):
    application = Application.objects.create(
        service=service,
        township=service.township,
        department=service.department,
        applicant=applicant,
    )
    with time_machine.travel(FRIDAY, tick=False):
        return services.application_submit(application=application, actor=applicant)


def test_submission_on_friday_skips_the_weekend_and_the_dragon_boat_holiday(
    submitted,
):
    # then: Sat 31, Sun 1 and Mon 2 (holiday) do not count; Tue 3, Wed 4, Thu 5
    assert submitted.status == A.SUBMITTED
    assert submitted.submitted_at == FRIDAY
    assert submitted.deadline == date(2025, 6, 5)
    assert submitted.promised_by == date(2025, 6, 3)
    assert submitted.reference


def test_correction_stops_the_clock_and_resubmission_restarts_it(
    submitted, officer, applicant
):
    # given the officer asks for a correction on Tuesday 3 June
    with time_machine.travel(at(3), tick=False):
        services.application_step(
            application=submitted,
            to=A.CORRECTION,
            actor=officer,
            reason="The ID card photo is blurred.",
        )
    submitted.refresh_from_db()
    pause = ClockPause.objects.get(application=submitted)
    assert (pause.started_at, pause.ended_at) == (at(3), None)

    # when the citizen resubmits on Thursday 5 June
    with time_machine.travel(at(5), tick=False):
        services.application_submit(application=submitted, actor=applicant)

    # then the 2 working days paused (Wed 4, Thu 5) push the deadline from
    # Thu 5 to Mon 9 (Fri 6, then the weekend, then Mon 9)
    submitted.refresh_from_db()
    assert submitted.status == A.SUBMITTED
    assert submitted.deadline == date(2025, 6, 9)
    pause.refresh_from_db()
    assert pause.ended_at == at(5)


def test_suspension_stops_the_clock_until_resumed(submitted, officer):
    # given the application accepted on Tuesday 3 and suspended that afternoon
    with time_machine.travel(at(3), tick=False):
        services.application_step(application=submitted, to=A.ACCEPTED, actor=officer)
    with time_machine.travel(at(3, hour=15), tick=False):
        services.application_step(
            application=submitted,
            to=A.SUSPENDED,
            actor=officer,
            reason="Waiting for the land survey.",
        )

    # when it is resumed on Monday 9 June
    with time_machine.travel(at(9), tick=False):
        services.application_step(application=submitted, to=A.ACCEPTED, actor=officer)

    # then Wed 4, Thu 5, Fri 6 and Mon 9 (4 working days) push Thu 5 to Wed 11
    submitted.refresh_from_db()
    assert submitted.status == A.ACCEPTED
    assert submitted.deadline == date(2025, 6, 11)
    assert not submitted.pauses.filter(ended_at__isnull=True).exists()


def test_extension_adds_working_days(submitted, officer):
    with time_machine.travel(at(3), tick=False):
        services.application_extend(
            application=submitted,
            days=2,
            actor=officer,
            reason="An expert opinion is needed.",
        )

    # then 5 working days from Friday 30 May: Tue 3 .. Fri 6, Mon 9
    submitted.refresh_from_db()
    assert submitted.extended_days == 2
    assert submitted.deadline == date(2025, 6, 9)
    event = submitted.events.get(kind="extended")
    assert (event.actor, event.note) == (officer, "An expert opinion is needed.")


@pytest.mark.parametrize(
    ("to", "reason"),
    [(A.APPROVED, ""), (A.REJECTED, "The applicant is not a resident.")],
)
def test_decision_records_when_and_why(submitted, officer, to, reason):
    with time_machine.travel(at(3), tick=False):
        services.application_step(application=submitted, to=A.ACCEPTED, actor=officer)
    with time_machine.travel(at(4, hour=16), tick=False):
        services.application_step(
            application=submitted, to=to, actor=officer, reason=reason
        )

    submitted.refresh_from_db()
    assert submitted.status == to
    assert submitted.decided_at == at(4, hour=16)
    assert submitted.decision_reason == reason


def test_rejection_without_a_reason_is_refused_unchanged(submitted, officer):
    with pytest.raises(ApplicationError, match="reason"):
        services.application_step(application=submitted, to=A.REJECTED, actor=officer)

    submitted.refresh_from_db()
    assert submitted.status == A.SUBMITTED
    assert submitted.decided_at is None


# Every status the services lead to; nothing leads back to a draft.
TARGETS = [status for status in A.values if status != A.DRAFT]
STEP_NOTE = "Recorded reason"


def _to(status: str, application, *, applicant, officer) -> None:
    """Call the one service that leads to `status`."""
    if status == A.SUBMITTED:
        services.application_submit(application=application, actor=applicant)
    elif status == A.WITHDRAWN:
        services.application_withdraw(application=application, actor=applicant)
    else:
        services.application_step(
            application=application, to=status, actor=officer, reason=STEP_NOTE
        )


def _expected(current: str, to: str) -> str:
    if to in TRANSITIONS[current]:
        return "moves"
    if current == to:
        return "unchanged"  # the same button twice
    return "refused"


@pytest.mark.parametrize("to", TARGETS)
@pytest.mark.parametrize("current", A.values)
def test_every_transition_is_allowed_or_refused_unchanged(
    submitted, applicant, officer, current, to
):
    # given an application in `current`
    Application.objects.filter(pk=submitted.pk).update(status=current)
    submitted.refresh_from_db()
    events_before = set(
        ApplicationEvent.objects.filter(application=submitted).values_list(
            "pk", flat=True
        )
    )

    # when the service leading to `to` is called
    try:
        _to(to, submitted, applicant=applicant, officer=officer)
        outcome = None
    except ApplicationError:
        outcome = "refused"

    # then
    submitted.refresh_from_db()
    new_events = ApplicationEvent.objects.filter(application=submitted).exclude(
        pk__in=events_before
    )
    expected = _expected(current, to)
    if expected == "moves":
        assert outcome is None
        assert submitted.status == to
        # One event records the step (an approval may add its result's note).
        note = "" if to in (A.SUBMITTED, A.WITHDRAWN) else STEP_NOTE
        step_event = new_events.get(status=to, note=note, kind="status")
        assert step_event.actor == (
            applicant if to in (A.SUBMITTED, A.WITHDRAWN) else officer
        )
    else:
        assert outcome == ("refused" if expected == "refused" else None)
        assert submitted.status == current
        assert not new_events.exists()
