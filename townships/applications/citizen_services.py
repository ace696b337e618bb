"""The applicant's side: start or resume a draft, answer, upload, submit, pay.

A draft lives in the database (status DRAFT, answers as typed), so it is
resumed on any device; one draft per citizen and service. A service-centre
agent may file for a villager of their township, with the villager's consent
recorded (J8). Answers and materials change only while the application is a
draft or waits for the citizen's correction.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts.models import User
from hub.accounts.selectors import profile_get_for_user
from hub.core.exceptions import ApplicationError
from hub.payments.models import Payment
from hub.payments.services import payment_card_start, payment_cash_start
from townships.core.permissions import can_act_for_citizens_of
from townships.public_services.models import PublicService, RequiredMaterial

from .constants import ApplicationEventKind, ApplicationStatus
from .form_definition import Prefill
from .materials import EXTENSIONS, material_content_type
from .models import Application, ApplicationEvent, Material
from .services import application_submit

logger = logging.getLogger(__name__)

A = ApplicationStatus
EDITABLE = (A.DRAFT, A.CORRECTION)
FILES_PER_MATERIAL = 5


def fee_reference(application: Application) -> str:
    return f"fee:{application.reference}"


def may_fill(actor: User, application: Application) -> bool:
    """The applicant, or the agent of the township who filed it for them."""
    if not actor.is_authenticated:
        return False
    if application.applicant_id == actor.pk:
        return True
    return application.filed_by_id == actor.pk and can_act_for_citizens_of(
        actor, application.township
    )


def _check_editable(application: Application, actor: User) -> None:
    if not may_fill(actor, application):
        raise ApplicationError(_("Only the applicant can change this application."))
    if application.status not in EDITABLE:
        raise ApplicationError(_("This application was sent and cannot be changed."))


def _prefilled(service: PublicService, applicant: User) -> dict[str, str]:
    """Answers the profile already holds: fill once, reuse everywhere."""
    profile = profile_get_for_user(user=applicant)
    township = profile.township.name if profile.township else ""
    address = ", ".join(part for part in (profile.village, township) if part)
    values = {
        Prefill.NAME: profile.real_name or applicant.get_full_name(),
        Prefill.PHONE: str(applicant.phone or ""),
        Prefill.ADDRESS: address,
    }
    return {
        field.key: values[field.prefill]
        for field in service.form_fields.all()
        if field.prefill and values.get(field.prefill)
    }


def application_draft_start(
    *, service: PublicService, applicant: User, actor: User, consent: str = ""
) -> Application:
    """The applicant's draft for the service: the existing one, or a new one.

    An agent (actor other than the applicant) must be an agent of the service's
    township, the applicant a resident of it, and the consent given.
    """
    if not (service.is_online and service.is_active):
        raise ApplicationError(_("This service cannot be applied for online."))
    filed_by = None
    if actor.pk != applicant.pk:
        resident = (
            profile_get_for_user(user=applicant).township_id == service.township_id
        )
        if not (can_act_for_citizens_of(actor, service.township) and resident):
            raise ApplicationError(
                _("Agents file only for villagers of their own township.")
            )
        if not consent.strip():
            raise ApplicationError(_("Record how the villager agreed."))
        filed_by = actor
    existing = Application.objects.filter(
        applicant=applicant, service=service, status=A.DRAFT
    ).first()
    if existing is not None:
        if not may_fill(actor, existing):
            raise ApplicationError(
                _("This villager already has a draft for this service.")
            )
        return existing
    try:
        with transaction.atomic():
            return Application.objects.create(
                service=service,
                township=service.township,
                department=service.department,
                applicant=applicant,
                filed_by=filed_by,
                consent=consent.strip(),
                language=profile_get_for_user(user=applicant).preferred_language
                or "zh-hans",
                answers=_prefilled(service, applicant),
            )
    except IntegrityError:  # the same citizen started it on another device just now
        return Application.objects.get(
            applicant=applicant, service=service, status=A.DRAFT
        )


@transaction.atomic
def application_answers_save(
    *, application: Application, actor: User, answers: dict[str, str]
) -> Application:
    """Keep these answers (as typed, valid or not) on the draft."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_editable(application, actor)
    application.answers = {**application.answers, **answers}
    application.save(update_fields=["answers", "updated_at"])
    return application


