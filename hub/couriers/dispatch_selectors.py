"""Reads for the dispatch board, run sheets and the couriers' cash report.

Every read takes a township the caller has already been allowed to dispatch
(``township_get_for_dispatcher``); objects of another township are a 404, the
same as objects that do not exist. Townships live in townships/, which hub
does not import: the model is looked up by its app label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from hub.payments.constants import PaymentStatus

from .constants import FINAL_STATUSES, TOWNSHIP_PROVIDER, ShipmentKind, ShipmentStatus
from .models import CashRemittance, Courier, Run, Shipment
from .permissions import can_dispatch, dispatch_township_ids

S = ShipmentStatus
ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=12, decimal_places=2)
# A cash-on-delivery payment still waiting is what the courier has to collect.
CASH_DUE = Case(
    When(cash_payment__status=PaymentStatus.PENDING, then=F("cash_payment__amount")),
    default=None,
    output_field=MONEY,
)


def _township_model():
    return apps.get_model("townships", "Township")


def township_list_for_dispatcher(*, user: Any) -> QuerySet:
    """The townships whose shipments the user dispatches, by slug."""
    ids = dispatch_township_ids(user)
    townships = _township_model().objects.order_by("slug")
    return townships if ids is None else townships.filter(pk__in=ids)


def township_get_for_dispatcher(*, user: Any, slug: str):
    """The township by slug if the user dispatches it; else 404."""
    township = _township_model().objects.filter(slug=slug).first()
    if township is None or not can_dispatch(user, township.pk):
        raise Http404
    return township


def shipment_get_for_dispatch(*, township: Any, pk: int) -> Shipment:
    """One shipment of the township; 404 for any other."""
    shipment = Shipment.objects.filter(township=township, pk=pk).first()
    if shipment is None:
        raise Http404
    return shipment


def courier_choices(*, township: Any, active_only: bool = True) -> QuerySet[Courier]:
    """The township's couriers by name, for a form's choices."""
    couriers = Courier.objects.filter(township=township).select_related("user")
    if active_only:
        couriers = couriers.filter(is_active=True)
    return couriers.order_by("user__first_name", "user__last_name", "pk")


def _route_key(shipment: Shipment) -> tuple:
    """Villages in route order, shipments without a village last."""
    zone = shipment.zone
    return (
        zone is None,
        zone.position if zone else 0,
        zone.name if zone else "",
        shipment.method,
        shipment.address,
        shipment.reference,
    )


def _day_key(shipment: Shipment) -> date:
    return shipment.run.day if shipment.run else date.min


@dataclass
class Village:
    """Shipments waiting for a courier in one village (zone None: no village)."""

    zone: Any
    shipments: list[Shipment] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What the "assign the whole village" button posts."""
        return str(self.zone.pk) if self.zone else "none"


@dataclass
class CourierShipments:
    """One courier's shipments not yet picked up, by day then route order."""

    courier: Courier
    shipments: list[Shipment] = field(default_factory=list)


@dataclass
class Board:
    """The board's sections; see ``board_for_township``."""

    villages: list[Village]
    assigned: list[CourierShipments]
    locked: list[Shipment]
    failed: list[Shipment]
    outside: list[Shipment]


def board_for_township(*, township: Any) -> Board:
    """What dispatch acts on today, in one query whatever the number of shipments.

    Waiting for a courier (by village in route order), assigned but not yet
    picked up (by courier), codes locked, failed attempts, and shipments with
    outside carriers (read-only).
    """
    own = Q(provider=TOWNSHIP_PROVIDER)
    shipments = (
        Shipment.objects.filter(township=township)
        .filter(
            (own & Q(status__in=(S.CREATED, S.ASSIGNED, S.FAILED_ATTEMPT)))
            | (own & Q(is_code_locked=True, status__in=(S.PICKED_UP, S.IN_TRANSIT)))
            | (~own & ~Q(status__in=FINAL_STATUSES))
        )
        .select_related("zone", "courier__user", "run")
        .annotate(cash_due=CASH_DUE)
    )
    villages: dict[Any, Village] = {}
    by_courier: dict[int, CourierShipments] = {}
    locked, failed, outside = [], [], []
    for shipment in sorted(shipments, key=_route_key):
        if shipment.provider != TOWNSHIP_PROVIDER:
            outside.append(shipment)
            continue
        if shipment.is_code_locked:
            locked.append(shipment)
        if shipment.status == S.CREATED:
            villages.setdefault(shipment.zone_id, Village(shipment.zone))
            villages[shipment.zone_id].shipments.append(shipment)
        elif shipment.status == S.ASSIGNED:
            by_courier.setdefault(
                shipment.courier_id, CourierShipments(shipment.courier)
            ).shipments.append(shipment)
        elif shipment.status == S.FAILED_ATTEMPT:
            failed.append(shipment)
    for group in by_courier.values():
        group.shipments.sort(key=_day_key)
    return Board(
        villages=list(villages.values()),
        assigned=sorted(by_courier.values(), key=lambda group: str(group.courier)),
        locked=locked,
        failed=failed,
        outside=sorted(outside, key=lambda shipment: shipment.created_at),
    )


