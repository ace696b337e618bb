"""The inbox at /me/ (mounted by hub/urls.py) and the choice of channels.

/me/inbox/ was the inbox before: it sends to /me/, and messages keep their
/me/inbox/<uuid>/ addresses, which e-mails already sent link to.
"""

from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path(
        "inbox/",
        RedirectView.as_view(
            pattern_name="notifications:inbox", permanent=True, query_string=True
        ),
        name="inbox_moved",
    ),
    path("inbox/<uuid:message_uuid>/", views.message_detail, name="message"),
    path("inbox/read-all/", views.mark_all_read, name="read_all"),
    path("preferences/", views.preferences, name="preferences"),
]
