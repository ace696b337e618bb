"""Provision a township: record, home page, collections, editor groups, own Site."""

from django.core.management.base import BaseCommand, CommandParser

from cms.pages.services import township_site_provision
from townships.core.constants import Country
from townships.core.services import township_upsert


class Command(BaseCommand):
    help = (
        "Create or update a township and everything it needs: its home page at "
        "/townships/<slug>/, image and document collections, staff and head groups "
        "with rights on that township only, and optionally its own hostname. "
        "Running it again changes nothing that is already in place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="URL name, e.g. xiaoyudong")
        parser.add_argument("--name-zh-hans", required=True)
        parser.add_argument("--name-vi", default="")
        parser.add_argument("--name-en", default="")
        parser.add_argument("--county", default="")
        parser.add_argument("--province", default="")
        parser.add_argument("--country", choices=Country.values, default=Country.CHINA)
        parser.add_argument("--timezone", default="Asia/Shanghai")
        parser.add_argument("--currency", default="CNY")
        parser.add_argument("--default-language", default="zh-hans")
        parser.add_argument("--hostname", default="", help="its own domain, optional")

    def handle(self, *args, **options) -> None:
        township = township_upsert(
            slug=options["slug"],
            name_zh_hans=options["name_zh_hans"],
            name_vi=options["name_vi"],
            name_en=options["name_en"],
            county=options["county"],
            province=options["province"],
            country=options["country"],
            timezone=options["timezone"],
            currency=options["currency"],
            default_language=options["default_language"],
            hostname=options["hostname"],
        )
        home = township_site_provision(township=township)
        self.stdout.write(
            self.style.SUCCESS(f"Township {township.slug} ready at {home.url_path}")
        )
