"""The page tree: hub home at /, the index at /townships/, a home per township.

Under each township home: one notice index (/townships/<slug>/notices/) with
its notices, service guides, produce stories and standard pages. At the end:
citizens' subscriptions to a township's notices, and each round of telling them.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.blocks import CharBlock
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from cms.core.blocks import BaseStreamBlock
from cms.transparency.selectors import stats_headline_for_township
from hub.core.fragments import deferred, kept_data
from hub.core.models import TimeStampedModel
from hub.core.page_cache import mark_for_visitors
from townships.core.models import Township
from townships.public_services.selectors import public_service_get_by_pk

from . import selectors, translations
from .constants import NOTICES_PER_PAGE, NoticeCategory
from .service_guide_forms import ServiceGuidePageForm


class TranslatedPageMixin:
    """Tells the template which language the page is in, and its other versions.

    Which version is served is decided by TranslationRoutingMixin.route on the
    Site root (translations.py).
    Listing pages set ``sets_html_lang = False``: most of their text is in the
    visitor's language, whatever the language of their title and intro.
    """

    sets_html_lang = True
    # The keys of the view restrictions on the page, where its route was kept
    # (serving.py); None: ask Wagtail.
    kept_view_restrictions = None
    # Wagtail's answer where it was asked, for the route to keep (serving.py).
    view_restrictions_read = None

    def get_view_restrictions(self):
        """Wagtail's, without reading the page's ancestors (and the pages they
        are aliases of) where the route was kept with them."""
        if self.kept_view_restrictions is None:
            self.view_restrictions_read = super().get_view_restrictions()
            return self.view_restrictions_read
        restrictions = PageViewRestriction.objects.all()
        if not self.kept_view_restrictions:
            return restrictions.none()
        return restrictions.filter(pk__in=self.kept_view_restrictions)

    def serve(self, request, *args, **kwargs):
        # The same for every visitor who is not logged in: kept whole.
        return mark_for_visitors(super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Kept per page and visitor language until a page changes (fragments).
        context.update(
            kept_data(
                request,
                "page-languages",
                [self.pk, self.sets_html_lang],
                lambda: translations.language_context(
                    self, sets_html_lang=self.sets_html_lang
                ),
            )
        )
        return context

    def township_kept(self, request) -> Township | None:
        """The township whose micro-site holds the page, kept until a page or a
        township changes (hub.core.fragments)."""
        return kept_data(
            request,
            "page-township",
            [self.pk],
            lambda: selectors.township_for_page(page=self),
        )


class HubHomePage(translations.TranslationRoutingMixin, TranslatedPageMixin, Page):
    """The hub's front page: every township, what they sell and announce.

    As the Site root, it routes each request to the version of the page in the
    visitor's language, else the original (see translations.py).
    """

    intro = RichTextField(_("introduction"), blank=True)

    sets_html_lang = False
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.TownshipIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("hub home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only where the template's kept part is rendered (hub.core.fragments).
        context["townships"] = Township.objects.active()
        context["notices"] = deferred(selectors.notice_list_latest)
        context["products"] = deferred(selectors.product_list_featured)
        return context


class TownshipIndexPage(TranslatedPageMixin, Page):
    """All townships, at /townships/, filtered by name with ?q=."""

    intro = RichTextField(_("introduction"), blank=True)

    sets_html_lang = False
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HubHomePage"]
    subpage_types = ["pages.TownshipHomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("township index page")

    def get_context(self, request, *args, **kwargs):
        from .search_forms import SearchForm  # imports nothing of models

        context = super().get_context(request, *args, **kwargs)
        form = SearchForm(request.GET if "q" in request.GET else None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        context["form"] = form
        context["query"] = query
        context["township_pages"] = selectors.township_home_list_public(query=query)
        return context


class TownshipHomePage(
    translations.TranslationRoutingMixin,
    TranslatedPageMixin,
    RoutablePageMixin,
    Page,
):
    """A township's micro-site home, at /townships/<slug>/; its search at search/.

    Routes like the hub home when it is the root of the township's own Site.
    """

    # A ForeignKey, not one-to-one: each translation of the home page is a page
    # of its own (one per locale) that points at the same township.
    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.PROTECT,
        related_name="home_pages",
        verbose_name=_("township"),
    )
    intro = RichTextField(_("introduction"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    sets_html_lang = False
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("contact_phone"),
    ]
    parent_page_types = ["pages.TownshipIndexPage"]
    subpage_types = [
        "pages.NoticeIndexPage",
        "pages.ServiceGuidePage",
        "pages.ProduceStoryPage",
        "pages.StandardPage",
    ]

    class Meta:
        verbose_name = _("township home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The township the header names, kept until a township changes (a
        # preview of a draft pointing at another one reads that one).
        township = self.township_kept(request)
        if township is not None and township.pk == self.township_id:
            self.township = township
        # Read only where the template's kept part is rendered (hub.core.fragments).
        context["departments"] = self.township.departments.all()
        context["notice_index"] = deferred(selectors.notice_index_for_home, home=self)
        context["notices"] = deferred(selectors.notice_list_latest_for_home, home=self)
        context["service_guides"] = deferred(
            selectors.service_guide_list_for_home, home=self
        )
        context["stories"] = deferred(selectors.produce_story_list_for_home, home=self)
        context["products"] = deferred(
            selectors.product_list_for_township, township=self.township
        )
        context["search_url"] = self.search_url(request)
        context["figures"] = deferred(
            stats_headline_for_township, township=self.township
        )
        return context

    def search_url(self, request=None) -> str:
        return self.get_url(request=request) + self.reverse_subpage("search")

    @path("search/", name="search")
    def search(self, request):
        """Search this township's notices, guides, stories and pages (?q=)."""
        from .search_views import search_response  # views import models

        return search_response(request, home=self)


