"""Load the demo townships and one account per role; safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.core.demo import seed_demo, write_demo_accounts
from cms.core.demo_applications import demo_certificate_verify_urls


class Command(BaseCommand):
    help = (
        "Create the demo townships (Xiaoyudong, Huaqiao, Mẫu Sơn), their offices "
        "and one demo account per role; writes the logins to var/demo-accounts.json."
    )

    def handle(self, *args, **options) -> None:
        accounts = seed_demo()
        path = settings.VAR_DIR / "demo-accounts.json"
        write_demo_accounts(accounts, path)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready; logins in {path}"))
        for account in accounts:
            where = f" ({account.township})" if account.township else ""
            login = f"{account.login:<32} {account.password}"
            self.stdout.write(f"  {account.role:<15}{where:<14} {login}")
        for url in demo_certificate_verify_urls():
            self.stdout.write(f"  demo e-certificate, check it at {url}")
