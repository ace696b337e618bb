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
    # Our confined versions of a few Wagtail admin views come first; a string
    # include, since hub imports nothing of cms.
    path("cms/", include("cms.core.admin_urls")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    # The seller's stall; a string include, since hub imports nothing of shop.
    path("stall/", include("shop.partner.stall_urls")),
    # Search of every township's pages (Oscar's own search stays at /shop/search/).
    path("search/", include("cms.pages.search_urls")),
    path("me/inbox/", include("hub.notifications.urls")),
    # Notice subscriptions; a string include, since hub imports nothing of cms.
    path("notices/", include("cms.pages.subscription_urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the page tree: hub home at /, townships at /townships/<slug>/.
# It must stay the last pattern.
urlpatterns += [path("", include(wagtail_urls))]
