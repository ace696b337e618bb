"""The result of an approved application, by the delivery the citizen chose.

An e-certificate is created once (OneToOne with the application, under its
row lock) and its PDF is rendered by a task after commit. A paper result goes
by courier: one hub/couriers shipment, referenced "application:<reference>".
A pickup at the hall is a note on the timeline. Officers of the department
may revoke a certificate; the public verification page then says so.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hub.core.exceptions import ApplicationError
from hub.couriers.constants import ShipmentKind
from hub.couriers.models import Shipment
from hub.couriers.services import ShipmentDraft, shipment_create
from townships.core.permissions import can_handle_for_department
from townships.public_services.constants import DeliveryOption

from .certificates import (
    answer_for,
    certificate_code_new,
    certificate_pdf,
    holder_name,
)
from .constants import ApplicationEventKind, ApplicationStatus
from .form_definition import Prefill
from .models import Application, ApplicationEvent, Certificate

# A sealed envelope with a certificate or a licence.
DOCUMENT_WEIGHT_GRAMS = 100


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("service", "township", "department", "applicant")
        .get(pk=application.pk)
    )


def _note(application: Application, note: str, *, actor) -> ApplicationEvent:
    """A line on the timeline (the citizen is told of it like of any step)."""
    from .tasks import application_event_notify_task

    event = ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEventKind.RESULT,
        status=application.status,
        at=timezone.now(),
        actor=actor,
        note=note,
    )
    application_event_notify_task.delay_on_commit(event.pk)
    return event


def application_delivery(application: Application) -> str:
    """The delivery chosen at apply time, else the first the service offers."""
    if application.delivery in DeliveryOption.values:
        return application.delivery
    return application.service.delivery_options[0]


@transaction.atomic
def application_result_issue(
    *, application: Application, actor
) -> Certificate | Shipment | None:
    """Issue the result of an approved application; once however often called.

    application_step calls it in the approval's transaction, holding the
    application's row lock; locking again here is a no-op then.
    """
    application = _locked(application)
    if application.status != ApplicationStatus.APPROVED:
        raise ApplicationError(_("Only an approved application has a result."))
    with translation.override(application.language):
        delivery = application_delivery(application)
        if delivery == DeliveryOption.E_CERTIFICATE:
            return _certificate_issue(application, actor=actor)
        if delivery == DeliveryOption.COURIER:
            return _shipment_issue(application, actor=actor)
        _pickup_note(application, actor=actor)
    return None


def _certificate_issue(application: Application, *, actor) -> Certificate:
    from .tasks import certificate_pdf_render_task

    certificate, created = Certificate.objects.get_or_create(
        application=application,
        defaults={"code": certificate_code_new(), "issued_at": timezone.now()},
    )
    if created:
        _note(
            application,
            _("Your e-certificate is issued: download it from this application."),
            actor=actor,
        )
    if not certificate.pdf:
        certificate_pdf_render_task.delay_on_commit(certificate.pk)
    return certificate


def _address(application: Application) -> str:
    """From the answers, else the default shipping address, else the profile."""
    answer = answer_for(application, Prefill.ADDRESS)
    if answer:
        return answer
    user = application.applicant
    default = user.addresses.filter(is_default_for_shipping=True).first()
    if default is not None:
        return "\n".join(default.active_address_fields())
    profile = getattr(user, "profile", None)
    if profile is None:
        return ""
    township = profile.township.name if profile.township_id else ""
    return ", ".join(part for part in (profile.village, township) if part)


def _shipment_issue(application: Application, *, actor) -> Shipment:
    reference = f"application:{application.reference}"
    # The application's row lock keeps this check and the creation together.
    is_new = not Shipment.objects.filter(reference=reference).exists()
    department = application.department
    user = application.applicant
    shipment = shipment_create(
        draft=ShipmentDraft(
            reference=reference,
            kind=ShipmentKind.DOCUMENT,
            township_id=application.township_id,
            sender_name=f"{application.township.name} {department.name}",
            sender_phone=department.phone,
            pickup_place=department.address or department.name,
            recipient=user,
            recipient_name=holder_name(application) or str(user),
            recipient_phone=answer_for(application, Prefill.PHONE)
            or str(user.phone or ""),
            address=_address(application),
            description=f"{application.service.name} ({application.reference})",
            weight_grams=DOCUMENT_WEIGHT_GRAMS,
        )
    )
    if is_new:
        _note(
            application,
            _("Your result is sent by courier: follow it under My parcels."),
            actor=actor,
        )
    return shipment


def _pickup_note(application: Application, *, actor) -> None:
    department = application.department
    place = ", ".join(
        part for part in (department.address, department.opening_hours) if part
    )
    text = _("Your result is ready: pick it up at %(department)s.") % {
        "department": department.name
    }
    _note(application, f"{text} {place}".strip(), actor=actor)


def certificate_pdf_store(*, certificate_pk: int) -> Certificate:
    """Render and store the certificate's PDF once; safe to run twice at once.

    Renders under the certificate's row lock, so two workers store one file.
    """
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related(
                "application__service",
                "application__township",
                "application__department",
                "application__applicant__profile",
            )
            .get(pk=certificate_pk)
        )
        if certificate.pdf:
            return certificate
        content = certificate_pdf(certificate)
        certificate.pdf.save(
            f"{certificate.application.uuid}.pdf", ContentFile(content), save=False
        )
        certificate.save(update_fields=["pdf", "updated_at"])
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """An officer of the issuing department revokes a certificate, with a reason."""
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("application__department")
        .get(pk=certificate.pk)
    )
    application = certificate.application
    if not can_handle_for_department(actor, application.department):
        raise ApplicationError(_("Only officers of this department handle this."))
    if certificate.revoked_at is not None:
        return certificate
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Give the reason: the applicant reads it."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason[:255]
    certificate.full_clean()
    certificate.save(update_fields=["revoked_at", "revoked_reason", "updated_at"])
    with translation.override(application.language):
        note = _("Your e-certificate is revoked: %(reason)s") % {"reason": reason}
    _note(application, note, actor=actor)
    return certificate
