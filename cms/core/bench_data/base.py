"""What every area of the generator shares: sizes, the run's context, bulk
inserts that keep the given dates, working days, and pages inserted below a
township home with their tree paths computed here."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as day_time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, LPad
from django.utils import timezone

from modelcluster.models import get_all_child_relations
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backends

from cms.pages.models import (
    NoticeIndexPage,
    TownshipHomePage,
)
from townships.core.constants import Country
from townships.core.models import Township
from townships.core.workdays import working_days_to_each
from townships.public_services.models import PublicService

from . import texts

BENCH_PASSWORD = "bench-township-2026"
BENCH_EMAIL_DOMAIN = "bench.example.org"
BATCH = 2000
# Generated order numbers start here, far above Oscar's (basket pk + 100000).
ORDER_NUMBER_START = 90_000_000
# What the featured citizen (the benchmark's login for /me/) has at least.
FEATURED_ORDERS, FEATURED_APPLICATIONS, FEATURED_QUESTIONS = 12, 6, 6
VN_SHARE = 0.15  # of townships in Vietnam
VND_PER_CNY = 3500


@dataclass(frozen=True)
class Sizes:
    """How many of each the data set has."""

    townships: int
    stalls: int
    products: int
    orders: int
    applications: int
    questions: int
    notices: int
    citizens: int

    def scaled(self, factor: float) -> Sizes:
        """These sizes times ``factor``; at least one of each, two townships (one
        in each country)."""
        return Sizes(
            **{
                name: max(2 if name == "townships" else 1, round(value * factor))
                for name, value in asdict(self).items()
            }
        )


COUNTY = Sizes(
    townships=200,
    stalls=5_000,
    products=50_000,
    orders=200_000,
    applications=100_000,
    questions=100_000,
    notices=20_000,
    citizens=500_000,
)


SCALES = {"county": COUNTY, "small": COUNTY.scaled(1 / 50)}


@dataclass
class Town:
    """A generated township and what the later areas need of it."""

    township: Township
    home: TownshipHomePage
    weight: float
    language: str
    villages: list[str]
    departments: dict[str, int] = field(default_factory=dict)  # slug -> pk
    staff: int = 0
    head: int = 0
    agent: int = 0
    officers: dict[int, int] = field(default_factory=dict)  # department -> user
    citizens: list[int] = field(default_factory=list)  # indices of Context
    stalls: list[int] = field(default_factory=list)  # indices of Context
    # (service, its form's questions as the demo describes them)
    services: list[tuple[PublicService, list]] = field(default_factory=list)
    routes: dict[str | None, int] = field(default_factory=dict)  # category -> dept
    pages_added: int = 0
    notice_index: NoticeIndexPage | None = None

    @property
    def is_vietnamese(self) -> bool:
        return self.township.country == Country.VIETNAM

    @property
    def local_name(self) -> str:
        """The township's name in its own language."""
        township = self.township
        return township.name_vi if self.is_vietnamese else township.name_zh_hans

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.township.timezone)


@dataclass
class Stall:
    pk: int
    town: int
    name: str
    specialty: str
    owner: int  # citizen index
    products: list[int] = field(default_factory=list)  # indices of Context


@dataclass(frozen=True)
class ProductPlan:
    pk: int
    stall: int
    title: str
    price: Decimal
    stockrecord: int
    sku: str


@dataclass(frozen=True)
class InboxItem:
    """A message a citizen got: written in the inbox area, in their language."""

    recipient: int
    kind: str
    key: str
    subject: Callable[[], str]  # called in the recipient's language
    body: str
    path: str
    at: datetime


@dataclass
class Context:
    sizes: Sizes
    seed: int
    now: datetime = field(
        default_factory=lambda: timezone.now().replace(second=0, microsecond=0)
    )
    password: str = field(default_factory=lambda: make_password(BENCH_PASSWORD))
    towns: list[Town] = field(default_factory=list)
    citizen_pks: list[int] = field(default_factory=list)
    citizen_town: list[int] = field(default_factory=list)
    citizen_names: list[str] = field(default_factory=list)
    citizen_phones: list[str] = field(default_factory=list)
    citizen_languages: list[str] = field(default_factory=list)
    stalls: list[Stall] = field(default_factory=list)
    products: list[ProductPlan] = field(default_factory=list)
    inbox: list[InboxItem] = field(default_factory=list)
    featured_notice: str = ""
    featured_guide: str = ""

    def random(self, area: str) -> random.Random:
        return random.Random(f"{self.seed}:{area}")

    def days_ago(self, rng: random.Random, *, days: float = 365, skew=1.3):
        """A moment in the last ``days``, more often recent (the hub grows)."""
        return self.now - timedelta(seconds=int(days * 86400 * rng.random() ** skew))

    def split(self, rng: random.Random, total: int) -> list[int]:
        """``total`` spread over the townships by their weights."""
        counts = Counter(
            rng.choices(range(len(self.towns)), [t.weight for t in self.towns], k=total)
        )
        return [counts[index] for index in range(len(self.towns))]


def random_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert(model: type[models.Model], objects: list) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH)


