"""Ask the township: categories, routing rules, and questions in every state."""

from __future__ import annotations

import functools
import random
from collections import Counter, defaultdict
from datetime import timedelta

from django.db.models import Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.core.demo_consultations import CATEGORIES
from hub.notifications.constants import MessageKind
from townships.consultations.constants import (
    ConsultationEventKind,
    ConsultationStatus,
)
from townships.consultations.models import (
    Category,
    Consultation,
    ConsultationEvent,
    MeToo,
    RoutingRule,
)

from . import texts
from .base import (
    FEATURED_QUESTIONS,
    Context,
    InboxItem,
    chunks,
    given_timestamps,
    insert,
    padded_pk,
    random_uuid,
)

S = ConsultationStatus


K = ConsultationEventKind


# Which department of every generated township takes each question category.
ROUTES = {
    "certificates": "service-hall",
    "service": "service-hall",
    "farming": "agriculture",
    "social-security": "social-security",
    None: "civil-affairs",
}


def questions_generate(context: Context) -> dict[str, int]:
    """Questions, complaints and suggestions routed as the rules say, answered
    on time or late, some rated, forwarded, escalated or still open."""
    rng = context.random("questions")
    categories = {}
    for slug, zh_hans, vi, en, first_reply, resolve in CATEGORIES:
        categories[slug], _created = Category.objects.update_or_create(
            slug=slug,
            defaults={
                "name_zh_hans": zh_hans,
                "name_vi": vi,
                "name_en": en,
                "first_reply_hours": first_reply,
                "resolve_hours": resolve,
                "is_active": True,
            },
        )
    rules = []
    for town in context.towns:
        for category, department in ROUTES.items():
            town.routes[category] = town.departments[department]
            rules.append(
                RoutingRule(
                    township=town.township,
                    category=categories.get(category),
                    department_id=town.departments[department],
                )
            )
    insert(RoutingRule, rules)
    counts = context.split(rng, context.sizes.questions)
    figures = Counter()
    with given_timestamps(Consultation):
        for town_index, count in enumerate(counts):
            if count:
                _town_questions(context, rng, town_index, count, categories, figures)
    return {"questions": context.sizes.questions, "routing rules": len(rules)} | dict(
        figures
    )


def _question_fate(rng: random.Random, age: timedelta, resolve: timedelta) -> str:
    if age < resolve:
        return rng.choices(("open", "on_time"), (60, 40))[0]
    return rng.choices(("on_time", "late", "overdue"), (78, 19, 3))[0]