class NoticeIndexPage(TranslatedPageMixin, RoutablePageMixin, Page):
    """A township's notices, newest first, at /townships/<slug>/notices/.

    Lists live notices that have not expired, filtered by ?category=; the Atom
    feed of the same notices is at feed/.
    """

    intro = RichTextField(_("introduction"), blank=True)

    sets_html_lang = False
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.TownshipHomePage"]
    subpage_types = ["pages.NoticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("notice index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        category = request.GET.get("category", "")
        if category not in NoticeCategory.values:
            category = ""
        notices = selectors.notice_list_live(index=self, category=category)
        paginator = Paginator(notices, NOTICES_PER_PAGE)
        notices = paginator.get_page(request.GET.get("page"))
        notices.object_list = selectors.notice_list_in_language(notices.object_list)
        context["notices"] = notices
        context["category"] = category
        context["categories"] = NoticeCategory.choices
        home = selectors.township_home_for_page(page=self)
        context["township"] = home.township if home else None
        context["search_url"] = home.search_url(request) if home else ""
        context["feed_url"] = self.get_url(request=request) + self.reverse_subpage(
            "feed"
        )
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        """The Atom feed of this township's live notices."""
        from .feeds import NoticeFeed  # feeds imports models

        return NoticeFeed(index=self)(request)


class NoticePage(TranslatedPageMixin, Page):
    """A notice of a township: policy, public notice, event or emergency alert.

    Scheduling is Wagtail's own: set go_live_at to publish later and expire_at
    to take the notice down (Wagtail unpublishes it; listings also hide a notice
    whose expiry has passed but has not been processed yet).
    """

    category = models.CharField(
        _("category"),
        max_length=20,
        choices=NoticeCategory.choices,
        default=NoticeCategory.PUBLIC_NOTICE,
    )
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    # Consumed by subscriptions.notice_dispatch_for_publish, which unticks it.
    notify_again = models.BooleanField(
        _("tell subscribers again"),
        default=False,
        help_text=_(
            "Subscribers are told when a notice is first published. Tick this to "
            "tell them again when you publish this change; it unticks itself."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("attachments")),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("notify_again")]
    exclude_fields_in_copy = ["notify_again"]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["pages.NoticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("notice")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only where the template's kept part is rendered (hub.core.fragments).
        context["attachments"] = deferred(selectors.notice_attachment_list, notice=self)
        context["township"] = self.township_kept(request)
        return context

    @property
    def is_emergency(self) -> bool:
        return self.category == NoticeCategory.EMERGENCY_ALERT


class NoticeAttachment(Orderable):
    """A document attached to a notice (a form, a regulation, a map)."""

    page = ParentalKey(
        "pages.NoticePage", on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class ServiceGuidePage(TranslatedPageMixin, Page):
    """What to bring, what it costs and how long a township service takes.

    A guide linked to a service of the catalogue (townships/public_services)
    presents that service's fee, times, delivery and materials and never copies
    them. The guide's own fee, time, delivery and material fields are for
    guides not linked to a service (yet).
    """

    service = models.ForeignKey(
        "public_services.PublicService",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service in the catalogue"),
    )
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    materials = StreamField(
        [("material", CharBlock(label=_("material"), max_length=200))],
        verbose_name=_("materials to bring"),
        blank=True,
    )
    fee = models.DecimalField(
        _("fee"),
        max_digits=10,
        decimal_places=2,
        default=0,
        help_text=_("In the township's currency; 0 when free."),
    )
    legal_time_limit_days = models.PositiveSmallIntegerField(
        _("legal time limit (working days)"), null=True, blank=True
    )
    promised_time_days = models.PositiveSmallIntegerField(
        _("promised time (working days)"), null=True, blank=True
    )
    delivery_pick_up = models.BooleanField(
        _("pick up at the service hall"), default=True
    )
    delivery_courier = models.BooleanField(_("sent by courier"), default=False)
    delivery_electronic = models.BooleanField(
        _("electronic certificate"), default=False
    )
    visits_needed = models.PositiveSmallIntegerField(
        _("visits needed"),
        choices=[(0, _("None: all online")), (1, _("One visit"))],
        default=0,
        validators=[MaxValueValidator(1)],
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("service"),
        FieldPanel("summary"),
        FieldPanel("materials"),
        MultiFieldPanel(
            [
                FieldPanel("fee"),
                FieldRowPanel(
                    [
                        FieldPanel("legal_time_limit_days"),
                        FieldPanel("promised_time_days"),
                    ]
                ),
                FieldPanel("visits_needed"),
            ],
            heading=_("Fee and time"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("delivery_pick_up"),
                FieldPanel("delivery_courier"),
                FieldPanel("delivery_electronic"),
            ],
            heading=_("Delivery of the result"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["pages.TownshipHomePage"]
    subpage_types: list[str] = []
    base_form_class = ServiceGuidePageForm

    class Meta:
        verbose_name = _("service guide")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["township"] = self.township_kept(request)
        # Read only where the template's kept part is rendered (hub.core.fragments).
        context["service"] = (
            deferred(public_service_get_by_pk, pk=self.service_id)
            if self.service_id
            else None
        )
        return context

    @property
    def delivery_options(self) -> list[str]:
        """The labels of the ways the result reaches the citizen."""
        options = [
            (self.delivery_pick_up, _("Pick up at the service hall")),
            (self.delivery_courier, _("Sent by courier")),
            (self.delivery_electronic, _("Electronic certificate")),
        ]
        return [str(label) for offered, label in options if offered]


class ProduceStoryPage(TranslatedPageMixin, Page):
    """The story of a villager or cooperative and their produce, with their stall."""

    summary = models.TextField(_("summary"), max_length=500, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stall"),
        help_text=_("The seller's stall in the marketplace, if they have one."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("partner"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["pages.TownshipHomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("produce story")
        verbose_name_plural = _("produce stories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["township"] = self.township_kept(request)
        context["products"] = selectors.produce_story_products(story=self)
        return context


class StandardPage(TranslatedPageMixin, Page):
    """A plain page of a township's micro-site (about, contacts, history)."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["pages.TownshipHomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class NoticeSubscriptionQuerySet(models.QuerySet):
    def for_notice(
        self, *, township_id: int, category: str
    ) -> "NoticeSubscriptionQuerySet":
        """Subscriptions of the township that want notices of this category.

        Emergency alerts go to every subscriber of the township. ``categories``
        is a JSON list of NoticeCategory codes (empty: all); matching the quoted
        code as text works alike on SQLite and PostgreSQL, and is exact because
        the codes are validated and none contains another.
        """
        subscriptions = self.filter(township_id=township_id)
        if category == NoticeCategory.EMERGENCY_ALERT:
            return subscriptions
        return subscriptions.filter(
            models.Q(categories=[]) | models.Q(categories__icontains=f'"{category}"')
        )


class NoticeSubscription(TimeStampedModel):
    """A citizen is told of a township's notices: all, or some categories.

    The in-site inbox always gets them; e-mail and SMS are opt-in, and only
    for an account with an e-mail address / a phone confirmed by SMS code.
    """

    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="notice_subscriptions",
        verbose_name=_("user"),
    )
    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.CASCADE,
        related_name="notice_subscriptions",
        verbose_name=_("township"),
    )
    categories = models.JSONField(
        _("categories"),
        default=list,
        blank=True,
        help_text=_("Empty: every category. Emergency alerts are always sent."),
    )
    by_email = models.BooleanField(_("by e-mail"), default=False)
    by_sms = models.BooleanField(_("by SMS"), default=False)

    objects = NoticeSubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice subscription")
        verbose_name_plural = _("notice subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "township"], name="pages_notice_subscription_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.township}"

    def clean(self) -> None:
        unknown = set(self.categories or []) - set(NoticeCategory.values)
        if not isinstance(self.categories, list) or unknown:
            raise ValidationError(
                {"categories": _("Choose categories from the list.")}, code="invalid"
            )


class NoticeDispatch(models.Model):
    """One round of telling a notice's subscribers.

    Round 1 is the first publication; each publication with "tell subscribers
    again" ticked adds a round. Unique per translation group and round, so a
    notice and its translations are told once per round.
    """

    notice = models.ForeignKey(
        "pages.NoticePage",
        on_delete=models.CASCADE,
        related_name="dispatches",
        verbose_name=_("notice"),
    )
    township = models.ForeignKey(
        "townships.Township",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("township"),
    )
    translation_key = models.UUIDField(_("translation key"))
    round = models.PositiveSmallIntegerField(_("round"))
    # The notice's category when it was published: every batch of the round
    # picks the same subscribers, and an emergency alert stays urgent.
    category = models.CharField(
        _("category"), max_length=20, choices=NoticeCategory.choices
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("notice dispatch")
        verbose_name_plural = _("notice dispatches")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "round"], name="pages_notice_dispatch_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.notice_id} #{self.round}"

    @property
    def is_urgent(self) -> bool:
        return self.category == NoticeCategory.EMERGENCY_ALERT

    @property
    def dedupe_key(self) -> str:
        """The key of this round's inbox messages: one per subscriber."""
        return f"notice:{self.notice_id}:{self.round}"
