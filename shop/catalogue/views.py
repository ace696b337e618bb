"""The public catalogue at /shop/: browse by township and category, search,
product pages with seller, village, township, badges and harvest date.

Overrides Oscar's CatalogueView and ProductDetailView (loaded with get_class).
"""

from operator import getitem

from django.conf import settings
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from oscar.apps.catalogue import views as oscar_views

from hub.core.fragments import deferred, kept_data
from hub.core.page_cache import for_visitors, version
from hub.core.paginator import KeysFirstPaginator
from shop.partner.models import Partner
from shop.partner.selectors import stall_get_public

from . import selectors
from .constants import ProduceCategory
from .receivers import stock_version

PAGE_SIZES = (10, 20, 50, 100)


@method_decorator(for_visitors, name="dispatch")
class CatalogueView(ListView):
    """Products of verified stalls; ?township=, ?category=, ?q=, ?per_page=."""

    template_name = "shop/catalogue/browse.html"
    context_object_name = "products"
    paginator_class = KeysFirstPaginator

    def get_paginate_by(self, queryset) -> int:
        try:
            size = int(self.request.GET.get("per_page", ""))
        except ValueError:
            size = 0
        return size if size in PAGE_SIZES else settings.OSCAR_PRODUCTS_PER_PAGE

    def get_queryset(self):
        category = self.request.GET.get("category", "")
        return selectors.product_list_public(
            township_slug=self.request.GET.get("township", "")[:60],
            category=category if category in ProduceCategory.values else "",
            query=self.request.GET.get("q", "").strip()[:100],
        )

    def paginate_queryset(self, queryset, page_size):
        """Django's paginator, page, products and is_paginated, read only where
        the template's kept part is rendered (hub.core.fragments); a page number
        out of range is still a 404."""
        pages = deferred(super().paginate_queryset, queryset, page_size)
        return tuple(deferred(getitem, pages, index) for index in range(4))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            townships=deferred(selectors.township_list_public, with_stalls=True),
            categories=ProduceCategory.choices,
            current_township=self.request.GET.get("township", ""),
            current_category=self.request.GET.get("category", ""),
            query=self.request.GET.get("q", ""),
            query_string=params.urlencode(),
        )
        return context


@method_decorator(for_visitors, name="dispatch")
class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page, read through our selector, with our template.

    Without Oscar's product_viewed signal: its receivers write a view count and
    set a "recently viewed" cookie on every view, which neither the hub shows
    nor a page kept for every visitor can carry.
    """

    template_name = "shop/catalogue/detail.html"

    def send_signal(self, request, response, product):
        return None

    def get_object(self, queryset=None):
        if not hasattr(self, "object"):
            # Kept until what a product page shows changes (hub.core.fragments),
            # its stock included.
            pk = self.kwargs["pk"]
            self.stock_version = version(self.request, stock_version(pk))
            self.object = kept_data(
                self.request,
                "product",
                [pk, self.stock_version],
                lambda: selectors.product_get_for_page(pk=pk),
            )
        return self.object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # What the kept part with the basket form shows of the visitor.
        context["may_review"] = self.object.is_review_permitted(self.request.user)
        # What the kept parts that say how many are left are kept for.
        context["stock_version"] = self.stock_version
        return context

    def get_alert_status(self):
        """Oscar asks each signed-in visitor whether they have a stock alert; its
        template shows the answer only where the product cannot be bought."""
        info = self.request.strategy.fetch_for_product(self.object)
        if info.availability.is_available_to_buy and info.price.exists:
            return False
        return super().get_alert_status()


@method_decorator(for_visitors, name="dispatch")
class StallDetailView(DetailView):
    """A verified stall's public page: who, where, their story, their produce."""

    template_name = "shop/catalogue/stall_detail.html"
    context_object_name = "stall"
    model = Partner

    def get_object(self, queryset=None):
        return stall_get_public(stall_uuid=self.kwargs["stall_uuid"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["products"] = selectors.product_list_public(stall=self.object)[:100]
        return context