def _town_questions(context, rng, town_index, count, categories, figures) -> None:
    town = context.towns[town_index]
    vietnamese = town.is_vietnamese
    items, askers, trails, me_toos = [], [], [], []
    for position in range(count):
        slug, kind, zh_title, zh_body, vi_title, vi_body = rng.choice(texts.QUESTIONS)
        category = categories[slug]
        featured = town_index == 0 and position < FEATURED_QUESTIONS
        asker = 0 if featured or not town.citizens else rng.choice(town.citizens)
        village = rng.choice(town.villages)
        asked = context.days_ago(rng, days=365, skew=1.2)
        resolve = timedelta(hours=category.resolve_hours)
        first_due = asked + timedelta(hours=category.first_reply_hours)
        department = town.routes.get(slug, town.routes[None])
        officer = town.officers[department]
        item = Consultation(
            uuid=random_uuid(rng),
            kind=kind,
            category=category,
            township=town.township,
            department_id=department,
            asker_id=context.citizen_pks[asker],
            title=f"{vi_title} ({village})"
            if vietnamese
            else f"{zh_title}（{village}）",
            body=vi_body if vietnamese else zh_body,
            place=village,
            is_public=rng.random() < 0.75,
            status=S.OPEN,
            first_reply_due=first_due,
            answer_due=asked + resolve,
            created_at=asked,
            updated_at=asked,
        )
        item.reference = item.uuid.hex[:16]
        trail = [(K.ASKED, asked, context.citizen_pks[asker], None, department, "")]
        fate = _question_fate(rng, context.now - asked, resolve)
        holding = texts.HOLDING_VN if vietnamese else texts.HOLDING_CN
        if fate == "on_time":
            answered = asked + resolve * rng.uniform(0.15, 0.95)
        elif fate == "late":
            answered = item.answer_due + timedelta(hours=rng.uniform(2, 96))
        else:
            answered = None
        first_reply = asked + timedelta(
            hours=category.first_reply_hours * rng.uniform(0.1, 1.3)
        )
        # A reply before the answer (or before now, while it is open); else
        # the answer is the first reply.
        if fate != "overdue" and first_reply < min(
            answered or context.now, context.now
        ):
            item.first_reply_at = first_reply
            if rng.random() < 0.15:
                target = town.departments[
                    "service-hall"
                    if department != town.departments["service-hall"]
                    else "civil-affairs"
                ]
                trail.append(
                    (K.FORWARDED, first_reply, officer, department, target, holding)
                )
                item.department_id = department = target
                officer = town.officers[target]
            else:
                trail.append((K.REPLIED, first_reply, officer, None, None, holding))
        if fate in ("late", "overdue"):
            item.escalated_at = item.answer_due + timedelta(minutes=rng.randint(1, 15))
            trail.append((K.ESCALATED, item.escalated_at, None, None, None, ""))
        if answered is not None and answered <= context.now:
            item.first_reply_at = min(item.first_reply_at or answered, answered)
            item.answered_at = answered
            item.answer = rng.choice(texts.ANSWER_VN if vietnamese else texts.ANSWER_CN)
            item.status = S.ANSWERED
            trail.append((K.ANSWERED, answered, officer, None, None, item.answer))
            rated = answered + timedelta(hours=rng.uniform(1, 48))
            if rng.random() < 0.35 and rated <= context.now:
                item.rating = rng.choices((1, 2, 3, 4, 5), (3, 5, 12, 35, 45))[0]
                item.rated_at = rated
                item.status = S.CLOSED
                trail.append(
                    (K.RATED, rated, item.asker_id, None, None, str(item.rating))
                )
            if item.is_public and town.citizens and rng.random() < 0.05:
                me_toos.append(
                    (item, rng.sample(town.citizens, min(3, len(town.citizens))))
                )
        trail.sort(key=lambda step: step[1])
        item.updated_at = trail[-1][1]
        figures[
            f"answered {fate.replace('_', ' ')}"
            if item.answered_at
            else ("open, overdue" if fate == "overdue" else "open")
        ] += 1
        items.append(item)
        askers.append(asker)
        trails.append(trail)
    insert(Consultation, items)
    years = defaultdict(list)
    for item in items:
        years[item.created_at.year].append(item.pk)
    for year, pks in years.items():
        for chunk in chunks(pks):
            Consultation.objects.filter(pk__in=chunk).update(
                reference=Concat(Value(f"Q{year}"), padded_pk())
            )
    events = [
        ConsultationEvent(
            consultation=item,
            kind=kind,
            at=at,
            actor_id=actor,
            from_department_id=source,
            to_department_id=target,
            text=text,
        )
        for item, trail in zip(items, trails, strict=True)
        for kind, at, actor, source, target, text in trail
    ]
    insert(ConsultationEvent, events)
    figures["steps"] += len(events)
    joined = [
        MeToo(consultation=item, user_id=context.citizen_pks[citizen])
        for item, citizens in me_toos
        for citizen in citizens
        if context.citizen_pks[citizen] != item.asker_id
    ]
    insert(MeToo, joined)
    figures["me too"] += len(joined)
    answers = {
        event.consultation_id: event for event in events if event.kind == K.ANSWERED
    }
    for item, asker in zip(items, askers, strict=True):
        event = answers.get(item.pk)
        if event is not None:
            context.inbox.append(
                InboxItem(
                    recipient=asker,
                    kind=MessageKind.QUESTION,
                    key=f"consultation-event:{event.pk}",
                    subject=functools.partial(
                        _question_subject,
                        reference=f"Q{item.created_at.year}{item.pk:06d}",
                    ),
                    body=item.answer,
                    path=reverse("consultations:mine_detail", args=[item.uuid]),
                    at=event.at,
                )
            )


def _question_subject(*, reference: str) -> str:
    return _("Your question %(reference)s is answered") % {"reference": reference}