def unassigned_pks_in_village(*, township: Any, zone_pk: int | None) -> list[int]:
    """The shipments waiting for a courier in one village (None: no village)."""
    return list(
        Shipment.objects.filter(
            township=township,
            provider=TOWNSHIP_PROVIDER,
            status=S.CREATED,
            zone_id=zone_pk,
        ).values_list("pk", flat=True)
    )


def run_list_for_township(*, township: Any) -> QuerySet[Run]:
    """The township's runs, newest day first, with what each carries."""
    carried = Q(shipments__status__in=[s for s in S if s != S.CANCELLED])
    return (
        Run.objects.filter(township=township)
        .select_related("courier__user")
        .annotate(
            shipment_count=Count("shipments", filter=carried),
            delivered_count=Count("shipments", filter=Q(shipments__status=S.DELIVERED)),
            cash_due=Coalesce(
                Sum(
                    "shipments__cash_payment__amount",
                    filter=carried
                    & Q(shipments__cash_payment__status=PaymentStatus.PENDING),
                ),
                Value(ZERO),
                output_field=MONEY,
            ),
        )
        .order_by("-day", "courier__user__first_name", "courier__user__last_name")
    )


def run_get_for_township(*, township: Any, pk: int) -> Run:
    """One run of the township; 404 for any other."""
    run = (
        Run.objects.filter(township=township, pk=pk)
        .select_related("courier__user")
        .first()
    )
    if run is None:
        raise Http404
    return run


@dataclass
class RunSheet:
    """A run in route order: first every pickup, then deliveries village by village."""

    run: Run
    pickups: list[Shipment]
    deliveries: list[Shipment]

    @property
    def parcel_count(self) -> int:
        return sum(1 for s in self.deliveries if s.kind == ShipmentKind.PARCEL)

    @property
    def document_count(self) -> int:
        return sum(1 for s in self.deliveries if s.kind == ShipmentKind.DOCUMENT)

    @property
    def cash_due(self) -> Decimal:
        return sum((s.cash_due for s in self.deliveries if s.cash_due), ZERO)

    @property
    def weight_grams(self) -> int:
        return sum(s.weight_grams for s in self.deliveries)


def run_sheet(*, run: Run) -> RunSheet:
    """The run's shipments (cancelled ones left out) for the printed sheet."""
    shipments = list(
        run.shipments.exclude(status=S.CANCELLED)
        .select_related("zone")
        .annotate(cash_due=CASH_DUE)
    )
    return RunSheet(
        run=run,
        pickups=sorted(shipments, key=lambda s: (s.pickup_place, s.reference)),
        deliveries=sorted(shipments, key=_route_key),
    )


@dataclass(frozen=True)
class CourierCash:
    """One courier's cash: collected on deliveries, handed over, and held now.

    ``held`` is hub.couriers.services.courier_cash_held, summed in SQL for all
    couriers at once: collected minus what was expected at each hand-over.
    """

    courier: Courier
    collected: Decimal
    counted: Decimal
    expected: Decimal

    @property
    def held(self) -> Decimal:
        return self.collected - self.expected

    @property
    def difference(self) -> Decimal:
        """Counted minus expected over every hand-over (negative: short)."""
        return self.counted - self.expected


@dataclass(frozen=True)
class CashReport:
    """Every courier's cash, with the township's totals."""

    rows: list[CourierCash]
    currency: str

    def _total(self, name: str) -> Decimal:
        return sum((getattr(row, name) for row in self.rows), ZERO)

    @property
    def collected(self) -> Decimal:
        return self._total("collected")

    @property
    def counted(self) -> Decimal:
        return self._total("counted")

    @property
    def expected(self) -> Decimal:
        return self._total("expected")

    @property
    def held(self) -> Decimal:
        return self._total("held")

    @property
    def difference(self) -> Decimal:
        return self._total("difference")


def _sum_per_courier(queryset: QuerySet, amount: str) -> Coalesce:
    totals = (
        queryset.filter(courier=OuterRef("pk"))
        .order_by()
        .values("courier")
        .annotate(total=Sum(amount))
        .values("total")
    )
    return Coalesce(
        Subquery(totals, output_field=MONEY), Value(ZERO), output_field=MONEY
    )


def cash_report(*, township: Any) -> CashReport:
    """Every courier of the township (active or not) with their cash, in one query."""
    couriers = courier_choices(township=township, active_only=False).annotate(
        collected=_sum_per_courier(Shipment.objects.all(), "cash_collected"),
        counted=_sum_per_courier(CashRemittance.objects.all(), "counted"),
        expected=_sum_per_courier(CashRemittance.objects.all(), "expected"),
    )
    return CashReport(
        rows=[
            CourierCash(
                courier=courier,
                collected=courier.collected,
                counted=courier.counted,
                expected=courier.expected,
            )
            for courier in couriers
        ],
        currency=township.currency,
    )


def remittance_list_for_township(*, township: Any) -> QuerySet[CashRemittance]:
    """The township's cash hand-overs, newest first."""
    return (
        CashRemittance.objects.filter(township=township)
        .select_related("courier__user", "received_by")
        .order_by("-created_at", "-pk")
    )
