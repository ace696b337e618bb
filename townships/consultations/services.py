"""Changes to questions: ask, me too, reply, forward, answer, rate, reopen.

Each service checks its rules for the actor it is given (views check them
too), locks the row it changes, records a ConsultationEvent and tells the
people concerned through notify.py in the same transaction (messages are
stored at once; their e-mail and SMS copies leave after commit).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from PIL import Image

from hub.accounts.models import User
from hub.core.exceptions import ApplicationError
from hub.core.images import validate_photo
from townships.core.models import Department, Township
from townships.core.permissions import can_handle_for_department

from . import notify
from .constants import (
    ASK_LIMIT_PER_HOUR,
    ConsultationEventKind,
    ConsultationStatus,
)
from .masking import mask_personal_numbers
from .models import Category, Consultation, ConsultationEvent, MeToo, RoutingRule

S = ConsultationStatus
K = ConsultationEventKind


def routing_department_for(*, township: Township, category: Category) -> Department:
    """The department that takes this category in this township.

    The category's own rule wins over the township's catch-all; without either
    the item cannot be routed and is refused (nothing would ever answer it).
    """
    rules = {
        rule.category_id: rule
        for rule in RoutingRule.objects.filter(
            Q(category=category) | Q(category__isnull=True), township=township
        ).select_related("department")
    }
    rule = rules.get(category.pk) or rules.get(None)
    if rule is None:
        raise ApplicationError(
            _("%(township)s does not take questions about this yet.")
            % {"township": township.name}
        )
    return rule.department


def _event(consultation: Consultation, kind: str, **fields) -> ConsultationEvent:
    return ConsultationEvent.objects.create(
        consultation=consultation, kind=kind, at=timezone.now(), **fields
    )


def _locked(consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update()
        .select_related("township", "department", "category", "asker")
        .get(pk=consultation.pk)
    )


def _publishable(text: str, *, is_public: bool) -> str:
    """Public text goes out with phone and ID numbers masked."""
    return mask_personal_numbers(text) if is_public else text


@transaction.atomic
def consultation_ask(
    *,
    asker: User,
    township: Township,
    category: Category,
    kind: str,
    title: str,
    body: str,
    is_public: bool,
    place: str = "",
    photo=None,
) -> Consultation:
    """Record a question, routed to its department, with its promised times.

    Refused past ASK_LIMIT_PER_HOUR per account in the last hour: the asker's
    row is locked first, so two submissions at once are counted one by one.
    A photo must be a real image (hub.core.images); it stays private.
    """
    User.objects.select_for_update().filter(pk=asker.pk).get()
    since = timezone.now() - timedelta(hours=1)
    if (
        Consultation.objects.filter(asker=asker, created_at__gte=since).count()
        >= ASK_LIMIT_PER_HOUR
    ):
        raise ApplicationError(
            _(
                "You have asked %(count)d times in the last hour; please wait "
                "a little before asking again."
            )
            % {"count": ASK_LIMIT_PER_HOUR}
        )
    if not category.is_active:
        raise ApplicationError(_("This category is no longer in use."))
    if photo is not None:
        validate_photo(photo)
    department = routing_department_for(township=township, category=category)
    now = timezone.now()
    consultation = Consultation(
        kind=kind,
        category=category,
        township=township,
        department=department,
        asker=asker,
        title=_publishable(title.strip(), is_public=is_public),
        body=_publishable(body.strip(), is_public=is_public),
        place=_publishable(place.strip(), is_public=is_public),
        is_public=is_public,
        first_reply_due=now + timedelta(hours=category.first_reply_hours),
        answer_due=now + timedelta(hours=category.resolve_hours),
    )
    # A placeholder until the pk is known; the human reference is made from it.
    consultation.reference = consultation.uuid.hex[:16]
    consultation.full_clean(exclude=["photo"])
    if photo is not None:
        # The stored name is ours, its extension from the format Pillow read.
        with Image.open(photo) as image:
            extension = image.format.lower()
        photo.seek(0)
        consultation.photo.save(f"{consultation.uuid}.{extension}", photo, save=False)
    consultation.save()
    consultation.reference = f"Q{now.year}{consultation.pk:06d}"
    consultation.save(update_fields=["reference"])
    _event(consultation, K.ASKED, actor=asker, to_department=department)
    return consultation


def consultation_me_too(*, consultation: Consultation, user: User) -> bool:
    """Count the user as having the same question; False if counted before."""
    if not consultation.is_public:
        raise ApplicationError(_("Only public questions can be joined."))
    if consultation.asker_id == user.pk:
        raise ApplicationError(_("This is your own question."))
    try:
        with transaction.atomic():
            MeToo.objects.create(consultation=consultation, user=user)
    except IntegrityError:
        return False
    return True


def _check_officer(consultation: Consultation, actor: User) -> None:
    if not can_handle_for_department(actor, consultation.department):
        raise ApplicationError(
            _("Only officers of the department it is routed to handle this.")
        )
    if consultation.status != S.OPEN:
        raise ApplicationError(_("This question is already answered."))


def _text_required(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("Write the text the citizen reads."))
    return text


def _first_reply(consultation: Consultation, now) -> None:
    if consultation.first_reply_at is None:
        consultation.first_reply_at = now


@transaction.atomic
def consultation_reply(
    *, consultation: Consultation, actor: User, text: str
) -> ConsultationEvent:
    """An officer's reply on the way to the answer (counts as the first reply)."""
    consultation = _locked(consultation)
    _check_officer(consultation, actor)
    text = _text_required(text)
    _first_reply(consultation, timezone.now())
    consultation.save(update_fields=["first_reply_at", "updated_at"])
    event = _event(consultation, K.REPLIED, actor=actor, text=text)
    notify.consultation_asker_notify(event=event)
    return event


