"""Reads for the applicant's side: their drafts, applications and files.

Another citizen's application and one that does not exist look the same: None
(the views answer 404).
"""

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from hub.accounts.identifiers import normalize_phone
from hub.accounts.models import User
from hub.payments.models import Payment

from .citizen_services import fee_reference, may_fill
from .constants import CLOCK_RUNNING
from .models import Application, Certificate, Material


def _with_overdue(applications: QuerySet[Application]) -> QuerySet[Application]:
    today = timezone.localdate()
    return applications.annotate(
        is_overdue=Case(
            When(Q(status__in=CLOCK_RUNNING, deadline__lt=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def application_list_for_citizen(*, citizen: User) -> QuerySet[Application]:
    """The citizen's own applications (also those an agent filed), newest first."""
    return _with_overdue(
        Application.objects.filter(applicant=citizen).select_related(
            "service", "township", "filed_by"
        )
    )


def application_get_for_citizen(*, citizen: User, uuid) -> Application | None:
    """The citizen's own application with its service, or None."""
    if not citizen.is_authenticated:
        return None
    return (
        _with_overdue(Application.objects.filter(applicant=citizen, uuid=uuid))
        .select_related("service", "township", "department", "filed_by")
        .first()
    )


def villager_get(*, township, phone: str) -> User | None:
    """The active resident of the township with this phone number, or None."""
    phone = normalize_phone(phone)
    if not phone:
        return None
    return User.objects.filter(
        phone=phone, is_active=True, profile__township=township
    ).first()


def application_list_filed_by(*, agent: User) -> QuerySet[Application]:
    """Applications the agent filed for villagers, newest first."""
    return _with_overdue(
        Application.objects.filter(filed_by=agent).select_related(
            "service", "township", "filed_by"
        )
    )


def application_get_for_filler(*, user: User, uuid) -> Application | None:
    """An application the user fills in: their own, or one they filed as agent."""
    application = (
        Application.objects.filter(uuid=uuid)
        .select_related("service__township", "township", "department", "applicant")
        .first()
    )
    if application is None or not may_fill(user, application):
        return None
    return application


def application_timeline(*, application: Application):
    return application.events.select_related("actor")


def application_materials(*, application: Application) -> QuerySet[Material]:
    return application.materials.select_related("required_material")


def material_get_for_citizen(*, citizen: User, uuid) -> Material | None:
    """A file of one of the citizen's own applications, or None."""
    if not citizen.is_authenticated:
        return None
    return (
        Material.objects.filter(uuid=uuid, application__applicant=citizen)
        .select_related("application")
        .first()
    )


def application_fee_payment(*, application: Application) -> Payment | None:
    """The fee's payment, if one was started."""
    if not application.reference:
        return None
    return Payment.objects.filter(reference=fee_reference(application)).first()


def application_certificate(*, application):
    """The application's e-certificate, or None."""
    return Certificate.objects.filter(application=application).first()
