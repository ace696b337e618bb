"""Reads of questions: the public board, similar items, the asker's own, and
the officer's queue within their departments."""

import re
from dataclasses import dataclass
from uuid import UUID

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from hub.accounts.models import User
from townships.core.constants import MembershipRole
from townships.core.models import Department, Membership

from .constants import ConsultationStatus
from .models import Consultation, ConsultationEvent, MeToo

SIMILAR_LIMIT = 5
_WORDS = re.compile(r"\w+")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _on_time() -> ExpressionWrapper:
    return ExpressionWrapper(
        Q(answered_at__lte=F("answer_due")), output_field=BooleanField()
    )


def _me_too_total() -> Coalesce:
    """The item's "me too" count, per row: a page of the board counts for its
    own rows only, where a join and GROUP BY would count the whole board before
    sorting it."""
    counts = (
        MeToo.objects.filter(consultation=OuterRef("pk"))
        .order_by()
        .values("consultation")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counts), 0)


def consultation_board(
    *, township_slug: str = "", category_slug: str = "", query: str = ""
) -> QuerySet[Consultation]:
    """Answered public items, newest answer first, with `is_answered_on_time`
    and `me_too_total`; narrowed by township, category and words. One query,
    read newest first along the board's own index."""
    items = Consultation.objects.public_answered()
    if township_slug:
        items = items.filter(township__slug=township_slug)
    if category_slug:
        items = items.filter(category__slug=category_slug)
    for word in query.split()[:5]:
        items = items.filter(
            Q(title__icontains=word)
            | Q(body__icontains=word)
            | Q(answer__icontains=word)
        )
    return (
        items.select_related("township", "category", "department")
        .annotate(is_answered_on_time=_on_time(), me_too_total=_me_too_total())
        .order_by("-answered_at", "-pk")
    )


def consultation_get_public(*, uuid: UUID) -> Consultation:
    """One answered public item; anything else is a 404."""
    try:
        return (
            consultation_board()
            .select_related("township", "category", "department")
            .get(uuid=uuid)
        )
    except Consultation.DoesNotExist as error:
        raise Http404 from error


def consultation_get_joinable(*, uuid: UUID) -> Consultation:
    """A public item anyone may say "me too" to, answered or not; else 404."""
    try:
        return Consultation.objects.get(uuid=uuid, is_public=True)
    except Consultation.DoesNotExist as error:
        raise Http404 from error


def _search_terms(text: str) -> list[str]:
    """Words of the text; Chinese runs split in pairs of characters, since
    Chinese is written without spaces."""
    terms = []
    for word in _WORDS.findall(text):
        if _CJK.search(word) and len(word) > 2:
            terms += [word[i : i + 2] for i in range(len(word) - 1)]
        elif len(word) >= 3 or _CJK.search(word):
            terms.append(word)
    return list(dict.fromkeys(terms))[:12]


def consultation_similar(
    *, title: str, township_id: int | None = None, category_id: int | None = None
) -> list[Consultation]:
    """Public items whose title shares words with this one, most matches first."""
    terms = _search_terms(title)
    if not terms:
        return []
    matches = sum(
        (Case(When(title__icontains=term, then=Value(1)), default=Value(0)))
        for term in terms
    )
    items = Consultation.objects.filter(is_public=True)
    if township_id:
        items = items.filter(township_id=township_id)
    if category_id:
        items = items.filter(category_id=category_id)
    return list(
        items.annotate(matches=matches, me_too_total=Count("me_toos"))
        .filter(matches__gt=0)
        .select_related("township")
        .order_by("-matches", "-me_too_total", "-pk")[:SIMILAR_LIMIT]
    )


def consultation_list_for_asker(*, asker: User) -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(asker=asker)
        .select_related("township", "category", "department")
        .order_by("-created_at", "-pk")
    )


def consultation_get_for_asker(*, asker: User, uuid: UUID) -> Consultation:
    """The asker's own item; another citizen's is a 404 like a missing one."""
    try:
        return consultation_list_for_asker(asker=asker).get(uuid=uuid)
    except Consultation.DoesNotExist as error:
        raise Http404 from error


def consultation_trail(*, consultation: Consultation) -> QuerySet[ConsultationEvent]:
    return consultation.events.select_related(
        "from_department", "to_department", "actor__profile"
    )


@dataclass(frozen=True)
class QuestionScope:
    """The departments a user handles questions for, and townships they head."""

    department_ids: frozenset[int]
    head_township_ids: frozenset[int]

    def __bool__(self) -> bool:
        return bool(self.department_ids or self.head_township_ids)


def question_scope(*, user: User) -> QuestionScope:
    """The user's officer and head memberships, in one query."""
    if not (user.is_authenticated and user.is_active):
        return QuestionScope(frozenset(), frozenset())
    departments, heads = set(), set()
    for membership in Membership.objects.filter(
        Q(role=MembershipRole.OFFICER, department__isnull=False)
        | Q(role=MembershipRole.HEAD),
        user=user,
    ):
        if membership.role == MembershipRole.OFFICER:
            departments.add(membership.department_id)
        else:
            heads.add(membership.township_id)
    return QuestionScope(frozenset(departments), frozenset(heads))


def consultation_queue(*, scope: QuestionScope) -> QuerySet[Consultation]:
    """Open items of the scope's departments: overdue first, then by deadline.

    Each row carries `is_overdue` (past its answer deadline, or past its first
    reply deadline with no reply yet). One query.
    """
    now = timezone.now()
    overdue = Case(
        When(
            Q(answer_due__lt=now)
            | Q(first_reply_at__isnull=True, first_reply_due__lt=now),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )
    return (
        Consultation.objects.filter(
            status=ConsultationStatus.OPEN, department_id__in=scope.department_ids
        )
        .select_related("township", "category", "department")
        .annotate(is_overdue=overdue)
        .order_by(F("is_overdue").desc(), "answer_due", "pk")
    )


def consultation_get_for_officer(
    *, scope: QuestionScope, uuid: UUID
) -> tuple[Consultation, bool]:
    """An item in reach and whether the user may act on it.

    Officers reach (and act on) items with their departments; heads read their
    township's. Anything else is a 404, as if it did not exist.
    """
    consultation = (
        Consultation.objects.filter(
            Q(department_id__in=scope.department_ids)
            | Q(township_id__in=scope.head_township_ids),
            uuid=uuid,
        )
        .select_related("township", "category", "department", "asker__profile")
        .first()
    )
    if consultation is None:
        raise Http404
    return consultation, consultation.department_id in scope.department_ids


def forward_targets(*, consultation: Consultation) -> QuerySet[Department]:
    """Other departments of the item's township."""
    return Department.objects.filter(township_id=consultation.township_id).exclude(
        pk=consultation.department_id
    )
