"""The in-site inbox, mounted at /me/inbox/ by hub/urls.py."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<uuid:message_uuid>/", views.message_detail, name="message"),
]
