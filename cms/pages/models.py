"""The page tree: hub home at /, the index at /townships/, a home per township."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from townships.core.models import Township


class HubHomePage(Page):
    """The hub's front page: every township, what they sell and announce."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.TownshipIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("hub home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["townships"] = Township.objects.active()
        return context


class TownshipIndexPage(Page):
    """All townships, at /townships/."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HubHomePage"]
    subpage_types = ["pages.TownshipHomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("township index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["township_pages"] = (
            TownshipHomePage.objects.child_of(self)
            .live()
            .public()
            .select_related("township")
            .order_by("title")
        )
        return context


class TownshipHomePage(Page):
    """A township's micro-site home, at /townships/<slug>/."""

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

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("contact_phone"),
    ]
    parent_page_types = ["pages.TownshipIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("township home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["departments"] = self.township.departments.all()
        return context
