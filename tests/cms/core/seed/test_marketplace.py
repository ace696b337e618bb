"""seed_demo's marketplace: verified stalls in every demo township with local
produce and photos, one application waiting, one stall opened by an agent."""

import pytest

from shop.catalogue.models import Product, ProductImage
from shop.partner.constants import StallStatus
from shop.partner.models import Partner, StallAction

from . import snapshots

pytestmark = pytest.mark.django_db


def test_seed_demo_opens_stalls_in_the_three_townships(demo):
    assert demo.unchanged(snapshots.marketplace)
    verified = Partner.objects.filter(status=StallStatus.VERIFIED)
    assert verified.count() >= 12
    assert set(verified.values_list("township__slug", flat=True)) == {
        "xiaoyudong",
        "huaqiao",
        "mau-son",
    }
    assert Partner.objects.filter(status=StallStatus.PENDING).count() == 1
    assisted = Partner.objects.get(opened_by__phone="+8613800000007")
    assert StallAction.objects.filter(
        stall=assisted, actor__phone="+8613800000007", on_behalf_of__isnull=False
    ).exists()
    assert Partner.objects.filter(users__phone="+8613800000002").exists()
    assert not Product.objects.filter(images__isnull=True).exists()
    assert ProductImage.objects.count() == Product.objects.count()
    assert Product.objects.filter(title__icontains="star anise").exists()
