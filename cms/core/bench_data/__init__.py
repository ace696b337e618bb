"""A county-sized data set for the benchmark (issue 10), for `generate_bench_data`.

Townships, their offices and staff, citizens, stalls, products with photos,
orders, service catalogue and guides, applications, questions, notices and the
inbox messages they caused, spread over the last twelve months in realistic
states. The same seed gives the same rows (names, prices, states, dates
relative to the start of the run, and the same primary keys on an empty
database); each area draws from its own random stream, so a change in one area
does not reshuffle another's.

Speed comes from bulk inserts in large batches: one password hash for every
account, one photo per produce category written once and shared by path,
Wagtail pages below each township home inserted with the tree paths computed
here (live, with their published revision and their search index entries).
What the real services record and what the pages read is reproduced; what no
page reads (payments, parcels, certificates' PDFs, photos of questions) is
left out. Townships themselves go through the real provisioning (home page,
editor groups, collection, head approval): there are few of them.

Dates: models whose timestamps are ``auto_now(_add)`` get the generated ones
by switching those flags off around the inserts (:func:`base.given_timestamps`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from wagtail.models import Page

from hub.accounts.models import User
from shop.catalogue.models import Product
from shop.order.models import Order
from shop.partner.constants import StallStatus
from shop.partner.models import Partner
from townships.applications.models import Application
from townships.consultations.models import Consultation
from townships.core.models import Township
from townships.public_services.models import PublicService

from .base import (
    BENCH_EMAIL_DOMAIN,
    BENCH_PASSWORD,
    COUNTY,
    SCALES,
    Context,
    Sizes,
)
from .hall import applications_generate, services_generate
from .inbox import inbox_generate
from .market import orders_generate, products_generate, stalls_generate
from .notices import notices_generate
from .people import citizens_generate, townships_generate
from .questions import questions_generate

__all__ = [
    "BENCH_PASSWORD",
    "COUNTY",
    "SCALES",
    "AreaReport",
    "BenchDataSet",
    "DatabaseNotEmpty",
    "Sizes",
    "database_contents",
    "generate",
]


class DatabaseNotEmpty(Exception):
    """The database holds data of its own; the generator would mix into it."""


@dataclass(frozen=True)
class AreaReport:
    """What one area of the generator made, and how long it took."""

    area: str
    counts: dict[str, int]
    seconds: float


@dataclass
class BenchDataSet:
    """What the benchmark needs to find its way: a login and a page of each kind."""

    sizes: Sizes
    seed: int
    accounts: list[dict[str, str | int]]
    urls: dict[str, str]
    areas: list[AreaReport] = field(default_factory=list)

    def write(self, var_dir: Path) -> tuple[Path, Path]:
        """Write var/bench-accounts.json and var/bench-urls.json."""
        var_dir.mkdir(parents=True, exist_ok=True)
        accounts = var_dir / "bench-accounts.json"
        urls = var_dir / "bench-urls.json"
        for path, data in ((accounts, self.accounts), (urls, self.urls)):
            path.write_text(
                json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        return accounts, urls


def database_contents() -> list[str]:
    """Kinds of data already in the database beyond what migrations create."""
    checks = {
        "accounts": User.objects,
        "townships": Township.objects,
        "stalls": Partner.objects,
        "products": Product.objects,
        "orders": Order.objects,
        "services": PublicService.objects,
        "applications": Application.objects,
        "questions": Consultation.objects,
        # Migrations leave Wagtail's root and its welcome page, both plain Pages.
        "pages": Page.objects.exclude(
            content_type=ContentType.objects.get_for_model(Page)
        ),
    }
    return [name for name, queryset in checks.items() if queryset.exists()]


def bench_data_present() -> bool:
    """Whether a generated data set is already here (its staff accounts are)."""
    return User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}").exists()


# Each area reads what the areas before it made.
AREAS = [
    ("townships", townships_generate),
    ("citizens", citizens_generate),
    ("stalls", stalls_generate),
    ("products", products_generate),
    ("orders", orders_generate),
    ("services", services_generate),
    ("applications", applications_generate),
    ("questions", questions_generate),
    ("notices", notices_generate),
    ("inbox", inbox_generate),
]


def generate(
    *,
    sizes: Sizes,
    seed: int = 1,
    force: bool = False,
    progress: Callable[[AreaReport], None] | None = None,
) -> BenchDataSet:
    """Generate the data set; refuse a database with data unless ``force``.

    With ``force`` the data set is added beside what is there (nothing is
    deleted; generated slugs avoid the existing ones), but never on top of an
    earlier generated set: regenerate into a freshly migrated database.
    """
    if bench_data_present():
        raise DatabaseNotEmpty(
            "A generated data set is already in this database; use a freshly "
            "migrated one."
        )
    found = database_contents()
    if found and not force:
        raise DatabaseNotEmpty(
            "The database already holds " + ", ".join(found) + "; use a freshly "
            "migrated database, or --force to add the data set beside it."
        )
    context = Context(sizes=sizes, seed=seed)
    result = BenchDataSet(sizes=sizes, seed=seed, accounts=[], urls={})
    # All or nothing: a run that fails leaves the database as it found it.
    with transaction.atomic():
        for name, make in AREAS:
            started = time.monotonic()
            counts = make(context)
            report = AreaReport(name, counts, round(time.monotonic() - started, 1))
            result.areas.append(report)
            if progress is not None:
                progress(report)
        result.accounts = _accounts(context)
        result.urls = _urls(context)
    return result


def _accounts(context: Context) -> list[dict[str, str | int]]:
    """The featured citizen's login, then the first township's staff."""
    town = context.towns[0]
    featured = context.citizen_pks[0]
    accounts = [
        {
            "role": "citizen",
            "township": town.township.slug,
            "login": context.citizen_phones[0],
            "password": BENCH_PASSWORD,
            "orders": Order.objects.filter(user_id=featured).count(),
            "applications": Application.objects.filter(applicant_id=featured).count(),
            "questions": Consultation.objects.filter(asker_id=featured).count(),
        }
    ]
    for role, user_pk in (
        ("township_staff", town.staff),
        ("township_head", town.head),
        ("agent", town.agent),
    ):
        accounts.append(
            {
                "role": role,
                "township": town.township.slug,
                "login": User.objects.get(pk=user_pk).email,
                "password": BENCH_PASSWORD,
            }
        )
    return accounts


def _urls(context: Context) -> dict[str, str]:
    """A page of each kind the benchmark drives, in the first township."""
    town = context.towns[0]
    slug = town.township.slug
    products = [p for p in context.products if context.stalls[p.stall].town == 0]
    product = (
        Product.objects.filter(pk__in=[p.pk for p in products[:50]], is_public=True)
        .order_by("pk")
        .first()
    )
    catalogue = reverse("catalogue:index")
    public = Product.objects.filter(
        is_public=True, stall__status=StallStatus.VERIFIED
    ).count()
    deep_page = max(1, public // settings.OSCAR_PRODUCTS_PER_PAGE // 2)
    return {
        "hub_home": "/",
        "township_home": town.home.get_url(),
        "notice": context.featured_notice,
        "catalogue": catalogue,
        "catalogue_deep": f"{catalogue}?page={deep_page}",
        "catalogue_township": f"{catalogue}?township={slug}",
        "product": product.get_absolute_url() if product else "",
        "service_guide": context.featured_guide,
        "question_board": reverse("consultations:board"),
        "township_stats": reverse("transparency:township", args=[slug]),
        "api_products": reverse("api:product-list"),
        "me": reverse("notifications:inbox"),
    }
