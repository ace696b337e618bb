"""/search/: search every township's pages (mounted in hub/urls.py).

Its own module: cms/pages/urls.py is the notice subscriptions' (/notices/).
"""

from django.urls import path

from . import search_views

urlpatterns = [path("", search_views.site_search, name="site_search")]
