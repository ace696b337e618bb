"""Create, assign, carry and deliver shipments; receive couriers' cash.

Every change locks the shipment row, checks the status machine
(constants.TRANSITIONS) and writes one TrackingEvent, in one transaction with
what the owning app does about it (registry.on_shipment_status). A courier's
phone that posts the same confirmation twice finds the work done and changes
nothing: confirmations of a step already taken return the shipment as it is.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts.constants import Role
from hub.core.exceptions import ApplicationError
from hub.core.images import process_photo
from hub.payments.models import Payment
from hub.payments.services import payment_cash_record

from . import registry
from .constants import (
    CANCELLABLE_STATUSES,
    DELIVERY_CODE_LENGTH,
    DELIVERY_CODE_MAX_ATTEMPTS,
    TOWNSHIP_PROVIDER,
    TRANSITIONS,
    DeliveryMethod,
    FailureReason,
    ProofKind,
    ShipmentKind,
    ShipmentStatus,
)
from .models import CashRemittance, Courier, DeliveryZone, Run, Shipment, TrackingEvent
from .permissions import can_carry, can_dispatch

logger = logging.getLogger(__name__)

S = ShipmentStatus


@dataclass(frozen=True)
class ShipmentDraft:
    """What the owning app says about a shipment it wants carried."""

    reference: str
    kind: str
    township_id: int
    sender_name: str
    pickup_place: str
    recipient_name: str
    address: str
    sender_phone: str = ""
    recipient: Any = None
    recipient_phone: str = ""
    description: str = ""
    weight_grams: int = 0
    zone: DeliveryZone | None = None
    method: str = DeliveryMethod.HOME
    cash_payment: Payment | None = None
    provider: str = TOWNSHIP_PROVIDER


@transaction.atomic
def courier_add(*, user, township_id: int) -> Courier:
    """Make the user a courier of the township (in the hub-wide courier group too)."""
    courier, _created = Courier.objects.update_or_create(
        user=user, defaults={"township_id": township_id, "is_active": True}
    )
    group, _created = Group.objects.get_or_create(name=Role.COURIER)
    user.groups.add(group)
    return courier


def delivery_code_new() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(DELIVERY_CODE_LENGTH))


def _locked(shipment: Shipment) -> Shipment:
    return Shipment.objects.select_for_update().get(pk=shipment.pk)


def _move(
    shipment: Shipment,
    to: str,
    *,
    actor=None,
    place: str = "",
    note: str = "",
    fields: tuple[str, ...] = (),
) -> TrackingEvent:
    """Change the status of a locked shipment, record the event, tell the owner."""
    old = shipment.status
    _check_transition(shipment, to)
    shipment.status = to
    shipment.save(update_fields=["status", "updated_at", *fields])
    event = TrackingEvent.objects.create(
        shipment=shipment,
        status=to,
        at=timezone.now(),
        actor=actor,
        place=place[:255],
        note=note[:255],
    )
    registry.shipment_status_changed(shipment, old)
    transaction.on_commit(lambda: _tell(event.pk))
    return event


def _check_transition(shipment: Shipment, to: str) -> None:
    if to not in TRANSITIONS[shipment.status]:
        raise ApplicationError(
            _("A shipment that is “%(old)s” cannot become “%(new)s”.")
            % {"old": S(shipment.status).label, "new": S(to).label}
        )


def _tell(event_pk: int) -> None:
    from .tasks import tracking_event_notify_task

    tracking_event_notify_task.delay(event_pk)


@transaction.atomic
def shipment_create(*, draft: ShipmentDraft) -> Shipment:
    """The shipment for ``draft.reference``, created once however often asked."""
    shipment = (
        Shipment.objects.select_for_update().filter(reference=draft.reference).first()
    )
    if shipment is not None:
        return shipment
    if draft.kind not in ShipmentKind:
        raise ApplicationError(_("Unknown kind of shipment."))
    shipment = Shipment.objects.create(
        reference=draft.reference,
        kind=draft.kind,
        township_id=draft.township_id,
        provider=draft.provider,
        sender_name=draft.sender_name[:200],
        sender_phone=draft.sender_phone[:40],
        pickup_place=draft.pickup_place[:255],
        recipient=draft.recipient,
        recipient_name=draft.recipient_name[:200],
        recipient_phone=draft.recipient_phone[:40],
        address=draft.address,
        description=draft.description[:255],
        weight_grams=draft.weight_grams,
        zone=draft.zone,
        method=draft.method,
        cash_payment=draft.cash_payment,
        delivery_code=delivery_code_new(),
    )
    event = TrackingEvent.objects.create(
        shipment=shipment, status=S.CREATED, at=timezone.now(), place=draft.pickup_place
    )
    transaction.on_commit(lambda: _tell(event.pk))
    if draft.provider != TOWNSHIP_PROVIDER:
        from .tasks import shipment_book_task

        shipment_book_task.delay_on_commit(shipment.pk)
    return shipment


def shipment_book(*, shipment: Shipment) -> Shipment:
    """Book a shipment with its outside carrier (the key makes a retry book once)."""
    if shipment.provider_reference or shipment.status != S.CREATED:
        return shipment
    carrier = registry.carrier_get(shipment.provider)
    booking = carrier.book(shipment, idempotency_key=f"shipment-{shipment.pk}")
    with transaction.atomic():
        shipment = _locked(shipment)
        if not shipment.provider_reference:
            shipment.provider_reference = booking.tracking_number
            shipment.save(update_fields=["provider_reference", "updated_at"])
    return shipment


def shipment_track_sync(*, shipment: Shipment) -> int:
    """Record what an outside carrier reports and we lack; returns how many."""
    carrier = registry.carrier_get(shipment.provider)
    if carrier.is_own_fleet or not shipment.provider_reference:
        return 0
    reported = carrier.track(shipment)
    applied = 0
    with transaction.atomic():
        shipment = _locked(shipment)
        known = set(shipment.events.values_list("status", "at"))
        for event in reported:
            if (event.status, event.at) in known or event.status == shipment.status:
                continue
            if event.status not in TRANSITIONS[shipment.status]:
                logger.warning(
                    "Shipment %s: carrier reports %s after %s; ignored",
                    shipment.pk,
                    event.status,
                    shipment.status,
                )
                continue
            if event.status == S.DELIVERED:
                shipment.delivered_at = event.at
            recorded = _move(
                shipment,
                event.status,
                place=event.place,
                note=event.note,
                fields=("delivered_at",),
            )
            TrackingEvent.objects.filter(pk=recorded.pk).update(at=event.at)
            applied += 1
    return applied


def _run_for(courier: Courier, day: date) -> Run:
    run, _created = Run.objects.get_or_create(
        courier=courier, day=day, defaults={"township_id": courier.township_id}
    )
    return run


@transaction.atomic
def shipments_assign(
    *, shipment_pks: list[int], courier: Courier, actor, day: date | None = None
) -> list[Shipment]:
    """Give shipments to a courier for a day (assign, or reassign from another).

    All or nothing: one shipment that cannot be assigned refuses the lot.
    """
    if not courier.is_active:
        raise ApplicationError(_("This courier is not active."))
    if not can_dispatch(actor, courier.township_id):
        raise ApplicationError(
            _("Only this township's logistics staff assign couriers.")
        )
    shipments = list(
        Shipment.objects.select_for_update().filter(pk__in=shipment_pks).order_by("pk")
    )
    if not shipments or len(shipments) != len(set(shipment_pks)):
        raise ApplicationError(_("Choose shipments that are still on the board."))
    run = _run_for(courier, day or timezone.localdate())
    for shipment in shipments:
        if shipment.township_id != courier.township_id:
            raise ApplicationError(_("This courier works for another township."))
        if shipment.provider != TOWNSHIP_PROVIDER:
            raise ApplicationError(
                _("%(reference)s travels with an outside carrier.")
                % {"reference": shipment.reference}
            )
        if shipment.status not in (S.CREATED, S.ASSIGNED):
            raise ApplicationError(
                _("%(reference)s is already on its way and keeps its courier.")
                % {"reference": shipment.reference}
            )
    for shipment in shipments:
        if (
            shipment.status == S.ASSIGNED
            and shipment.courier_id == courier.pk
            and shipment.run_id == run.pk
        ):
            continue
        shipment.courier = courier
        shipment.run = run
        note = _("Courier: %(name)s") % {"name": courier}
        if shipment.status == S.CREATED:
            _move(
                shipment, S.ASSIGNED, actor=actor, note=note, fields=("courier", "run")
            )
        else:
            shipment.save(update_fields=["courier", "run", "updated_at"])
            TrackingEvent.objects.create(
                shipment=shipment,
                status=S.ASSIGNED,
                at=timezone.now(),
                actor=actor,
                note=note,
            )
    return shipments


@transaction.atomic
def shipment_unassign(*, shipment: Shipment, actor) -> Shipment:
    """Take an assigned shipment off its courier, back onto the board."""
    shipment = _locked(shipment)
    if not can_dispatch(actor, shipment.township_id):
        raise ApplicationError(
            _("Only this township's logistics staff assign couriers.")
        )
    if shipment.status == S.CREATED:
        return shipment
    shipment.courier = None
    shipment.run = None
    _move(shipment, S.CREATED, actor=actor, fields=("courier", "run"))
    return shipment


def _check_carrier(shipment: Shipment, actor) -> None:
    if not can_carry(actor, shipment):
        raise ApplicationError(_("This shipment is not assigned to you."))


@transaction.atomic
def shipment_pickup(*, shipment: Shipment, actor, place: str = "") -> Shipment:
    """The courier has the parcel in hand."""
    shipment = _locked(shipment)
    _check_carrier(shipment, actor)
    if shipment.status in (S.PICKED_UP, S.IN_TRANSIT, S.DELIVERED):
        return shipment  # the same confirmation again
    _move(shipment, S.PICKED_UP, actor=actor, place=place or shipment.pickup_place)
    return shipment


@transaction.atomic
def shipment_depart(*, shipment: Shipment, actor, place: str = "") -> Shipment:
    """On the way to the recipient (also: trying again after a failed attempt)."""
    shipment = _locked(shipment)
    _check_carrier(shipment, actor)
    if shipment.status in (S.IN_TRANSIT, S.DELIVERED):
        return shipment
    _move(shipment, S.IN_TRANSIT, actor=actor, place=place)
    return shipment


def _code_check(shipment: Shipment, code: str) -> bool:
    """Count a wrong code (committed even though the delivery is refused)."""
    if secrets.compare_digest(code.strip(), shipment.delivery_code):
        return True
    with transaction.atomic():
        locked = _locked(shipment)
        locked.code_attempts += 1
        locked.is_code_locked = locked.code_attempts >= DELIVERY_CODE_MAX_ATTEMPTS
        locked.save(update_fields=["code_attempts", "is_code_locked", "updated_at"])
    return False


def shipment_deliver(
    *,
    shipment: Shipment,
    actor,
    code: str = "",
    photo=None,
    received_by: str = "",
    cash: Decimal | None = None,
    place: str = "",
) -> Shipment:
    """Delivered, with the recipient's code or a photo and the receiver's name.

    For cash on delivery the courier says how much was collected; it must be
    what is owed, and is recorded once (receipt ``shipment:<uuid>``). Asked
    again for a delivered shipment, changes nothing.
    """
    shipment = Shipment.objects.get(pk=shipment.pk)
    _check_carrier(shipment, actor)
    if shipment.status == S.DELIVERED:
        return shipment
    _check_transition(shipment, S.DELIVERED)
    received_by = " ".join((received_by or "").split())[:200]
    if code:
        if shipment.is_code_locked:
            raise ApplicationError(
                _(
                    "Too many wrong codes: the code is locked. Ask dispatch to "
                    "unlock it, or deliver with a photo and the receiver's name."
                )
            )
        if not _code_check(shipment, code):
            shipment.refresh_from_db()
            left = DELIVERY_CODE_MAX_ATTEMPTS - shipment.code_attempts
            if left <= 0:
                raise ApplicationError(
                    _(
                        "Wrong code. The code is now locked: ask dispatch to unlock "
                        "it, or deliver with a photo and the receiver's name."
                    )
                )
            raise ApplicationError(
                _("Wrong code. %(left)d tries left.") % {"left": left}
            )
        proof = ProofKind.CODE
    elif photo is not None:
        if not received_by:
            raise ApplicationError(_("Write the name of the person who took it."))
        try:
            processed = process_photo(photo)
        except ValidationError as exc:
            raise ApplicationError(exc.messages[0]) from exc
        proof = ProofKind.PHOTO
    else:
        raise ApplicationError(
            _("Type the recipient's code, or take a photo and write who took it.")
        )
    with transaction.atomic():
        shipment = _locked(shipment)
        if shipment.status == S.DELIVERED:
            return shipment
        if shipment.cash_payment_id is not None:
            payment = Payment.objects.get(pk=shipment.cash_payment_id)
            if not payment.is_paid:
                if cash is None:
                    raise ApplicationError(
                        _("Collect %(amount)s %(currency)s in cash and type it in.")
                        % {"amount": payment.amount, "currency": payment.currency}
                    )
                payment_cash_record(
                    payment=payment,
                    amount=cash,
                    receipt=f"shipment:{shipment.uuid}",
                    actor=actor,
                )
                shipment.cash_collected = cash
        shipment.proof = proof
        shipment.received_by = received_by
        shipment.delivered_at = timezone.now()
        if proof == ProofKind.PHOTO:
            shipment.proof_photo.save(
                f"{shipment.uuid}.jpg", ContentFile(processed.main), save=False
            )
        _move(
            shipment,
            S.DELIVERED,
            actor=actor,
            place=place,
            note=received_by,
            fields=(
                "proof",
                "received_by",
                "delivered_at",
                "proof_photo",
                "cash_collected",
            ),
        )
    return shipment


@transaction.atomic
def shipment_fail(
    *, shipment: Shipment, actor, reason: str, note: str = "", place: str = ""
) -> Shipment:
    """The courier could not deliver: why, and where."""
    if reason not in FailureReason:
        raise ApplicationError(_("Choose why the delivery failed."))
    note = " ".join((note or "").split())
    if reason == FailureReason.OTHER and not note:
        raise ApplicationError(_("Say what went wrong."))
    shipment = _locked(shipment)
    _check_carrier(shipment, actor)
    if shipment.status == S.FAILED_ATTEMPT:
        return shipment
    shipment.failed_attempts += 1
    shipment.failure_reason = reason
    _move(
        shipment,
        S.FAILED_ATTEMPT,
        actor=actor,
        place=place,
        note=note or FailureReason(reason).label,
        fields=("failed_attempts", "failure_reason"),
    )
    return shipment


@transaction.atomic
def shipment_return(*, shipment: Shipment, actor, note: str = "") -> Shipment:
    """Give up after a failed attempt: the parcel goes back to its sender."""
    shipment = _locked(shipment)
    if not (can_dispatch(actor, shipment.township_id) or can_carry(actor, shipment)):
        raise ApplicationError(_("Only dispatch or the courier can return a shipment."))
    if shipment.status == S.RETURNED:
        return shipment
    _move(shipment, S.RETURNED, actor=actor, note=note)
    return shipment


@transaction.atomic
def shipment_cancel(*, reference: str, actor=None) -> Shipment | None:
    """The owning app no longer wants it carried (before pickup only)."""
    shipment = Shipment.objects.select_for_update().filter(reference=reference).first()
    if shipment is None or shipment.status == S.CANCELLED:
        return shipment
    if shipment.status not in CANCELLABLE_STATUSES:
        raise ApplicationError(_("This parcel has already been picked up."))
    _move(shipment, S.CANCELLED, actor=actor)
    return shipment


@transaction.atomic
def shipment_code_unlock(*, shipment: Shipment, actor) -> Shipment:
    """Dispatch lets the courier try the recipient's code again."""
    shipment = _locked(shipment)
    if not can_dispatch(actor, shipment.township_id):
        raise ApplicationError(_("Only this township's logistics staff unlock codes."))
    shipment.code_attempts = 0
    shipment.is_code_locked = False
    shipment.save(update_fields=["code_attempts", "is_code_locked", "updated_at"])
    return shipment


def courier_cash_held(*, courier: Courier) -> Decimal:
    """Cash collected on deliveries minus what was due at each hand-over."""
    collected = courier.shipments.aggregate(total=Sum("cash_collected"))["total"]
    handed = courier.remittances.aggregate(total=Sum("expected"))["total"]
    return (collected or Decimal("0.00")) - (handed or Decimal("0.00"))


@transaction.atomic
def cash_remit(
    *, courier: Courier, counted: Decimal, actor, note: str = ""
) -> CashRemittance:
    """The office counts the cash a courier hands over; any difference is kept."""
    courier = Courier.objects.select_for_update().get(pk=courier.pk)
    if not can_dispatch(actor, courier.township_id):
        raise ApplicationError(_("Only this township's logistics staff receive cash."))
    if counted is None or counted < 0:
        raise ApplicationError(_("Type the amount counted (0 or more)."))
    return CashRemittance.objects.create(
        township_id=courier.township_id,
        courier=courier,
        expected=courier_cash_held(courier=courier),
        counted=counted,
        received_by=actor,
        note=" ".join((note or "").split())[:255],
    )
