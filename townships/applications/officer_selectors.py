"""Reads of the officer workspace: the queue and one application, within the
user's reach (their departments as an officer, their townships as a head)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import timezone

from hub.payments.constants import PaymentStatus
from hub.payments.models import Payment
from townships.core.constants import MembershipRole
from townships.core.models import Membership, Township
from townships.core.permissions import can_handle_for_department
from townships.core.workdays import working_days_to_each

from .constants import CLOCK_RUNNING, FINAL, ApplicationStatus
from .models import Application, Material

A = ApplicationStatus
# The queue shows these unless a status is chosen.
OPEN_STATUSES = (A.SUBMITTED, A.ACCEPTED, A.CORRECTION, A.SUSPENDED)


@dataclass(frozen=True)
class OfficerScope:
    """What a user may see in the hall: departments they handle, townships they head."""

    department_ids: frozenset[int] = frozenset()
    head_township_ids: frozenset[int] = frozenset()
    townships: dict[int, Township] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.department_ids or self.head_township_ids)

    def reaches(self, application: Application) -> bool:
        return (
            application.department_id in self.department_ids
            or application.township_id in self.head_township_ids
        )


def officer_scope(*, user) -> OfficerScope:
    """The user's officer and head memberships, in one query."""
    if not (user.is_authenticated and user.is_active):
        return OfficerScope()
    memberships = Membership.objects.filter(
        Q(role=MembershipRole.OFFICER, department__isnull=False)
        | Q(role=MembershipRole.HEAD),
        user=user,
    ).select_related("township")
    departments, heads, townships = set(), set(), {}
    for membership in memberships:
        townships[membership.township_id] = membership.township
        if membership.role == MembershipRole.OFFICER:
            departments.add(membership.department_id)
        else:
            heads.add(membership.township_id)
    return OfficerScope(frozenset(departments), frozenset(heads), townships)


def _local_today(township: Township) -> date:
    return timezone.now().astimezone(ZoneInfo(township.timezone)).date()


def application_list_for_officer(
    *, scope: OfficerScope, status: str = ""
) -> QuerySet[Application]:
    """Submitted applications in the scope: overdue first, then by deadline.

    `status` narrows to one status, "all" shows every one, "" the open ones.
    Each row carries `is_overdue` (its clock runs and its township's today is
    past its deadline), `applicant_real_name` and `is_fee_paid`. One query.
    """
    overdue = Case(
        *(
            When(
                township_id=township.pk,
                status__in=CLOCK_RUNNING,
                deadline__lt=_local_today(township),
                then=Value(True),
            )
            for township in scope.townships.values()
        ),
        default=Value(False),
        output_field=BooleanField(),
    )
    fee_paid = Payment.objects.filter(
        reference=Concat(Value("fee:"), OuterRef("reference")),
        status=PaymentStatus.SUCCEEDED,
    )
    applications = (
        Application.objects.filter(
            Q(department_id__in=scope.department_ids)
            | Q(township_id__in=scope.head_township_ids)
        )
        .exclude(status=A.DRAFT)
        .select_related("service", "township", "applicant")
        .annotate(
            is_overdue=overdue,
            is_fee_paid=Exists(fee_paid),
            applicant_real_name=F("applicant__profile__real_name"),
        )
        .order_by(
            F("is_overdue").desc(),
            F("deadline").asc(nulls_last=True),
            "submitted_at",
            "pk",
        )
    )
    if status == "all":
        return applications
    if status:
        return applications.filter(status=status)
    return applications.filter(status__in=OPEN_STATUSES)


def days_left_set(applications: list[Application]) -> list[Application]:
    """Set `days_left` (working days to the deadline, negative when past) on each
    application whose clock runs; None on the others. One query per township."""
    by_township = defaultdict(list)
    for application in applications:
        application.days_left = None
        if application.status in CLOCK_RUNNING and application.deadline:
            by_township[application.township].append(application)
    for township, running in by_township.items():
        counts = working_days_to_each(
            start=_local_today(township),
            ends=[application.deadline for application in running],
            country=township.country,
            township=township,
        )
        for application in running:
            application.days_left = counts[application.deadline]
    return applications


def masked_name(name: str) -> str:
    """Keep only the first and last character: 张小明 → 张*明, 李雷 → 李*."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def application_get_for_officer(*, scope: OfficerScope, user, uuid: UUID):
    """The submitted application in the user's reach, and whether they may act on it.

    Missing, a draft, or outside the user's departments and townships: 404,
    the same answer for each. Heads see their township's, read-only.
    """
    application = (
        Application.objects.exclude(status=A.DRAFT)
        .select_related(
            "service", "township", "department", "applicant__profile", "filed_by"
        )
        .filter(uuid=uuid)
        .first()
    )
    if application is None or not (scope.reaches(application) or user.is_superuser):
        raise Http404
    return application, can_handle_for_department(user, application.department)


def application_detail_for_officer(*, application: Application) -> dict:
    """What the detail page shows besides the application: materials, timeline, fee."""
    return {
        "materials": list(application.materials.select_related("required_material")),
        "events": list(application.events.select_related("actor")),
        "pauses": list(application.pauses.all()),
        "fee_payment": Payment.objects.filter(
            reference=f"fee:{application.reference}"
        ).first(),
        "is_final": application.status in FINAL,
    }


def material_get_for_officer(*, application: Application, uuid: UUID) -> Material:
    """One material of the application (already checked to be in reach), or 404."""
    material = application.materials.filter(uuid=uuid).first()
    if material is None:
        raise Http404
    return material


def reviews_open_for_head(*, scope: OfficerScope) -> list[Application]:
    """Low ratings waiting for the review of a township the user heads."""
    if not scope.head_township_ids:
        return []
    return list(
        Application.objects.filter(
            township_id__in=scope.head_township_ids,
            review_opened_at__isnull=False,
            review_closed_at__isnull=True,
        )
        .select_related("service")
        .order_by("review_opened_at")[:50]
    )
