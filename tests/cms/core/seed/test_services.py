"""seed_demo's service catalogue: five services with materials, guides linked, once."""

import pytest

from cms.pages.models import ServiceGuidePage
from townships.public_services.models import PublicService, RequiredMaterial

from . import snapshots

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_the_catalogue_once_and_links_the_guides(demo, client):
    assert demo.unchanged(snapshots.services)
    assert set(PublicService.objects.values_list("township__slug", "slug")) == {
        ("xiaoyudong", "hk-macao-endorsement"),
        ("xiaoyudong", "household-transfer"),
        ("huaqiao", "business-scope-change"),
        ("huaqiao", "vat-invoice-by-post"),
        ("mau-son", "birth-registration"),
    }
    for service in PublicService.objects.all():
        assert 2 <= service.materials.count() <= 4
        assert service.promised_time_days <= service.legal_time_limit_days
        service.full_clean()
    scope = PublicService.objects.get(slug="business-scope-change")
    assert scope.offers_e_certificate
    assert PublicService.objects.get(slug="vat-invoice-by-post").offers_courier
    guide = ServiceGuidePage.objects.get(
        slug="birth-registration", service__isnull=False
    )
    assert guide.service.township.slug == "mau-son"
    assert not ServiceGuidePage.objects.filter(
        service__isnull=False, slug="residence-certificate"
    ).exists()
    template = RequiredMaterial.objects.exclude(template_file="").first()
    assert template.template_file.read(5) == b"%PDF-"
    response = client.get(guide.url, HTTP_ACCEPT_LANGUAGE="vi")
    assert "Giấy chứng sinh" in response.content.decode()
