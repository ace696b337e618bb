"""Generate the benchmark's data set: `generate_bench_data --scale small|county`."""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cms.core.bench_data import (
    SCALES,
    AreaReport,
    DatabaseNotEmpty,
    generate,
)


class Command(BaseCommand):
    help = (
        "Fill a freshly migrated database with a realistic, reproducible data set "
        "for the benchmark (county: 200 townships, 500,000 citizens, 200,000 "
        "orders...; small: a fiftieth). Writes var/bench-accounts.json and "
        "var/bench-urls.json."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument(
            "--seed", type=int, default=1, help="The same seed gives the same data."
        )
        parser.add_argument(
            "--factor",
            type=float,
            default=1.0,
            help="Multiply every count of the scale (e.g. 0.1 for a quick try).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Add the data set to a database that already holds data (nothing "
                "is deleted). An earlier generated set is still refused."
            ),
        )

    def handle(self, *args, **options) -> None:
        if options["factor"] <= 0:
            raise CommandError("--factor must be more than 0.")
        sizes = SCALES[options["scale"]].scaled(options["factor"])
        self.stdout.write(
            f"Generating {options['scale']} (seed {options['seed']}): "
            + ", ".join(f"{n:,} {name}" for name, n in vars(sizes).items())
        )
        # Wagtail logs three lines per township home it publishes; the areas'
        # progress is what matters here.
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        wagtail_log.setLevel(logging.WARNING)
        try:
            data = generate(
                sizes=sizes,
                seed=options["seed"],
                force=options["force"],
                progress=self._progress,
            )
        except DatabaseNotEmpty as error:
            raise CommandError(str(error)) from error
        finally:
            wagtail_log.setLevel(level)
        if connection.vendor == "postgresql":
            # Bulk inserts leave the planner's statistics empty, and the
            # visibility map that index-only scans need unset, until autovacuum
            # gets round to them; a live database has both.
            with connection.cursor() as cursor:
                # VACUUM cannot run in a transaction (a caller's, e.g. a test's).
                cursor.execute(
                    "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
                )
        accounts_path, urls_path = data.write(settings.VAR_DIR)
        total = sum(area.seconds for area in data.areas)
        self.stdout.write(self.style.SUCCESS(f"Done in {total:.1f} s."))
        for account in data.accounts:
            self.stdout.write(
                f"  {account['role']:<15} {account['login']:<40} {account['password']}"
            )
        for name, url in data.urls.items():
            self.stdout.write(f"  {name:<20} {url}")
        self.stdout.write(f"Logins in {accounts_path}, pages in {urls_path}")

    def _progress(self, area: AreaReport) -> None:
        counts = ", ".join(f"{n:,} {name}" for name, n in area.counts.items())
        self.stdout.write(f"  {area.area:<13} {area.seconds:>7.1f} s  {counts}")
        self.stdout.flush()
