"""Reads of the public catalogue: products of verified stalls, by township and
category. Each list is a fixed handful of queries whatever the page size: the
stall and township come by join, stock records, photos and badges by prefetch."""

from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from oscar.apps.catalogue.reviews.models import ProductReview

from shop.partner.constants import StallStatus
from shop.partner.models import Badge, Partner, StockRecord

from .constants import RECEIVED_ORDER_STATUSES
from .models import Option, Product, ProductImage, ProductRecommendation


def _public_products() -> QuerySet[Product]:
    # The product class by join: the strategy's availability reads track_stock.
    return Product.objects.filter(
        is_public=True, stall__status=StallStatus.VERIFIED
    ).select_related("stall__township", "product_class")


def product_list_public(
    *,
    township_slug: str = "",
    category: str = "",
    query: str = "",
    stall: Partner | None = None,
    in_stock: bool = False,
) -> QuerySet[Product]:
    """Products shoppers may buy, newest first, filtered as asked.

    ``in_stock`` keeps products with stock not yet allocated to orders (Oscar's
    net stock level, which its StockRequired availability sells from).
    """
    products = _public_products()
    if township_slug:
        products = products.filter(stall__township__slug=township_slug)
    if category:
        products = products.filter(produce_category=category)
    if stall is not None:
        products = products.filter(stall=stall)
    if query:
        products = products.filter(
            Q(title__icontains=query)
            | Q(description__icontains=query)
            | Q(stall__name__icontains=query)
            | Q(stall__village__icontains=query)
        )
    if in_stock:
        products = products.filter(
            Exists(
                StockRecord.objects.filter(
                    product=OuterRef("pk"),
                    num_in_stock__gt=Coalesce(F("num_allocated"), 0),
                )
            )
        )
    return products.prefetch_related(
        Prefetch(
            "stockrecords",
            queryset=StockRecord.objects.select_related("partner"),
        ),
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
    ).order_by("-date_created", "-pk")


def product_get_public(*, pk: int) -> Product:
    """One product with its stall, township, stock, photos and badges; else 404."""
    return _product_get(
        _public_products().prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
            Prefetch("badges", queryset=Badge.objects.order_by("kind")),
            Prefetch(
                "stall__badges",
                queryset=Badge.objects.filter(product=None).order_by("kind"),
            ),
        ),
        pk=pk,
    )


def product_get_for_page(*, pk: int) -> Product:
    """One product for its page, with its stall, township and stock; else 404.

    Its photos and badges are read only where the page's kept parts are
    rendered (hub.core.fragments). What Oscar's page asks of every product
    comes with it: its number of approved reviews, and whether it has options
    (Oscar's own annotations, as in its base_queryset), and the products
    recommended with it.
    """
    approved = (
        ProductReview.objects.filter(product=OuterRef("pk"))
        .approved()
        .order_by()
        .values("product")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return _product_get(
        _public_products()
        .prefetch_related(
            Prefetch(
                "primary_recommendations",
                queryset=ProductRecommendation.objects.select_related("recommendation"),
            )
        )
        .annotate(
            has_product_class_options=Exists(
                Option.objects.filter(productclass=OuterRef("product_class"))
            ),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
            num_approved_reviews=Coalesce(Subquery(approved), 0),
        ),
        pk=pk,
    )


def _product_get(products: QuerySet[Product], *, pk: int) -> Product:
    product = (
        products.filter(pk=pk)
        .prefetch_related(
            Prefetch(
                "stockrecords",
                queryset=StockRecord.objects.select_related("partner"),
            )
        )
        .first()
    )
    if product is None:
        raise Http404
    return product


def product_reviewable_by(*, product: Product, user: Any) -> bool:
    """Whether the user has an order with this product that reached them, and
    has not reviewed it yet (one query)."""
    return (
        user.orders.filter(status__in=RECEIVED_ORDER_STATUSES, lines__product=product)
        .exclude(Exists(ProductReview.objects.filter(product=product, user=user)))
        .exists()
    )


def township_list_public(*, with_stalls: bool | None = None) -> QuerySet:
    """Active townships by slug, each marked whether it has a verified stall.

    with_stalls True or False keeps only those with (or without) one.
    """
    township_model = Partner._meta.get_field("township").related_model
    townships = township_model.objects.active().annotate(
        has_stalls=Exists(
            Partner.objects.filter(township=OuterRef("pk"), status=StallStatus.VERIFIED)
        )
    )
    if with_stalls is not None:
        townships = townships.filter(has_stalls=with_stalls)
    return townships.order_by("slug")


def stall_list_public(*, township_slug: str = "") -> QuerySet[Partner]:
    """Verified stalls by name, of one active township if a slug is given."""
    stalls = Partner.objects.filter(
        status=StallStatus.VERIFIED, township__is_active=True
    ).select_related("township")
    if township_slug:
        stalls = stalls.filter(township__slug=township_slug)
    return stalls.order_by("name", "pk")
