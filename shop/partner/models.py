"""The seller stall is Oscar's Partner, plus who owns it and whether it may sell."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import F, signals
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord
from phonenumber_field.modelfields import PhoneNumberField

from .constants import (
    STOCK_COUNTS,
    BadgeKind,
    PayoutMethod,
    StallActionVerb,
    StallStatus,
)
from .exceptions import InsufficientStock


class Partner(AbstractPartner):
    """A village stall: its owners are ``users``; only a verified stall sells."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    township = models.ForeignKey(
        "townships.Township",
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stalls",
    )
    village = models.CharField(_("village"), max_length=100, blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    cooperative = models.CharField(_("cooperative"), max_length=120, blank=True)
    payout_method = models.CharField(
        _("how you want to be paid"),
        max_length=10,
        choices=PayoutMethod.choices,
        default=PayoutMethod.CASH,
    )
    story = models.TextField(_("your produce story"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StallStatus.choices,
        default=StallStatus.PENDING,
        db_index=True,
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_stalls",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # Set when a service-centre agent opened the stall for a villager.
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assisted_stalls",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, null=True)

    class Meta(AbstractPartner.Meta):
        pass

    def get_absolute_url(self) -> str:
        """The stall's public page: who sells, where, and their produce story."""
        return reverse("shop-stall", kwargs={"stall_uuid": self.uuid})

    def get_manage_url(self) -> str:
        return reverse("stall:manage", kwargs={"stall_uuid": self.uuid})

    @property
    def township_url(self) -> str:
        """The township micro-site (served by the CMS at /townships/<slug>/)."""
        return f"/townships/{self.township.slug}/" if self.township_id else ""

    @property
    def is_verified(self) -> bool:
        return self.status == StallStatus.VERIFIED


class Badge(models.Model):
    """An official badge on a stall or one of its products; recorded by staff only."""

    stall = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="badges"
    )
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="badges",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BadgeKind.choices)
    number = models.CharField(_("certificate number"), max_length=80)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class StallAction(models.Model):
    """Who did what to a stall, and for whom (assisted listing)."""

    stall = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="actions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The stall owner the actor acted for, when the actor is not an owner.
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verb = models.CharField(_("action"), max_length=20, choices=StallActionVerb.choices)
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("stall action")
        verbose_name_plural = _("stall actions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_verb_display()}"


class Payout(models.Model):
    """Money the township's finance office paid a stall for what it sold."""

    stall = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="payouts",
        verbose_name=_("stall"),
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    reference = models.CharField(
        _("reference"),
        max_length=64,
        unique=True,
        help_text=_("The bank transfer number or the cash receipt number."),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payout_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=F("period_start")),
                name="payout_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount} {self.currency}"

    def clean(self) -> None:
        if (
            self.period_start
            and self.period_end
            and self.period_end < self.period_start
        ):
            raise ValidationError(
                {"period_end": _("The period cannot end before it starts.")}
            )


class StockRecord(AbstractStockRecord):
    """Oscar's stock record, allocating only what is there.

    Oscar checks availability when the basket is submitted and allocates
    later, so concurrent checkouts oversell (Oscar #4524). Here the allocation
    itself is a conditional UPDATE: it takes the units only if they are free,
    inside Oscar's order transaction, and otherwise raises InsufficientStock,
    which rolls the order back.
    """

    def allocate(self, quantity):
        if not self.can_track_allocations:
            return
        self.pre_save_signal()
        free = F("num_in_stock") - Coalesce(F("num_allocated"), 0)
        taken = (
            StockRecord.objects.filter(pk=self.pk)
            .alias(free=free)
            .filter(free__gte=quantity)
            .update(num_allocated=Coalesce(F("num_allocated"), 0) + quantity)
        )
        self.refresh_from_db(fields=["num_in_stock", "num_allocated"])
        if not taken:
            raise InsufficientStock(
                product_title=self.product.get_title(),
                available=max(self.num_in_stock - (self.num_allocated or 0), 0),
            )
        self.post_save_signal()

    allocate.alters_data = True

    def post_save_signal(self):
        """Oscar's, for its allocate, consume and cancel, saying what they
        changed: the counts alone, never the price (update_fields). The cache
        forgets only the product's stock for such a save
        (shop.catalogue.receivers)."""
        signals.post_save.send(
            sender=self.__class__,
            instance=self,
            created=False,
            raw=False,
            using=router.db_for_write(self.__class__, instance=self),
            update_fields=STOCK_COUNTS,
        )


from oscar.apps.partner.models import *  # noqa isort:skip
