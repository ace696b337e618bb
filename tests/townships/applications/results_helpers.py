"""Approved applications, built through the real services, for the results tests."""

from hub.accounts.models import User
from tests.factories.accounts import UserFactory
from tests.factories.public_services import PublicServiceFactory
from tests.factories.townships import TownshipFactory
from townships.applications.constants import ApplicationStatus
from townships.applications.models import Application
from townships.applications.services import application_step, application_submit
from townships.core.constants import MembershipRole
from townships.core.models import Department, Membership, Township


def officer_of(department: Department) -> User:
    officer = UserFactory()
    Membership.objects.create(
        user=officer,
        township=department.township,
        department=department,
        role=MembershipRole.OFFICER,
    )
    return officer


def submitted_application(
    *, applicant: User, language: str = "zh-hans", delivery: str = "", **service
) -> Application:
    """A submitted application for a new service (service fields as keywords)."""
    service = PublicServiceFactory(**service)
    application = Application.objects.create(
        service=service,
        township=service.township,
        department=service.department,
        applicant=applicant,
        language=language,
        delivery=delivery,
    )
    return application_submit(application=application, actor=applicant)


def approve(application: Application, officer: User) -> Application:
    if application.status == ApplicationStatus.SUBMITTED:
        application_step(
            application=application, to=ApplicationStatus.ACCEPTED, actor=officer
        )
    return application_step(
        application=application, to=ApplicationStatus.APPROVED, actor=officer
    )


def township_new() -> Township:
    """A township without a Wagtail site: results need none, and it is quicker."""
    return TownshipFactory(
        slug="xiaoyudong",
        name_zh_hans="小鱼洞镇",
        name_en="Xiaoyudong Town",
        name_vi="Thị trấn Tiểu Ngư Động",
    )
