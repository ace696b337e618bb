"""What every visitor sees first: the hub home (/) and a township home (J4)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from cms.pages.models import TownshipHomePage
from shop.catalogue.models import ProductPhotoUpload
from shop.catalogue.services import product_create
from shop.catalogue.tasks import product_photo_process_task
from shop.partner.constants import StallStatus
from tests.factories.cms import notice_add, notice_index_add
from tests.factories.shop import StallFactory, listing_data, photo_upload
from tests.factories.townships import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(township) -> TownshipHomePage:
    return TownshipHomePage.objects.get(township=township)


@pytest.fixture
def notices(home):
    return notice_index_add(home=home)


def _list(stall, title: str, *, photo: bool = False):
    product = product_create(
        actor=stall.users.get(),
        stall=stall,
        data=listing_data(title=title),
        photos=[photo_upload()] if photo else [],
    )
    for upload in ProductPhotoUpload.objects.filter(product=product):
        product_photo_process_task(upload.pk)
    return product


def _grow(notices, stall, start: int, stop: int) -> None:
    for n in range(start, stop):
        notice_add(index=notices, title=f"Notice {n}")
        _list(stall, f"Eggs {n}", photo=True)


@pytest.mark.parametrize("url", ["/", "/townships/xiaoyudong/"])
def test_query_count_is_the_same_with_2_and_12_notices_and_products(
    client, township, notices, url, django_assert_num_queries, page_queries
):
    # given 2 notices and 2 products with photos
    stall = StallFactory(township=township)
    _grow(notices, stall, 0, 2)
    client.get(url)  # warm Wagtail's site-root cache and content types
    with_2 = page_queries(client, url)
    # when there are 12 of each
    _grow(notices, stall, 2, 12)
    # then
    with django_assert_num_queries(with_2):
        response = client.get(url)
    assert len(response.context["notices"]) >= 5
    assert len(response.context["products"]) == 8


def test_hub_home_shows_townships_produce_and_latest_notices(
    client, township, other_township, notices
):
    # given
    here = _list(StallFactory(township=township), "Smoked bacon", photo=True)
    there = _list(StallFactory(township=other_township), "Yellow chives")
    suspended = StallFactory(township=township)
    hidden = _list(suspended, "Not for sale")
    suspended.status = StallStatus.PENDING  # no longer verified
    suspended.save()
    other_index = notice_index_add(
        home=TownshipHomePage.objects.get(township=other_township)
    )
    notice_add(index=notices, title="Flood alert")
    notice_add(index=other_index, title="Orange festival")
    notice_add(index=notices, title="Draft notice", publish=False)
    now = timezone.now()
    notice_add(index=notices, title="Old outage", expire_at=now - timedelta(hours=1))
    notice_add(index=notices, title="Next week", go_live_at=now + timedelta(days=7))
    # when
    html = client.get("/", headers={"accept-language": "en"}).content.decode()
    # then
    assert "Xiaoyudong Town" in html and "Huaqiao Town" in html
    assert here.title in html and there.title in html
    assert hidden.title not in html
    assert "Flood alert" in html and "Orange festival" in html
    for title in ("Draft notice", "Old outage", "Next week"):
        assert title not in html
    assert 'action="/search/"' in html


def test_township_home_shows_its_own_produce_offices_phone_and_map(
    client, township, other_township, home
):
    # given
    township.latitude, township.longitude = Decimal("31.197800"), Decimal("103.7820")
    township.save()
    home.contact_phone = "028-83700001"
    home.save_revision().publish()
    DepartmentFactory(
        township=township,
        name_en="Citizen service centre",
        address="1 Jianjiang Road",
        opening_hours="Mon–Fri 9:00–17:30",
    )
    ours = _list(StallFactory(township=township), "Spring bamboo shoots")
    theirs = _list(StallFactory(township=other_township), "Ugly oranges")
    # when
    html = client.get(home.url, headers={"accept-language": "en"}).content.decode()
    # then
    assert ours.title in html
    assert theirs.title not in html
    assert "1 Jianjiang Road" in html and "Mon–Fri 9:00–17:30" in html
    assert 'href="tel:028-83700001"' in html
    assert (
        'href="https://www.openstreetmap.org/?mlat=31.197800&amp;mlon=103.782000'
        '#map=14/31.197800/103.782000"' in html
    )
    # no JavaScript, no map tiles: a plain link
    assert "<script" not in html
    assert "<iframe" not in html


def test_township_home_without_a_position_has_no_map_link(client, home):
    html = client.get(home.url).content.decode()
    assert "openstreetmap" not in html


@pytest.mark.parametrize("url", ["/", "/townships/xiaoyudong/"])
def test_product_photos_are_lazy_renditions_with_a_size(client, township, url):
    # given
    _list(StallFactory(township=township), "Free-range eggs", photo=True)
    # when
    html = client.get(url).content.decode()
    # then
    images = [tag for tag in html.split("<img")[1:]]
    assert images
    for tag in images:
        tag = tag.split(">")[0]
        assert 'loading="lazy"' in tag
        assert 'width="' in tag and 'height="' in tag
        assert 'src="' in tag and "_w320.webp" in tag  # a rendition, not the original
        srcset = tag.split('srcset="')[1].split('"')[0]
        assert [entry.split()[1] for entry in srcset.split(", ")] == [
            "160w",
            "320w",
            "640w",
        ]