@contextmanager
def given_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    """Keep the dates we set on bulk inserts rather than now (auto_now(_add))."""
    fields = [
        model_field
        for model in model_classes
        for model_field in model._meta.concrete_fields
        if getattr(model_field, "auto_now", False)
        or getattr(model_field, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for model_field in fields:
        model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def person_name(rng: random.Random, *, vietnamese: bool) -> str:
    if vietnamese:
        return " ".join(
            (
                rng.choice(texts.VN_SURNAMES),
                rng.choice(texts.VN_MIDDLE),
                rng.choice(texts.VN_GIVEN),
            )
        )
    given = "".join(rng.choices(texts.CN_GIVEN, k=rng.choice((1, 2, 2))))
    return rng.choice(texts.CN_SURNAMES) + given


def local_date(town: Town, moment: datetime) -> date:
    return moment.astimezone(town.zone).date()


def office_moment(town: Town, day: date, rng: random.Random) -> datetime:
    """A moment of office hours on a local date of the township."""
    at = datetime.combine(day, day_time(9), tzinfo=town.zone)
    return at + timedelta(minutes=rng.randint(0, 8 * 60))


class WorkingDays:
    """A country's working days over the generated period, counted once.

    Read from townships.core.workdays (the library's calendar with the staff's
    corrections) a month at a time, instead of once per deadline.
    """

    WINDOW = 31

    def __init__(self, *, country: str, start: date, end: date) -> None:
        self.counted = {start: 0}
        self.nth: dict[int, date] = {}
        window_start, total = start, 0
        while window_start < end:
            days = [window_start + timedelta(days=n) for n in range(1, self.WINDOW + 1)]
            counted = working_days_to_each(
                start=window_start, ends=days, country=country
            )
            for day in days:
                if total + counted[day] > self.counted[day - timedelta(days=1)]:
                    self.nth[total + counted[day]] = day
                self.counted[day] = total + counted[day]
            window_start, total = days[-1], total + counted[days[-1]]

    def add(self, day: date, days: int) -> date:
        """The deadline of ``days`` working days from ``day``, as
        townships.core.workdays.deadline_for counts it without pauses."""
        if days == 0:
            while self.counted[day] == self.counted.get(day - timedelta(days=1), -1):
                day += timedelta(days=1)
            return day
        return self.nth[self.counted[day] + days]


def child_path(parent: Page, position: int) -> str:
    """The tree path of the ``position``-th child (treebeard's own encoding)."""
    return Page._get_path(parent.path, parent.depth + 1, position)


def page_below(model, *, parent: Page, position: int, slug: str, title: str, **fields):
    """A page below ``parent`` as publishing leaves it, or as expiry does with
    ``live=False`` (not saved yet)."""
    published = fields.pop("published")
    live = fields.pop("live", True)
    return model(
        path=child_path(parent, position),
        depth=parent.depth + 1,
        numchild=0,
        title=title,
        draft_title=title,
        slug=slug,
        url_path=f"{parent.url_path}{slug}/",
        locale_id=parent.locale_id,
        live=live,
        has_unpublished_changes=not live,
        first_published_at=published,
        last_published_at=published,
        latest_revision_created_at=published,
        **fields,
    )


def pages_insert(pages: list[Page]) -> None:
    """Insert specific pages of one type: their Page rows, their own table's
    rows, one revision each (the published one), their search index entries."""
    if not pages:
        return
    model = type(pages[0])
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    for chunk in chunks(pages):
        bases = Page.objects.bulk_create(
            [
                Page(**{f.attname: getattr(p, f.attname) for f in base_fields})
                for p in chunk
            ]
        )
        for page, base in zip(chunk, bases, strict=True):
            page.pk = page.page_ptr_id = base.pk
        model._base_manager._insert(chunk, fields=model._meta.local_concrete_fields)
        page_type = ContentType.objects.get_for_model(Page)
        revisions = []
        for page in chunk:
            # Empty child relations in memory: serialised without a query each.
            for relation in get_all_child_relations(model):
                setattr(page, relation.get_accessor_name(), [])
            revisions.append(
                Revision(
                    content_type_id=page.content_type_id,
                    base_content_type=page_type,
                    object_id=str(page.pk),
                    created_at=page.first_published_at,
                    user_id=page.owner_id,
                    object_str=page.title,
                    content=page.serializable_data(),
                )
            )
        Revision.objects.bulk_create(revisions)
        revision = Subquery(
            Revision.objects.filter(
                base_content_type=page_type,
                object_id=Cast(OuterRef("pk"), CharField()),
            ).values("pk")[:1]
        )
        pks = [page.pk for page in chunk]
        Page.objects.filter(pk__in=pks).update(latest_revision=revision)
        Page.objects.filter(pk__in=pks, live=True).update(live_revision=revision)
        # Found by search, as saving a page would have indexed it.
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, chunk)


def numchild_add(page: Page, children: int) -> None:
    Page.objects.filter(pk=page.pk).update(numchild=F("numchild") + children)


def padded_pk():
    """The pk as the services write it in references: at least six digits."""
    text = Cast("pk", CharField())
    return models.Case(
        models.When(pk__lt=10**6, then=LPad(text, 6, Value("0"))), default=text
    )
