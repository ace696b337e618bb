"""The service hall: each township's catalogue with its guide pages, and
applications in every state on each country's working days."""

from __future__ import annotations

import functools
import random
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

from django.db.models import Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from cms.core.demo_applications import FORMS, NAME, PHONE, DemoField
from cms.core.demo_services import SERVICES, DemoService
from cms.pages.models import (
    ServiceGuidePage,
)
from hub.notifications.constants import MessageKind
from townships.applications.constants import (
    ApplicationEventKind,
    ApplicationStatus,
)
from townships.applications.form_definition import FieldKind, FormField
from townships.applications.models import Application, ApplicationEvent, ClockPause
from townships.public_services.models import PublicService, RequiredMaterial

from . import texts
from .base import (
    FEATURED_APPLICATIONS,
    Context,
    InboxItem,
    Town,
    WorkingDays,
    chunks,
    given_timestamps,
    insert,
    local_date,
    numchild_add,
    office_moment,
    padded_pk,
    page_below,
    pages_insert,
    person_name,
    random_uuid,
)

A = ApplicationStatus


# Where the Chinese townships send services the demo gives to the service hall.
CN_DEPARTMENT_OF = {"household-transfer": "civil-affairs"}
# The form of a service the demo has none for.
EXTRA_FORMS = [NAME, PHONE]


def services_generate(context: Context) -> dict[str, int]:
    """Each township's service catalogue (the demo's services, with their
    materials and forms) and a service guide page for each."""
    rng = context.random("services")
    chinese = [s for s in SERVICES if s.township != "mau-son"] + texts.CN_EXTRA_SERVICES
    vietnamese = [
        s for s in SERVICES if s.township == "mau-son"
    ] + texts.VN_EXTRA_SERVICES
    forms = {slug: fields for (_township, slug), fields in FORMS.items()}
    planned: list[tuple[Town, DemoService, PublicService]] = []
    with given_timestamps(PublicService):
        for town in context.towns:
            for demo in vietnamese if town.is_vietnamese else chinese:
                department = CN_DEPARTMENT_OF.get(demo.slug, demo.department)
                created = context.now - timedelta(days=rng.randint(380, 420))
                service = PublicService(
                    uuid=random_uuid(rng),
                    township=town.township,
                    department_id=town.departments[department],
                    **{**demo.service_values(), "is_online": True},
                    created_at=created,
                    updated_at=created,
                )
                planned.append((town, demo, service))
        insert(PublicService, [service for _t, _d, service in planned])
    materials, form_fields, guides = [], [], []
    for town, demo, service in planned:
        materials += [
            RequiredMaterial(
                service=service,
                name_zh_hans=m.name_zh_hans,
                name_vi=m.name_vi,
                name_en=m.name_en,
                is_required=m.is_required,
                sort_order=position,
            )
            for position, m in enumerate(demo.materials)
        ]
        fields = [
            demo_field.form_field(position)
            for position, demo_field in enumerate(forms.get(demo.slug, EXTRA_FORMS))
        ]
        for form_field in fields:
            form_field.service = service
        form_fields += fields
        town.services.append((service, forms.get(demo.slug, EXTRA_FORMS)))
        language = 1 if town.is_vietnamese else 0
        town.pages_added += 1
        guides.append(
            page_below(
                ServiceGuidePage,
                parent=town.home,
                position=town.pages_added,
                slug=demo.slug,
                title=demo.names[language],
                published=service.created_at + timedelta(days=2),
                owner_id=town.staff,
                service_id=service.pk,
                summary=demo.descriptions[language][:500],
                materials=[
                    ("material", (m.name_vi if language else m.name_zh_hans)[:200])
                    for m in demo.materials
                ],
                fee=service.fee,
                legal_time_limit_days=demo.legal_days,
                promised_time_days=demo.promised_days,
                visits_needed=demo.visits,
                delivery_pick_up=demo.pickup,
                delivery_courier=demo.courier,
                delivery_electronic=demo.e_certificate,
            )
        )
    insert(RequiredMaterial, materials)
    insert(FormField, form_fields)
    pages_insert(guides)
    for town in context.towns:
        numchild_add(town.home, len(town.services))
    if guides:
        context.featured_guide = Page.objects.get(pk=guides[0].pk).get_url()
    return {
        "services": len(planned),
        "materials": len(materials),
        "form questions": len(form_fields),
        "service guides": len(guides),
    }


