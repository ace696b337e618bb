"""generate_bench_data: the benchmark's data set, at a tiny scale."""

import json

from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

import pytest
from wagtail.models import Page

from cms.core.bench_data import BENCH_PASSWORD, Sizes, generate
from cms.pages.models import NoticePage, ServiceGuidePage
from hub.accounts.models import User
from hub.notifications.models import Message
from shop.catalogue.models import Product
from shop.order.models import Line, Order, SellerGroup
from shop.partner.models import Partner
from townships.applications.models import Application
from townships.consultations.models import Consultation
from townships.core.models import Township

pytestmark = pytest.mark.django_db

TINY = Sizes(
    townships=2,
    stalls=6,
    products=30,
    orders=40,
    applications=30,
    questions=30,
    notices=10,
    citizens=60,
)


def _snapshot() -> dict[str, list]:
    """What a reader of the data set sees, without database ids."""
    return {
        "townships": list(
            Township.objects.order_by("pk").values_list("slug", "name_zh_hans")
        ),
        "citizens": list(
            User.objects.filter(phone__isnull=False)
            .order_by("pk")
            .values_list("phone", "profile__real_name", "profile__village")
        ),
        "stalls": list(
            Partner.objects.order_by("pk").values_list("uuid", "name", "status")
        ),
        "products": list(
            Product.objects.order_by("pk").values_list(
                "title", "stockrecords__price", "stockrecords__num_in_stock"
            )
        ),
        "orders": list(
            Order.objects.order_by("pk").values_list(
                "number", "status", "total_incl_tax", "user__phone"
            )
        ),
        "applications": list(
            Application.objects.order_by("pk").values_list("uuid", "status", "answers")
        ),
        "questions": list(
            Consultation.objects.order_by("pk").values_list("uuid", "title", "status")
        ),
        "notices": list(NoticePage.objects.order_by("pk").values_list("title")),
    }


def _generated(seed: int) -> dict[str, list]:
    """Generate, read, and leave the database as it was."""
    with transaction.atomic():
        generate(sizes=TINY, seed=seed)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


def test_generates_the_asked_number_of_each():
    # when
    generate(sizes=TINY, seed=3)
    # then
    assert Township.objects.count() == TINY.townships
    assert set(Township.objects.values_list("country", flat=True)) == {"CN", "VN"}
    assert Partner.objects.count() == TINY.stalls
    assert Product.objects.count() == TINY.products
    assert Product.objects.filter(stockrecords__isnull=True).count() == 0
    assert Product.objects.filter(images__isnull=True).count() == 0
    assert Order.objects.count() == TINY.orders
    assert SellerGroup.objects.values("order").distinct().count() == TINY.orders
    assert Line.objects.values("order").distinct().count() == TINY.orders
    assert Order.objects.filter(shipping_address__isnull=True).count() == 0
    assert Application.objects.count() == TINY.applications
    assert Consultation.objects.count() == TINY.questions
    assert NoticePage.objects.count() == TINY.notices
    assert User.objects.filter(phone__isnull=False).count() == TINY.citizens
    assert ServiceGuidePage.objects.filter(live=True).count() > 0
    # treebeard: no bad paths, orphans, wrong depths or child counts
    assert Page.find_problems() == ([], [], [], [], [])


def test_same_seed_gives_the_same_data_and_another_seed_other_data():
    # when
    first, again, other = _generated(5), _generated(5), _generated(6)
    # then
    assert first == again
    assert first["townships"] != other["townships"]
    assert first["products"] != other["products"]
    assert first["questions"] != other["questions"]


def test_key_pages_answer_on_the_generated_data(client, settings, tmp_path):
    # given
    data = generate(sizes=TINY, seed=4)
    data.write(tmp_path)
    urls = json.loads((tmp_path / "bench-urls.json").read_text())
    citizen = json.loads((tmp_path / "bench-accounts.json").read_text())[0]
    pages = [url for name, url in urls.items() if name != "me"]
    # when
    answers = {url: client.get(url).status_code for url in pages}
    logged_in = client.post(
        reverse("accounts:login"),
        {"username": citizen["login"], "password": citizen["password"]},
    )
    inbox = client.get(urls["me"])
    # then
    assert answers == dict.fromkeys(pages, 200)
    assert all(urls[name] for name in ("notice", "product", "service_guide"))
    assert logged_in.status_code == 302
    assert citizen["password"] == BENCH_PASSWORD
    assert min(citizen["orders"], citizen["applications"], citizen["questions"]) > 0
    assert inbox.status_code == 200
    assert Message.objects.filter(recipient__phone=citizen["login"]).count() >= 3


def test_refuses_a_database_with_data_unless_forced(settings, tmp_path):
    # given
    settings.VAR_DIR = tmp_path
    Township.objects.create(slug="xiaoyudong", name_zh_hans="小鱼洞镇")
    arguments = ["generate_bench_data", "--scale", "small", "--factor", "0.005"]
    # when
    with pytest.raises(CommandError, match="already holds townships"):
        call_command(*arguments)
    call_command(*arguments, "--force")
    # then
    assert Township.objects.count() == 3
    assert (tmp_path / "bench-accounts.json").exists()
    with pytest.raises(CommandError, match="generated data set is already"):
        call_command(*arguments, "--force")