@transaction.atomic
def material_add(
    *,
    application: Application,
    required_material: RequiredMaterial,
    upload,
    actor: User,
) -> Material:
    """Store a checked upload privately; a refused file raises ValidationError."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_editable(application, actor)
    if required_material.service_id != application.service_id:
        raise ApplicationError(_("This material is not asked for by this service."))
    if (
        application.materials.filter(required_material=required_material).count()
        >= FILES_PER_MATERIAL
    ):
        raise ApplicationError(
            _("At most %(count)d files per material; remove one first.")
            % {"count": FILES_PER_MATERIAL}
        )
    content_type = material_content_type(upload)
    material = Material(
        application=application,
        required_material=required_material,
        original_name=(upload.name or "")[-255:],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    # The stored name is ours: the citizen's name never reaches the file system.
    material.file.save(
        f"{material.uuid}.{EXTENSIONS[content_type]}", upload, save=False
    )
    material.save()
    return material


@transaction.atomic
def material_remove(*, material: Material, actor: User) -> None:
    application = Application.objects.select_for_update().get(
        pk=material.application_id
    )
    _check_editable(application, actor)
    material.file.delete(save=False)
    material.delete()


def materials_missing(application: Application) -> list[RequiredMaterial]:
    """Required materials with no file yet."""
    present = set(application.materials.values_list("required_material_id", flat=True))
    return [
        required
        for required in application.service.materials.all()
        if required.is_required and required.pk not in present
    ]


def application_send(
    *,
    application: Application,
    actor: User,
    answers: dict[str, str],
    delivery: str = "",
) -> Application:
    """Submit with the checked answers and the chosen way of getting the result,
    once every required material is there."""
    offered = application.service.delivery_options
    if delivery and delivery not in offered:
        raise ApplicationError(_("Choose one of the ways this service gives results."))
    with transaction.atomic():
        application = application_answers_save(
            application=application, actor=actor, answers=answers
        )
        if materials_missing(application):
            raise ApplicationError(_("Upload every required material first."))
        application.delivery = delivery or (offered[0] if offered else "")
        application.save(update_fields=["delivery", "updated_at"])
        return application_submit(application=application, actor=actor)


def _fee_check(application: Application) -> None:
    if not application.reference or application.amount_due <= 0:
        raise ApplicationError(_("There is no fee to pay for this application."))


def application_fee_cash(*, application: Application) -> Payment:
    """Pay at the counter: the payment waits for the hall's staff to record it."""
    _fee_check(application)
    return payment_cash_start(
        reference=fee_reference(application),
        amount=application.amount_due,
        currency=application.township.currency,
        payer=application.applicant,
    )


def application_fee_card(*, application: Application, payment_method: str = ""):
    """Start (or go on with) the card payment of the fee: (payment, intent state)."""
    _fee_check(application)
    return payment_card_start(
        reference=fee_reference(application),
        amount=application.amount_due,
        currency=application.township.currency,
        payer=application.applicant,
        payment_method=payment_method,
    )


def application_fee_paid(payment: Payment) -> None:
    """hub/payments tells us a fee is paid: one step on the timeline, once."""
    reference = payment.reference.partition(":")[2]
    with transaction.atomic():
        application = (
            Application.objects.select_for_update().filter(reference=reference).first()
        )
        if application is None:
            logger.error("Fee payment %s: no application %s", payment.pk, reference)
            return
        if application.events.filter(kind=ApplicationEventKind.FEE_PAID).exists():
            return
        ApplicationEvent.objects.create(
            application=application,
            kind=ApplicationEventKind.FEE_PAID,
            status=application.status,
            at=payment.paid_at or timezone.now(),
            actor=None,
            note=f"{payment.amount} {payment.currency}",
        )
