"""The API's URL tree: /api/schema/, /api/docs/ and the resources at /api/v1/.

hub imports nothing of shop, so the shop's resources come by a string include.
"""

from django.urls import include, path, re_path

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import auth, couriers
from .exceptions import NotFoundView

app_name = "api"

v1_patterns = [
    path("auth/login/", auth.LoginView.as_view(), name="login"),
    path("auth/logout/", auth.LogoutView.as_view(), name="logout"),
    path("auth/logout-all/", auth.LogoutAllView.as_view(), name="logout-all"),
    path("tracking/<uuid:uuid>/", couriers.TrackingView.as_view(), name="tracking"),
    path("me/parcels/", couriers.ParcelListView.as_view(), name="parcel-list"),
    path(
        "me/parcels/<uuid:uuid>/",
        couriers.ParcelDetailView.as_view(),
        name="parcel-detail",
    ),
    path("courier/tasks/", couriers.TaskListView.as_view(), name="task-list"),
    path(
        "courier/tasks/<uuid:uuid>/",
        couriers.TaskDetailView.as_view(),
        name="task-detail",
    ),
    path(
        "courier/tasks/<uuid:uuid>/pickup/",
        couriers.TaskPickupView.as_view(),
        name="task-pickup",
    ),
    path(
        "courier/tasks/<uuid:uuid>/deliver/",
        couriers.TaskDeliverView.as_view(),
        name="task-deliver",
    ),
    path("", include("shop.api.urls")),
    # Anything else under /api/v1/ is a 404 in the API's format, not HTML.
    re_path(r"^[\s\S]*$", NotFoundView.as_view()),
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(v1_patterns)),
]
