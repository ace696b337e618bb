"""A small known data set for the transparency figures, dated with time-machine.

Everything happens in June 2026 in China (no public holiday before the 19th),
and the figures are read on Monday 15 June 2026 at noon, Asia/Shanghai.
Xiaoyudong's civil-affairs office has enough cases to be ranked; its
agriculture office and Hongkou township have one case each; Longmenshan has
three quick ones, and a civil-affairs office of its own, to catch any mixing.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from hub.accounts.models import User
from shop.catalogue.services import product_create
from shop.order.constants import ORDER_CANCELLED
from shop.order.models import Order
from shop.partner.constants import StallStatus
from tests.factories.accounts import UserFactory
from tests.factories.orders import cash_orders_place
from tests.factories.public_services import PublicServiceFactory
from tests.factories.shop import StallFactory, listing_data
from tests.factories.townships import DepartmentFactory, TownshipFactory
from townships.applications.constants import ApplicationStatus
from townships.applications.models import Application
from townships.consultations.models import Category, Consultation
from townships.core.models import Department, Township

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=SHANGHAI)


def at(day: int, hour: int = 10, month: int = 6, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=SHANGHAI)


@dataclass
class KnownData:
    xiaoyudong: Township
    civil_affairs: Department
    agriculture: Department
    longmenshan: Township
    longmenshan_civil_affairs: Department
    hongkou: Township
    agent: User


def application(
    department: Department,
    *,
    submitted: datetime,
    decided: datetime | None = None,
    deadline: date | None = None,
    filed_by: User | None = None,
    applicant: User | None = None,
    status: str | None = None,
) -> Application:
    """An application as the services leave it (dates set, not walked through)."""
    applicant = applicant or UserFactory()
    service = PublicServiceFactory(township=department.township, department=department)
    if status is None:
        status = ApplicationStatus.APPROVED if decided else ApplicationStatus.ACCEPTED
    return Application.objects.create(
        service=service,
        township=department.township,
        department=department,
        applicant=applicant,
        filed_by=filed_by,
        status=status,
        submitted_at=submitted,
        decided_at=decided,
        deadline=deadline or (submitted + timedelta(days=4)).date(),
    )


_references = iter(range(1, 1_000_000))


def question(
    department: Department,
    *,
    asked: datetime,
    first_reply_hours: int | None = None,
    answered: datetime | None = None,
    answer_due: datetime | None = None,
    rating: int | None = None,
) -> Consultation:
    """A question as the services leave it; created_at set to when it was asked."""
    category, _created = Category.objects.get_or_create(
        slug="roads",
        defaults={
            "name_zh_hans": "道路",
            "name_en": "Roads",
            "first_reply_hours": 4,
            "resolve_hours": 24,
        },
    )
    item = Consultation.objects.create(
        reference=f"Q2026{next(_references):06d}",
        category=category,
        township=department.township,
        department=department,
        asker=UserFactory(),
        title="Pothole",
        body="On the road to the school.",
        first_reply_due=asked + timedelta(hours=4),
        answer_due=answer_due or asked + timedelta(hours=24),
        first_reply_at=(
            asked + timedelta(hours=first_reply_hours)
            if first_reply_hours is not None
            else None
        ),
        answered_at=answered,
        answer="Fixed." if answered else "",
        status="answered" if answered else "open",
        rating=rating,
    )
    Consultation.objects.filter(pk=item.pk).update(created_at=asked)
    return item


def sell(product, *, when: datetime, count: int = 1) -> None:
    with time_machine.travel(when, tick=False):
        cash_orders_place(user=UserFactory(), product=product, count=count)


def known_data() -> KnownData:
    xiaoyudong = TownshipFactory(slug="xiaoyudong", name_en="Xiaoyudong")
    civil_affairs = DepartmentFactory(
        township=xiaoyudong, slug="civil-affairs", name_en="Civil affairs"
    )
    agriculture = DepartmentFactory(
        township=xiaoyudong, slug="agriculture", name_en="Agriculture"
    )
    longmenshan = TownshipFactory(slug="longmenshan", name_en="Longmenshan")
    longmenshan_civil_affairs = DepartmentFactory(
        township=longmenshan, slug="civil-affairs", name_en="Civil affairs"
    )
    hongkou = TownshipFactory(slug="hongkou", name_en="Hongkou")
    hongkou_office = DepartmentFactory(township=hongkou, slug="office")
    agent = UserFactory()

    # Civil affairs, Xiaoyudong: 3 decided in 2, 5 and 3 working days (the
    # second late), 2 open; 3 filed online (one by an applicant who is also
    # filed_by), 2 at the counter by an agent.
    application(
        civil_affairs, submitted=at(1), decided=at(3, 15), deadline=date(2026, 6, 5)
    )
    application(
        civil_affairs, submitted=at(1), decided=at(8, 9), deadline=date(2026, 6, 5)
    )
    application(
        civil_affairs,
        submitted=at(1),
        decided=at(4, 16),
        deadline=date(2026, 6, 5),
        filed_by=agent,
    )
    application(civil_affairs, submitted=at(2), filed_by=agent)
    myself = UserFactory()
    application(civil_affairs, submitted=at(2), applicant=myself, filed_by=myself)
    # Neither a draft nor anything before the period (July 2025 on) counts.
    application(
        civil_affairs, submitted=at(2), status=ApplicationStatus.DRAFT, decided=None
    )
    application(
        civil_affairs,
        submitted=at(3, month=5, year=2025),
        decided=at(30, month=5, year=2025),
        deadline=date(2025, 5, 10),
    )
    # Agriculture, Xiaoyudong: one quick case.
    application(
        agriculture, submitted=at(1), decided=at(2, 11), deadline=date(2026, 6, 5)
    )
    # Longmenshan: 3 quick cases, all on time; Hongkou: one.
    for day in (1, 2, 3):
        application(
            longmenshan_civil_affairs,
            submitted=at(day),
            decided=at(day + 1, 11),
            deadline=date(2026, 6, 12),
        )
    application(
        hongkou_office, submitted=at(1), decided=at(2, 11), deadline=date(2026, 6, 12)
    )

    # Questions, civil affairs: first replies after 2, 4 and 1 hours; 2 of 3
    # answered on time; rated 5, 2 and 4; one still open.
    question(
        civil_affairs, asked=at(1, 9), first_reply_hours=2, answered=at(1, 15), rating=5
    )
    question(
        civil_affairs, asked=at(1, 9), first_reply_hours=4, answered=at(3, 9), rating=2
    )
    question(
        civil_affairs, asked=at(1, 9), first_reply_hours=1, answered=at(1, 12), rating=4
    )
    question(civil_affairs, asked=at(2, 9))
    question(
        agriculture, asked=at(1, 9), first_reply_hours=1, answered=at(1, 10), rating=5
    )
    for _ in range(3):
        question(
            longmenshan_civil_affairs,
            asked=at(1, 9),
            first_reply_hours=1,
            answered=at(1, 11),
            rating=1,
        )

    # Marketplace, Xiaoyudong: eggs in stock, sold twice in May and once in
    # June (plus a cancelled order); honey sold out after one sale in June; a
    # verified stall with nothing and a pending one are not active.
    with time_machine.travel(at(1, month=5), tick=False):
        eggs_seller, honey_seller = UserFactory(), UserFactory()
        eggs = product_create(
            actor=eggs_seller,
            stall=StallFactory(township=xiaoyudong, owners=[eggs_seller]),
            data=listing_data(),
        )
        honey = product_create(
            actor=honey_seller,
            stall=StallFactory(township=xiaoyudong, owners=[honey_seller]),
            data=listing_data(title="Honey", price=Decimal("10.00"), quantity=1),
        )
        StallFactory(township=xiaoyudong)
        StallFactory(township=xiaoyudong, status=StallStatus.PENDING)
        lm_seller = UserFactory()
        bacon = product_create(
            actor=lm_seller,
            stall=StallFactory(township=longmenshan, owners=[lm_seller]),
            data=listing_data(title="Bacon", price=Decimal("50.00")),
        )
    sell(eggs, when=at(10, month=5), count=2)
    sell(eggs, when=at(11, month=5))
    Order.objects.filter(date_placed=at(11, month=5)).update(status=ORDER_CANCELLED)
    sell(eggs, when=at(5))
    sell(honey, when=at(6))
    sell(bacon, when=at(6))
    return KnownData(
        xiaoyudong=xiaoyudong,
        civil_affairs=civil_affairs,
        agriculture=agriculture,
        longmenshan=longmenshan,
        longmenshan_civil_affairs=longmenshan_civil_affairs,
        hongkou=hongkou,
        agent=agent,
    )


def more_of_the_same(data: KnownData) -> None:
    """Double the cases of every unit, for the query-count comparison."""
    for department in (data.civil_affairs, data.agriculture):
        application(
            department, submitted=at(2), decided=at(4, 9), deadline=date(2026, 6, 9)
        )
        application(department, submitted=at(3), filed_by=data.agent)
        question(department, asked=at(2, 9), first_reply_hours=3, answered=at(2, 18))
        question(department, asked=at(3, 9), first_reply_hours=2, rating=3)
