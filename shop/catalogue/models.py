"""Product of a village stall: unit, harvest date, shelf life, shipping weight."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from oscar.apps.catalogue.abstract_models import AbstractProduct

from hub.core.models import ChoiceLabelsMixin

# Named here too: migration 0033 refers to shop.catalogue.models.private_storage.
from hub.core.storage import private_storage

from .constants import PhotoStatus, ProduceCategory, ProduceUnit


class Product(ChoiceLabelsMixin, AbstractProduct):
    """A listing; its seller is ``stall``, its price and stock are a StockRecord."""

    stall = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("stall"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
    )
    produce_category = models.CharField(
        _("category"), max_length=20, choices=ProduceCategory.choices, blank=True
    )
    unit = models.CharField(
        _("unit"), max_length=10, choices=ProduceUnit.choices, blank=True
    )
    harvest_date = models.DateField(_("harvest or production date"), null=True)
    shelf_life_days = models.PositiveIntegerField(
        _("shelf life (days)"), null=True, blank=True
    )
    weight_grams = models.PositiveIntegerField(
        _("weight for shipping (g)"), null=True, blank=True
    )

    class Meta(AbstractProduct.Meta):
        pass

    @property
    def sorted_recommended_products(self) -> list:
        """Oscar's, from the recommendations read with the product where they
        were (selectors.product_get_for_page): its page asks on every view."""
        recommendations = self.primary_recommendations.all()
        if "primary_recommendations" not in getattr(
            self, "_prefetched_objects_cache", {}
        ):
            recommendations = recommendations.select_related("recommendation")
        return [recommendation.recommendation for recommendation in recommendations]

    def is_review_permitted(self, user) -> bool:
        """Only a signed-in buyer who has received this product reviews it, once.

        Oscar's review view and templates ask this hook (its docstring suggests
        exactly this override); the product page asks twice, so the answer is
        remembered on this instance, per user.
        """
        from .selectors import product_reviewable_by

        if not user.is_authenticated:
            return False
        answers = self.__dict__.setdefault("_hub_review_permitted", {})
        if user.pk not in answers:
            answers[user.pk] = product_reviewable_by(product=self, user=user)
        return answers[user.pk]


class ProductPhotoUpload(models.Model):
    """A photo as uploaded, kept private until a task has made it safe to show."""

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="photo_uploads"
    )
    file = models.FileField(upload_to="photo-uploads/", storage=private_storage)
    status = models.CharField(
        max_length=10, choices=PhotoStatus.choices, default=PhotoStatus.PENDING
    )
    error = models.CharField(max_length=255, blank=True)
    display_order = models.PositiveIntegerField(default=0)
    image = models.ForeignKey(
        "catalogue.ProductImage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo upload")
        verbose_name_plural = _("photo uploads")

    def __str__(self) -> str:
        return f"{self.product_id}: {self.file.name}"


from oscar.apps.catalogue.models import *  # noqa isort:skip
