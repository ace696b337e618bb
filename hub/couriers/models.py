"""Couriers, delivery zones and rates, shipments and their tracking events.

One network carries the shop's parcels (one per seller group of an order) and
the service hall's envelopes (one per result to deliver): a Shipment names
what it carries by ``reference`` ("order:<number>:<stall>", later
"application:<reference>"), and the app that owns the reference is told of
each status change through ``registry.on_shipment_status``. hub imports
nothing of shop or townships; foreign keys to them are strings.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.core.models import TimeStampedModel
from hub.core.storage import private_storage

from .constants import (
    TOWNSHIP_PROVIDER,
    DeliveryMethod,
    FailureReason,
    ProofKind,
    ShipmentKind,
    ShipmentStatus,
    ZoneKind,
)


class DeliveryZone(TimeStampedModel):
    """A village a township's couriers deliver to, or "outside" for carriers."""

    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.CASCADE,
        related_name="delivery_zones",
        verbose_name=_("township"),
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=10, choices=ZoneKind.choices, default=ZoneKind.VILLAGE
    )
    service_point = models.CharField(
        _("service point"),
        max_length=200,
        blank=True,
        help_text=_(
            "Where parcels can be collected in this village (leave empty if none)."
        ),
    )
    position = models.PositiveSmallIntegerField(
        _("position on the route"),
        default=0,
        help_text=_("Villages are visited in this order, lowest first."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("delivery zone")
        verbose_name_plural = _("delivery zones")
        ordering = ["township", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"], name="delivery_zone_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_pickup(self) -> bool:
        return bool(self.service_point)


class Rate(models.Model):
    """The delivery charge of one parcel up to a weight, by zone and method."""

    zone = models.ForeignKey(
        DeliveryZone,
        on_delete=models.CASCADE,
        related_name="rates",
        verbose_name=_("zone"),
    )
    method = models.CharField(
        _("delivery method"), max_length=10, choices=DeliveryMethod.choices
    )
    max_weight_grams = models.PositiveIntegerField(_("up to weight (g)"))
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("rate")
        verbose_name_plural = _("rates")
        ordering = ["zone", "method", "max_weight_grams"]
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "method", "max_weight_grams"],
                name="rate_one_per_band",
            ),
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="rate_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone} {self.method} ≤{self.max_weight_grams} g: {self.price}"


class Courier(TimeStampedModel):
    """A person who carries shipments for one township."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="courier",
        verbose_name=_("user"),
    )
    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.PROTECT,
        related_name="couriers",
        verbose_name=_("township"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("courier")
        verbose_name_plural = _("couriers")

    def __str__(self) -> str:
        return self.user.get_full_name() or str(self.user)


class Run(TimeStampedModel):
    """One courier's shipments for one day, in route order."""

    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.PROTECT,
        related_name="courier_runs",
        verbose_name=_("township"),
    )
    courier = models.ForeignKey(
        Courier,
        on_delete=models.PROTECT,
        related_name="runs",
        verbose_name=_("courier"),
    )
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("run")
        verbose_name_plural = _("runs")
        ordering = ["-day", "courier"]
        constraints = [
            models.UniqueConstraint(fields=["courier", "day"], name="run_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.courier} {self.day:%Y-%m-%d}"


class Shipment(TimeStampedModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("reference"),
        max_length=64,
        unique=True,
        help_text=_("What is carried, e.g. order:100023:7 or application:A-2026-1."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ShipmentKind.choices)
    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.PROTECT,
        related_name="shipments",
        verbose_name=_("township"),
    )
    provider = models.CharField(_("carrier"), max_length=30, default=TOWNSHIP_PROVIDER)
    provider_reference = models.CharField(
        _("carrier's tracking number"), max_length=100, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ShipmentStatus.choices,
        default=ShipmentStatus.CREATED,
    )
    zone = models.ForeignKey(
        DeliveryZone,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shipments",
        verbose_name=_("delivery zone"),
    )
    method = models.CharField(
        _("delivery method"),
        max_length=10,
        choices=DeliveryMethod.choices,
        default=DeliveryMethod.HOME,
    )
    # Where to pick it up (the stall, the service hall).
    sender_name = models.CharField(_("sender"), max_length=200)
    sender_phone = models.CharField(_("sender's phone"), max_length=40, blank=True)
    pickup_place = models.CharField(_("pickup place"), max_length=255)
    # Who receives it, and where.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shipments_received",
        verbose_name=_("recipient"),
    )
    recipient_name = models.CharField(_("recipient's name"), max_length=200)
    recipient_phone = models.CharField(
        _("recipient's phone"), max_length=40, blank=True
    )
    address = models.TextField(_("delivery address"))
    description = models.CharField(_("contents"), max_length=255, blank=True)
    weight_grams = models.PositiveIntegerField(_("weight (g)"), default=0)
    # Cash on delivery: the payment the courier collects (None: nothing to collect).
    cash_payment = models.ForeignKey(
        "payments.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shipments",
        verbose_name=_("cash to collect"),
    )
    courier = models.ForeignKey(
        Courier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shipments",
        verbose_name=_("courier"),
    )
    run = models.ForeignKey(
        Run,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shipments",
        verbose_name=_("run"),
    )
    delivery_code = models.CharField(_("delivery code"), max_length=6)
    code_attempts = models.PositiveSmallIntegerField(
        _("wrong code attempts"), default=0
    )
    is_code_locked = models.BooleanField(_("code locked"), default=False)
    failed_attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    failure_reason = models.CharField(
        _("reason for the last failed attempt"),
        max_length=20,
        choices=FailureReason.choices,
        blank=True,
    )
    proof = models.CharField(
        _("proof of delivery"), max_length=10, choices=ProofKind.choices, blank=True
    )
    proof_photo = models.FileField(
        _("proof photo"),
        upload_to="delivery-proofs/",
        storage=private_storage,
        blank=True,
    )
    received_by = models.CharField(_("taken by"), max_length=200, blank=True)
    cash_collected = models.DecimalField(
        _("cash collected"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["township", "status"]),
            models.Index(fields=["courier", "status"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def purpose(self) -> str:
        """The reference's prefix: the app told of status changes."""
        return self.reference.partition(":")[0]

    @property
    def is_cash_on_delivery(self) -> bool:
        return self.cash_payment_id is not None


class TrackingEvent(models.Model):
    """One change of a shipment: when, who, where, and why."""

    shipment = models.ForeignKey(
        Shipment,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("shipment"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ShipmentStatus.choices
    )
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("tracking event")
        verbose_name_plural = _("tracking events")
        ordering = ["shipment", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.shipment} {self.status} {self.at:%Y-%m-%d %H:%M}"


class CashRemittance(TimeStampedModel):
    """Cash a courier hands to the township office, counted there."""

    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.PROTECT,
        related_name="cash_remittances",
        verbose_name=_("township"),
    )
    courier = models.ForeignKey(
        Courier,
        on_delete=models.PROTECT,
        related_name="remittances",
        verbose_name=_("courier"),
    )
    expected = models.DecimalField(
        _("expected"),
        max_digits=12,
        decimal_places=2,
        help_text=_("What the courier held by the records when handing over."),
    )
    counted = models.DecimalField(_("counted"), max_digits=12, decimal_places=2)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("counted by"),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("cash remittance")
        verbose_name_plural = _("cash remittances")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(counted__gte=0),
                name="remittance_counted_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.courier} {self.counted}"

    @property
    def difference(self):
        return self.counted - self.expected
