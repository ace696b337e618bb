"""Tell people of a question's steps: the asker of each reply, forward and
answer; the township head of an item escalated as late.

Each message has a dedupe key derived from the ConsultationEvent it is
about, so a run that repeats tells nobody twice.
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

from .constants import ConsultationEventKind
from .models import ConsultationEvent

K = ConsultationEventKind


def _absolute(path: str) -> str:
    return settings.HUB_BASE_URL.rstrip("/") + path


def _language(user, fallback: str) -> str:
    profile = getattr(user, "profile", None)
    return (profile.preferred_language if profile else "") or fallback


def _asker_subject(event: ConsultationEvent) -> str:
    reference = event.consultation.reference
    if event.kind == K.ANSWERED:
        return _("Your question %(reference)s is answered") % {"reference": reference}
    if event.kind == K.FORWARDED:
        return _("Your question %(reference)s is forwarded") % {"reference": reference}
    return _("A reply to your question %(reference)s") % {"reference": reference}


def _draft(recipient, *, subject: str, body: str, url: str, language: str):
    return MessageDraft(
        recipient_id=recipient.pk,
        subject=subject,
        body=body,
        url=url,
        language=language,
        channels=tuple(channels_available(user=recipient, kind=MessageKind.QUESTION)),
    )


def consultation_asker_notify(*, event: ConsultationEvent) -> None:
    """Tell the asker of a reply, a forward (its holding reply) or the answer."""
    consultation = event.consultation
    asker = consultation.asker
    language = _language(asker, consultation.township.default_language)
    with override(language):
        subject = _asker_subject(event)
        body = f"{consultation.title}\n{event.text}"
    url = _absolute(reverse("consultations:mine_detail", args=[consultation.uuid]))
    message_bulk_create(
        kind=MessageKind.QUESTION,
        dedupe_key=f"consultation-event:{event.pk}",
        drafts=[_draft(asker, subject=subject, body=body, url=url, language=language)],
    )


def consultation_head_notify(*, event: ConsultationEvent) -> None:
    """Tell the township's heads that an item is late (an escalation event)."""
    consultation = event.consultation
    heads = (
        Membership.objects.filter(
            role=MembershipRole.HEAD, township_id=consultation.township_id
        )
        .select_related("user__profile")
        .order_by("pk")
    )
    url = _absolute(reverse("questions:detail", args=[consultation.uuid]))
    drafts = []
    for membership in heads:
        head = membership.user
        if not head.is_active:
            continue
        language = _language(head, consultation.township.default_language)
        with override(language):
            subject = _("Late: question %(reference)s") % {
                "reference": consultation.reference
            }
            body = _("%(title)s. With %(department)s; answer due %(due)s.") % {
                "title": consultation.title,
                "department": consultation.department.name,
                "due": consultation.answer_due.strftime("%Y-%m-%d %H:%M UTC"),
            }
        drafts.append(
            _draft(head, subject=subject, body=body, url=url, language=language)
        )
    message_bulk_create(
        kind=MessageKind.QUESTION,
        dedupe_key=f"consultation-escalated:{event.pk}",
        drafts=drafts,
    )