def _id_number(rng: random.Random, born: date) -> str:
    """A Chinese resident ID number with a valid check digit (GB 11643)."""
    body = f"510182{born:%Y%m%d}{rng.randint(0, 999):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(
        int(digit) * weight for digit, weight in zip(body, weights, strict=True)
    )
    return body + "10X98765432"[total % 11]


def _answers(
    rng: random.Random,
    context: Context,
    town: Town,
    applicant: int,
    fields: list[DemoField],
) -> dict:
    """Answers to a service's form as the form would clean them."""
    answers: dict[str, str] = {}
    for question in fields:
        if (
            question.shown_if[0]
            and answers.get(question.shown_if[0]) != question.shown_if[1]
        ):
            continue
        if question.prefill == "name":
            value = context.citizen_names[applicant]
        elif question.kind == FieldKind.PHONE:
            value = context.citizen_phones[applicant]
        elif question.kind == FieldKind.CHOICE:
            value = rng.choice(question.choices.splitlines())
        elif question.kind == FieldKind.YES_NO:
            value = rng.choice(("yes", "no"))
        elif question.kind == FieldKind.NUMBER:
            value = str(rng.randint(1, 3))
        elif question.kind == FieldKind.DATE:
            value = (
                context.now.date() - timedelta(days=rng.randint(5, 50))
            ).isoformat()
        elif question.kind == FieldKind.ID_NUMBER:
            value = _id_number(
                rng,
                date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28)),
            )
        elif question.kind == FieldKind.LONG_TEXT or question.prefill == "address":
            value = f"{rng.choice(town.villages)}, {town.local_name}"
        elif question.key == "relative":
            value = person_name(rng, vietnamese=town.is_vietnamese)
        else:
            value = f"{context.citizen_names[applicant]} · {rng.choice(town.villages)}"
        answers[question.key] = value
    return answers


REASONS = {
    A.CORRECTION: (
        "请补充上传签字完整的申请表后重新提交。",
        "Vui lòng bổ sung tờ khai có đủ chữ ký rồi nộp lại.",
    ),
    A.SUSPENDED: (
        "已向相关单位发函核实，等待回复。",
        "Đã gửi công văn xác minh, đang chờ trả lời.",
    ),
    A.REJECTED: (
        "不符合申请条件，请核对后重新申请。",
        "Không đủ điều kiện, vui lòng kiểm tra lại rồi nộp lại.",
    ),
}


def _application_state(rng: random.Random, age: timedelta) -> str:
    if age < timedelta(days=3):
        choices = (
            (A.DRAFT, 10),
            (A.SUBMITTED, 45),
            (A.ACCEPTED, 30),
            (A.CORRECTION, 8),
            (A.WITHDRAWN, 2),
            (A.APPROVED, 5),
        )
    elif age < timedelta(days=45):
        choices = (
            (A.DRAFT, 4),
            (A.SUBMITTED, 3),
            (A.ACCEPTED, 25),
            (A.CORRECTION, 6),
            (A.SUSPENDED, 4),
            (A.APPROVED, 45),
            (A.REJECTED, 8),
            (A.WITHDRAWN, 5),
        )
    else:
        choices = (
            (A.DRAFT, 2),
            (A.ACCEPTED, 3),
            (A.CORRECTION, 2),
            (A.SUSPENDED, 2),
            (A.APPROVED, 73),
            (A.REJECTED, 10),
            (A.WITHDRAWN, 8),
        )
    states, weights = zip(*choices, strict=True)
    return rng.choices(states, weights)[0]


