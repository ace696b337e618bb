"""Statuses of applications, their status machine and the clock."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, waiting to be accepted")
    ACCEPTED = "accepted", _("Accepted, being handled")
    CORRECTION = "correction", _("Waiting for your correction")
    SUSPENDED = "suspended", _("Suspended")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


A = ApplicationStatus

# Where each status may go next (officers' steps and the citizen's).
TRANSITIONS: dict[str, frozenset[str]] = {
    A.DRAFT: frozenset({A.SUBMITTED, A.WITHDRAWN}),
    A.SUBMITTED: frozenset({A.ACCEPTED, A.CORRECTION, A.REJECTED, A.WITHDRAWN}),
    A.ACCEPTED: frozenset({A.CORRECTION, A.SUSPENDED, A.APPROVED, A.REJECTED}),
    A.CORRECTION: frozenset({A.SUBMITTED, A.WITHDRAWN}),
    A.SUSPENDED: frozenset({A.ACCEPTED, A.REJECTED}),
    A.APPROVED: frozenset(),
    A.REJECTED: frozenset(),
    A.WITHDRAWN: frozenset(),
}

# While in these, the legal clock does not run (it waits for the citizen, or
# for a reason the officer recorded).
CLOCK_STOPPED = (A.CORRECTION, A.SUSPENDED)
# The clock runs from submission until a decision.
CLOCK_RUNNING = (A.SUBMITTED, A.ACCEPTED)
FINAL = (A.APPROVED, A.REJECTED, A.WITHDRAWN)
# Steps that need a reason the citizen reads.
NEEDS_REASON = (A.CORRECTION, A.SUSPENDED, A.REJECTED)


class ApplicationEventKind(models.TextChoices):
    STATUS = "status", _("Status changed")
    EXTENDED = "extended", _("Time limit extended")
    FLAGGED_NEAR = "flagged_near", _("Deadline near")
    FLAGGED_OVERDUE = "flagged_overdue", _("Deadline passed")
    FEE_PAID = "fee_paid", _("Fee paid")
    RESULT = "result", _("Result issued")
    RATED = "rated", _("Rated by the applicant")
    REVIEW_CLOSED = "review_closed", _("Review of a low rating closed")


# The applicant rates a finished application 1 to 5; this or lower opens a
# review by the township head.
RATING_REVIEW_AT_MOST = 2
RATEABLE = (A.APPROVED, A.REJECTED)
