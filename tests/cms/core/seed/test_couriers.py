"""seed_demo's deliveries: villages with rates, couriers and a dispatcher per
township, and demo parcels at every step of the way, made through the services."""

import json

from django.urls import reverse

import pytest

from hub.accounts.models import User
from hub.couriers.constants import (
    DeliveryMethod,
    ProofKind,
    ShipmentStatus,
    ZoneKind,
)
from hub.couriers.models import (
    Courier,
    DeliveryZone,
    Rate,
    Shipment,
)
from shop.order.constants import SellerGroupStatus
from shop.order.models import SellerGroup
from townships.core.constants import MembershipRole
from townships.core.models import Township

from . import snapshots

pytestmark = pytest.mark.django_db

S = ShipmentStatus
BANDS = [1000, 5000, 20000]


def _bands(zone: DeliveryZone, method: str) -> list[int]:
    return list(
        zone.rates.filter(method=method).values_list("max_weight_grams", flat=True)
    )


def test_seed_demo_sets_up_deliveries_in_every_township_once(demo):
    assert demo.unchanged(snapshots.deliveries)
    accounts = json.loads((demo.var / "demo-accounts.json").read_text())
    for township in Township.objects.all():
        villages = list(township.delivery_zones.filter(kind=ZoneKind.VILLAGE))
        assert 4 <= len(villages) <= 6
        assert [zone.position for zone in villages] == list(range(1, len(villages) + 1))
        assert sum(zone.has_pickup for zone in villages) >= 2
        for zone in villages:
            assert _bands(zone, DeliveryMethod.HOME) == BANDS
            assert _bands(zone, DeliveryMethod.PICKUP) == (
                BANDS if zone.has_pickup else []
            )
        outside = township.delivery_zones.get(kind=ZoneKind.OUTSIDE)
        assert outside.name == "Elsewhere in the country"
        assert _bands(outside, DeliveryMethod.HOME) == BANDS
        couriers = Courier.objects.filter(township=township, is_active=True)
        assert couriers.count() == 2
        assert all(courier.user.first_name for courier in couriers)
        clerk = User.objects.get(
            memberships__township=township,
            memberships__role=MembershipRole.LOGISTICS,
        )
        mine = {
            (a["role"], a["login"]) for a in accounts if a["township"] == township.slug
        }
        assert ("logistics", clerk.email) in mine
        assert {("courier", str(c.user.phone)) for c in couriers} <= mine
    # Prices are in each township's currency: dong, not yuan, in Mẫu Sơn.
    assert not Rate.objects.filter(
        zone__township__slug="mau-son", price__lt=1000
    ).exists()


def test_seed_demo_parcels_are_at_every_step_for_the_shopper_to_follow(demo, client):
    statuses = set(Shipment.objects.values_list("status", flat=True))
    assert statuses >= {
        S.CREATED,
        S.ASSIGNED,
        S.PICKED_UP,
        S.IN_TRANSIT,
        S.DELIVERED,
        S.FAILED_ATTEMPT,
    }
    for shipment in Shipment.objects.all():
        history = list(shipment.events.values_list("status", flat=True))
        assert history[0] == S.CREATED
        assert history[-1] == shipment.status
    delivered = Shipment.objects.filter(status=S.DELIVERED)
    assert delivered.exists()
    for shipment in delivered:
        assert shipment.proof == ProofKind.CODE
        assert shipment.cash_collected == shipment.cash_payment.amount
        assert shipment.cash_payment.is_paid
    assert SellerGroup.objects.filter(status=SellerGroupStatus.DELIVERED).exists()
    failed = Shipment.objects.get(status=S.FAILED_ATTEMPT)
    assert failed.failed_attempts == 1
    outside = Shipment.objects.get(zone__kind=ZoneKind.OUTSIDE)
    assert outside.provider == "fake"
    assert outside.provider_reference.startswith("FAKE")
    for shipment in Shipment.objects.filter(courier__isnull=False):
        assert shipment.courier.township_id == shipment.township_id
    # and the demo shopper follows them
    shopper = User.objects.get(phone="+8613800000001")
    on_its_way = Shipment.objects.get(recipient=shopper, status=S.PICKED_UP)
    client.force_login(shopper)
    listing = client.get(reverse("couriers:parcels")).content.decode()
    detail = client.get(reverse("couriers:parcel", args=[on_its_way.uuid]))
    for shipment in Shipment.objects.filter(recipient=shopper):
        assert reverse("couriers:parcel", args=[shipment.uuid]) in listing
    assert on_its_way.delivery_code in detail.content.decode()
    assert "data-courier>伟<" in detail.content.decode()