def applications_generate(context: Context) -> dict[str, int]:
    """Applications in every state, with their steps, pauses and deadlines on
    each country's working days; decided mostly on time, some late."""
    rng = context.random("applications")
    start = (context.now - timedelta(days=400)).date()
    end = (context.now + timedelta(days=180)).date()
    calendars = {
        country: WorkingDays(country=country, start=start, end=end)
        for country in {town.township.country for town in context.towns}
    }
    counts = context.split(rng, context.sizes.applications)
    figures = Counter()
    with given_timestamps(Application):
        for town_index, town in enumerate(context.towns):
            if counts[town_index]:
                _town_applications(
                    context,
                    rng,
                    town_index,
                    counts[town_index],
                    calendars[town.township.country],
                    figures,
                )
    return {"applications": context.sizes.applications} | dict(figures)


def _town_applications(
    context, rng, town_index: int, count: int, calendar: WorkingDays, figures: Counter
) -> None:
    town = context.towns[town_index]
    drafts: set[tuple[int, int]] = set()
    applications, applicants, steps, pauses = [], [], [], []
    vietnamese = int(town.is_vietnamese)
    for position in range(count):
        service, fields = rng.choice(town.services)
        featured = town_index == 0 and position < FEATURED_APPLICATIONS
        applicant = 0 if featured or not town.citizens else rng.choice(town.citizens)
        started = context.days_ago(rng, days=365, skew=1.2)
        state = _application_state(rng, context.now - started)
        if state == A.DRAFT and (applicant, service.pk) in drafts:
            state = A.WITHDRAWN
        agent = town.agent if rng.random() < 0.1 else None
        filer = agent or context.citizen_pks[applicant]
        officer = town.officers[service.department_id]
        application = Application(
            uuid=random_uuid(rng),
            service=service,
            township=town.township,
            department_id=service.department_id,
            applicant_id=context.citizen_pks[applicant],
            filed_by_id=agent,
            consent=texts.AGENT_CONSENT[vietnamese] if agent else "",
            status=state,
            answers=_answers(rng, context, town, applicant, fields),
            language=town.language,
            delivery=service.delivery_options[0],
            created_at=started - timedelta(minutes=rng.randint(5, 90)),
            updated_at=started,
        )
        events: list[tuple[str, str, datetime, int | None, str]] = []
        if state == A.DRAFT:
            drafts.add((applicant, service.pk))
            application.updated_at = application.created_at
        else:
            submitted_on = local_date(town, started)
            application.submitted_at = started
            application.deadline = calendar.add(
                submitted_on, service.legal_time_limit_days
            )
            application.promised_by = calendar.add(
                submitted_on, service.promised_time_days
            )
            events.append(
                (ApplicationEventKind.STATUS, A.SUBMITTED, started, filer, "")
            )
            state = _application_steps(
                context, rng, town, calendar, application, state, officer, filer, events
            )
            application.status = state
            if state == A.ACCEPTED and application.deadline < context.now.date():
                application.is_overdue_flagged = True
            application.updated_at = events[-1][2]
        figures[state] += 1
        applications.append(application)
        applicants.append(applicant)
        steps.append(events)
        if state in (A.CORRECTION, A.SUSPENDED):
            pauses.append(
                ClockPause(
                    application=application, started_at=events[-1][2], reason=state
                )
            )
    insert(Application, applications)
    insert(ClockPause, pauses)
    records = []
    for application, events in zip(applications, steps, strict=True):
        for kind, status, at, actor, note in events:
            records.append(
                ApplicationEvent(
                    application=application,
                    kind=kind,
                    status=status,
                    at=at,
                    actor_id=actor,
                    note=note,
                )
            )
    insert(ApplicationEvent, records)
    figures["steps"] += len(records)
    years = defaultdict(list)
    for application in applications:
        if application.submitted_at is not None:
            years[timezone.localtime(application.submitted_at).year].append(
                application.pk
            )
    prefix = town.township.slug[:3].upper()
    for year, pks in years.items():
        for chunk in chunks(pks):
            Application.objects.filter(pk__in=chunk).update(
                reference=Concat(Value(f"{prefix}-{year}-"), padded_pk())
            )
    last = {}
    for record in records:
        if record.kind == ApplicationEventKind.STATUS:
            last[record.application_id] = record
    for application, applicant in zip(applications, applicants, strict=True):
        record = last.get(application.pk)
        if record is None:
            continue
        year = timezone.localtime(application.submitted_at).year
        context.inbox.append(
            InboxItem(
                recipient=applicant,
                kind=MessageKind.APPLICATION,
                key=f"application-event:{record.pk}",
                subject=functools.partial(
                    _application_subject,
                    reference=f"{prefix}-{year}-{application.pk:06d}",
                    status=record.status,
                ),
                body=application.service.name_vi
                if town.is_vietnamese
                else application.service.name_zh_hans,
                path=reverse("applications:detail", args=[application.uuid]),
                at=record.at,
            )
        )