@transaction.atomic
def consultation_forward(
    *, consultation: Consultation, actor: User, department: Department, text: str
) -> ConsultationEvent:
    """Hand the item to another department of the same township.

    The citizen gets the holding reply (it counts as the first reply); the
    promised times stay, since the promise was made to the citizen.
    """
    consultation = _locked(consultation)
    _check_officer(consultation, actor)
    if department.township_id != consultation.township_id:
        raise ApplicationError(_("Choose a department of the same township."))
    if department.pk == consultation.department_id:
        raise ApplicationError(_("It is already with this department."))
    text = _text_required(text)
    from_department = consultation.department
    consultation.department = department
    _first_reply(consultation, timezone.now())
    consultation.save(update_fields=["department", "first_reply_at", "updated_at"])
    event = _event(
        consultation,
        K.FORWARDED,
        actor=actor,
        from_department=from_department,
        to_department=department,
        text=text,
    )
    notify.consultation_asker_notify(event=event)
    return event


@transaction.atomic
def consultation_answer(
    *, consultation: Consultation, actor: User, text: str
) -> Consultation:
    """The final answer; on a public item it is published with numbers masked."""
    consultation = _locked(consultation)
    _check_officer(consultation, actor)
    answer = _publishable(_text_required(text), is_public=consultation.is_public)
    now = timezone.now()
    _first_reply(consultation, now)
    consultation.answer = answer
    consultation.answered_at = now
    consultation.status = S.ANSWERED
    consultation.save()
    event = _event(consultation, K.ANSWERED, actor=actor, text=answer)
    notify.consultation_asker_notify(event=event)
    return consultation


def _check_asker(consultation: Consultation, actor: User) -> None:
    if consultation.asker_id != actor.pk:
        raise ApplicationError(_("Only the person who asked can do this."))
    if consultation.status != S.ANSWERED:
        raise ApplicationError(_("Only an answer not yet rated can be rated."))


@transaction.atomic
def consultation_rate(
    *, consultation: Consultation, actor: User, rating: int
) -> Consultation:
    """The asker rates the answer 1-5; the item is then closed."""
    consultation = _locked(consultation)
    _check_asker(consultation, actor)
    consultation.rating = rating
    consultation.rated_at = timezone.now()
    consultation.status = S.CLOSED
    try:
        consultation.full_clean(exclude=["photo"])
    except ValidationError as error:
        raise ApplicationError(_("Choose 1 to 5 stars.")) from error
    consultation.save()
    _event(consultation, K.RATED, actor=actor, text=str(rating))
    return consultation


@transaction.atomic
def consultation_reopen(
    *, consultation: Consultation, actor: User, reason: str
) -> Consultation:
    """The asker says "not resolved": open again, with a new answer deadline.

    The new deadline is the category's resolution time from now; the escalation
    mark is cleared so a late reopened item is escalated again (once).
    """
    consultation = _locked(consultation)
    _check_asker(consultation, actor)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say what is not resolved."))
    now = timezone.now()
    consultation.status = S.OPEN
    consultation.answered_at = None
    consultation.answer_due = now + timedelta(hours=consultation.category.resolve_hours)
    consultation.escalated_at = None
    consultation.reopened_count += 1
    consultation.save()
    _event(
        consultation,
        K.REOPENED,
        actor=actor,
        text=_publishable(reason, is_public=consultation.is_public),
        to_department=consultation.department,
    )
    return consultation
