"""Kinds, statuses and limits of questions, complaints and suggestions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsultationKind(models.TextChoices):
    QUESTION = "question", _("Question")
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")


class ConsultationStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the answer")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Answered and rated")


class ConsultationEventKind(models.TextChoices):
    ASKED = "asked", _("Asked")
    FORWARDED = "forwarded", _("Forwarded to another department")
    REPLIED = "replied", _("Reply")
    ANSWERED = "answered", _("Answer")
    RATED = "rated", _("Rated")
    REOPENED = "reopened", _("Not resolved: asked again")
    ESCALATED = "escalated", _("Late: told the township head")


# The board and the asker's list show these as answered.
ANSWERED_STATUSES = (ConsultationStatus.ANSWERED, ConsultationStatus.CLOSED)
TITLE_MAX_LENGTH = 120
BODY_MAX_LENGTH = 2000
PLACE_MAX_LENGTH = 200
# Each account may ask this many times per rolling hour; more is refused, so
# one account cannot flood a department's queue.
ASK_LIMIT_PER_HOUR = 5
# What the citizen reads when an officer forwards without a text of their own.
FORWARD_HOLDING_REPLY = _(
    "Your question is forwarded to the relevant department; please wait for "
    "their answer."
)
