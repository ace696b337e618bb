"""Tell people of an application's steps: the citizen of each status change,
the officers and the township head of a deadline near or past.

Each message has a dedupe key derived from the ApplicationEvent it is about,
so a task that runs twice (late acks) tells nobody twice.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from hub.notifications.constants import MessageKind
from hub.notifications.selectors import channels_available
from hub.notifications.services import MessageDraft, message_bulk_create
from townships.core.constants import MembershipRole
from townships.core.models import Membership

from .constants import ApplicationEventKind, ApplicationStatus
from .models import Application, ApplicationEvent

# The citizen hears of these; the flags are for the staff only.
CITIZEN_TOLD = (
    ApplicationEventKind.STATUS,
    ApplicationEventKind.EXTENDED,
    ApplicationEventKind.RESULT,
    ApplicationEventKind.REVIEW_CLOSED,
)


def _absolute(path: str) -> str:
    return settings.HUB_BASE_URL.rstrip("/") + path


def _citizen_url(application: Application) -> str:
    """The applicant's own page of the application."""
    return _absolute(reverse("applications:detail", args=[application.uuid]))


def _language(user, fallback: str) -> str:
    profile = getattr(user, "profile", None)
    return (profile.preferred_language if profile else "") or fallback


def _citizen_text(event: ApplicationEvent) -> tuple[str, str]:
    application = event.application
    if event.kind == ApplicationEventKind.RESULT:
        subject = _("Application %(reference)s: your result") % {
            "reference": application.reference
        }
    elif event.kind == ApplicationEventKind.REVIEW_CLOSED:
        subject = _("Application %(reference)s: the head reviewed your rating") % {
            "reference": application.reference
        }
    else:
        subject = _("Application %(reference)s: %(status)s") % {
            "reference": application.reference,
            "status": ApplicationStatus(event.status).label,
        }
    lines = [application.service.name]
    if event.kind == ApplicationEventKind.EXTENDED:
        lines.append(
            _("The time limit is extended; decision due by %(date)s.")
            % {"date": application.deadline}
        )
    if event.note:
        lines.append(event.note)
    return subject, "\n".join(lines)


def application_event_notify(*, event: ApplicationEvent) -> None:
    """Tell the applicant (and the agent who filed it) of one step, once each.

    Flags of the deadline are for the staff and tell the citizen nothing.
    """
    if event.kind not in CITIZEN_TOLD:
        return
    application = event.application
    recipients = [application.applicant]
    if application.filed_by_id and application.filed_by_id != application.applicant_id:
        recipients.append(application.filed_by)
    url = _citizen_url(application)
    drafts = []
    for recipient in recipients:
        language = _language(recipient, application.language)
        with override(language):
            subject, body = _citizen_text(event)
        drafts.append(
            MessageDraft(
                recipient_id=recipient.pk,
                subject=subject,
                body=body,
                url=url,
                language=language,
                channels=tuple(
                    channels_available(user=recipient, kind=MessageKind.APPLICATION)
                ),
            )
        )
    message_bulk_create(
        kind=MessageKind.APPLICATION,
        dedupe_key=f"application-event:{event.pk}",
        drafts=drafts,
    )


def _staff_subject(event: ApplicationEvent) -> str:
    if event.kind == ApplicationEventKind.FLAGGED_OVERDUE:
        subject = _("Overdue: application %(reference)s")
    elif event.kind == ApplicationEventKind.RATED:
        subject = _("Low rating to review: application %(reference)s")
    else:
        subject = _("Deadline near: application %(reference)s")
    return subject % {"reference": event.application.reference}


def _staff_body(event: ApplicationEvent) -> str:
    application = event.application
    if event.kind == ApplicationEventKind.RATED:
        return _("%(service)s. The applicant rated it %(note)s") % {
            "service": application.service.name,
            "note": event.note,
        }
    return _("%(service)s. Decision due by %(date)s.") % {
        "service": application.service.name,
        "date": application.deadline,
    }


def application_staff_notify(*, event: ApplicationEvent) -> None:
    """Tell staff of a flag (the department's officers and the township's heads)
    or of a low rating (the heads), once each.

    Called in the transaction that recorded the event; message_bulk_create
    sends the e-mail and SMS copies after commit.
    """
    application = event.application
    people = Membership.objects.filter(
        role=MembershipRole.HEAD, township_id=application.township_id
    )
    if event.kind != ApplicationEventKind.RATED:
        people = people | Membership.objects.filter(
            role=MembershipRole.OFFICER, department_id=application.department_id
        )
    recipients = {
        membership.user_id: membership.user
        for membership in people.select_related("user").prefetch_related(
            "user__channel_preferences"
        )
        if membership.user.is_active
    }
    url = _absolute(reverse("hall:detail", args=[application.uuid]))
    drafts = []
    for recipient in recipients.values():
        language = _language(recipient, application.township.default_language)
        with override(language):
            subject, body = _staff_subject(event), _staff_body(event)
        drafts.append(
            MessageDraft(
                recipient_id=recipient.pk,
                subject=subject,
                body=body,
                url=url,
                language=language,
                channels=tuple(
                    channels_available(user=recipient, kind=MessageKind.APPLICATION)
                ),
            )
        )
    message_bulk_create(
        kind=MessageKind.APPLICATION,
        dedupe_key=f"application-staff:{event.pk}",
        drafts=drafts,
    )