def _application_subject(*, reference: str, status: str) -> str:
    return _("Application %(reference)s: %(status)s") % {
        "reference": reference,
        "status": ApplicationStatus(status).label,
    }


def _application_steps(
    context, rng, town, calendar, application, state, officer, filer, events
) -> str:
    """Append the steps that took the application to ``state``; the state it
    can really be in now (a decision not due yet stays open)."""
    started = application.submitted_at
    vietnamese = int(town.is_vietnamese)
    accepted = started + timedelta(hours=rng.uniform(1, 30))
    if state == A.SUBMITTED or accepted > context.now:
        return A.SUBMITTED
    if state == A.WITHDRAWN:
        events.append(
            (
                ApplicationEventKind.STATUS,
                A.WITHDRAWN,
                accepted,
                application.applicant_id,
                "",
            )
        )
        return A.WITHDRAWN
    if state == A.CORRECTION:
        events.append(
            (
                ApplicationEventKind.STATUS,
                A.CORRECTION,
                accepted,
                officer,
                REASONS[A.CORRECTION][vietnamese],
            )
        )
        return A.CORRECTION
    if state == A.REJECTED and rng.random() < 0.5:
        events.append(
            (
                ApplicationEventKind.STATUS,
                A.REJECTED,
                accepted,
                officer,
                REASONS[A.REJECTED][vietnamese],
            )
        )
        application.decided_at = accepted
        application.decision_reason = REASONS[A.REJECTED][vietnamese]
        return A.REJECTED
    events.append((ApplicationEventKind.STATUS, A.ACCEPTED, accepted, officer, ""))
    if state == A.SUSPENDED:
        at = accepted + timedelta(hours=rng.uniform(2, 48))
        if at > context.now:
            return A.ACCEPTED
        events.append(
            (
                ApplicationEventKind.STATUS,
                A.SUSPENDED,
                at,
                officer,
                REASONS[A.SUSPENDED][vietnamese],
            )
        )
        return A.SUSPENDED
    if state == A.ACCEPTED:
        return A.ACCEPTED
    submitted_on = local_date(town, started)
    legal = application.service.legal_time_limit_days
    if rng.random() < 0.88:
        decided_on = calendar.add(submitted_on, rng.randint(1, max(legal, 1)))
    else:
        decided_on = calendar.add(application.deadline, rng.randint(1, 6))
    decided = max(office_moment(town, decided_on, rng), accepted + timedelta(hours=1))
    if decided > context.now:
        return A.ACCEPTED
    reason = REASONS[A.REJECTED][vietnamese] if state == A.REJECTED else ""
    events.append((ApplicationEventKind.STATUS, state, decided, officer, reason))
    application.decided_at = decided
    application.decision_reason = reason
    rated = decided + timedelta(hours=rng.uniform(2, 72))
    if rng.random() < 0.3 and rated < context.now:
        application.rating = rng.choices((3, 4, 5), (15, 35, 50))[0]
        application.rated_at = rated
        events.append(
            (
                ApplicationEventKind.RATED,
                state,
                rated,
                application.applicant_id,
                str(application.rating),
            )
        )
    return state
