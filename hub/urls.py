"""URL tree: our apps, Oscar at /shop/, Wagtail admin at /cms/, Wagtail pages last."""

from django.apps import apps
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hub.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("hub.accounts.urls")),
    path("payments/", include("hub.payments.urls")),
    path("django-admin/", admin.site.urls),
    # The REST API: /api/v1/, its schema and docs; shop's part by string include.
    path("api/", include("hub.api.urls")),
    # Our confined versions of a few Wagtail admin views come first; a string
    # include, since hub imports nothing of cms.
    path("cms/", include("cms.core.admin_urls")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    # The seller's stall; a string include, since hub imports nothing of shop.
    path("stall/", include("shop.partner.stall_urls")),
    path("orders/", include("shop.order.urls")),
    # Search of every township's pages (Oscar's own search stays at /shop/search/).
    path("search/", include("cms.pages.search_urls")),
    # The inbox at /me/ (old /me/inbox/ kept) and /me/preferences/.
    path("me/", include("hub.notifications.urls")),
    # /courier/, /dispatch/, /me/parcels/, /track/<uuid>/
    path("", include("hub.couriers.urls")),
    # Notice subscriptions; a string include, since hub imports nothing of cms.
    path("notices/", include("cms.pages.subscription_urls")),
    # The service catalogue; a string include, since hub imports nothing of townships.
    path("services/", include("townships.public_services.urls")),
    # Applying (/services/<t>/<s>/apply/, /apply/<uuid>/…) and /me/applications/;
    # a string include, since hub imports nothing of townships.
    path("", include("townships.applications.urls")),
    # Questions: the board and asking at /ask/, /me/questions/; the officers'
    # questions at /hall/questions/ (before the hall's own patterns). String
    # includes, since hub imports nothing of townships.
    path("", include("townships.consultations.urls")),
    path("hall/questions/", include("townships.consultations.officer_urls")),
    # The officers' workspace of the service hall; a string include, likewise.
    path("hall/", include("townships.applications.officer_urls")),
    # /verify/<code>/ (public) and /me/applications/<uuid>/certificate.pdf.
    path("", include("townships.applications.verify_urls")),
    # Transparency figures; a string include, since hub imports nothing of cms.
    path("stats/", include("cms.transparency.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the page tree: hub home at /, townships at /townships/<slug>/,
# through its view with kept routes (cms.pages.serving); Wagtail's own URLs
# then add its password and login views. They must stay the last patterns.
urlpatterns += [
    path("", include("cms.pages.serve_urls")),
    path("", include(wagtail_urls)),
]
