"""The API's URL tree: /api/schema/, /api/docs/ and the resources at /api/v1/.

hub imports nothing of shop, so the shop's resources come by a string include.
"""

from django.urls import include, path, re_path

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import accounts, auth, couriers, notifications
from .exceptions import NotFoundView

app_name = "api"

v1_patterns = [
    path("auth/login/", auth.LoginView.as_view(), name="login"),
    path("auth/logout/", auth.LogoutView.as_view(), name="logout"),
    path("auth/logout-all/", auth.LogoutAllView.as_view(), name="logout-all"),
    path("auth/sms/", auth.SmsRequestView.as_view(), name="sms-request"),
    path("auth/sms/verify/", auth.SmsVerifyView.as_view(), name="sms-verify"),
    path("auth/signup/", auth.SignupView.as_view(), name="signup"),
    path("me/profile/", accounts.ProfileView.as_view(), name="profile"),
    path("tracking/<uuid:uuid>/", couriers.TrackingView.as_view(), name="tracking"),
    path("me/parcels/", couriers.ParcelListView.as_view(), name="parcel-list"),
    path(
        "me/parcels/<uuid:uuid>/",
        couriers.ParcelDetailView.as_view(),
        name="parcel-detail",
    ),
    path("me/inbox/", notifications.InboxView.as_view(), name="inbox"),
    path("me/inbox/unread/", notifications.UnreadView.as_view(), name="inbox-unread"),
    path(
        "me/inbox/read-all/",
        notifications.MarkAllReadView.as_view(),
        name="inbox-read-all",
    ),
    path(
        "me/inbox/<uuid:uuid>/",
        notifications.MessageView.as_view(),
        name="inbox-message",
    ),
    path(
        "me/preferences/", notifications.PreferencesView.as_view(), name="preferences"
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
        "courier/tasks/<uuid:uuid>/depart/",
        couriers.TaskDepartView.as_view(),
        name="task-depart",
    ),
    path(
        "courier/tasks/<uuid:uuid>/deliver/",
        couriers.TaskDeliverView.as_view(),
        name="task-deliver",
    ),
    path(
        "courier/tasks/<uuid:uuid>/deliver-photo/",
        couriers.TaskDeliverPhotoView.as_view(),
        name="task-deliver-photo",
    ),
    path(
        "courier/tasks/<uuid:uuid>/fail/",
        couriers.TaskFailView.as_view(),
        name="task-fail",
    ),
    path(
        "courier/tasks/<uuid:uuid>/return/",
        couriers.TaskReturnView.as_view(),
        name="task-return",
    ),
    path("", include("shop.api.urls")),
    # Questions; a string include, since hub imports nothing of townships.
    path("", include("townships.consultations.api_urls")),
    # The service catalogue and the citizen's applications (townships, by string).
    path("", include("townships.applications.api_urls")),
    # The transparency figures and notices; string includes, since hub imports
    # nothing of cms.
    path("", include("cms.transparency.api_urls")),
    path("", include("cms.pages.api_urls")),
    # Anything else under /api/v1/ is a 404 in the API's format, not HTML.
    re_path(r"^[\s\S]*$", NotFoundView.as_view()),
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(v1_patterns)),
]
