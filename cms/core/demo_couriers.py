"""Demo delivery zones, rates, couriers and parcels on their way, for `seed_demo`.

Each demo township gets its villages in route order (some with a service
point where parcels can be collected), rates for delivery to the door and for
pickup in three weight bands, and "Elsewhere in the country" for the post.
Two couriers and a logistics clerk per township log in like the other demo
roles (their rows go through cms.core.demo). A few cash-on-delivery orders
are placed and their parcels carried, each to a different step, through the
shop's and the couriers' own services. Safe to run twice.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from oscar.core.loading import get_class, get_model

from hub.accounts.constants import Role
from hub.accounts.models import User
from hub.couriers.constants import (
    TOWNSHIP_PROVIDER,
    DeliveryMethod,
    FailureReason,
    ShipmentStatus,
    ZoneKind,
)
from hub.couriers.models import Courier, DeliveryZone, Rate, Shipment
from hub.couriers.rates import shipping_code
from hub.couriers.services import (
    courier_add,
    shipment_book,
    shipment_deliver,
    shipment_depart,
    shipment_fail,
    shipment_pickup,
    shipments_assign,
)
from hub.payments.constants import PaymentMethod
from hub.payments.models import Payment
from shop.catalogue.models import Product
from shop.order.models import Order, ShippingAddress
from shop.order.services import order_place
from shop.partner.strategy import Selector
from townships.core.constants import MembershipRole
from townships.core.models import Township

S = ShipmentStatus
OUTSIDE_ZONE = "Elsewhere in the country"
# Upper limits of the weight bands, in grams: 1 kg, 5 kg, 20 kg.
BANDS = (1000, 5000, 20000)


@dataclass(frozen=True)
class DemoPrices:
    """Prices per band in the township's currency; farther villages cost more."""

    home: tuple[str, str, str]
    pickup: tuple[str, str, str]
    post: tuple[str, str, str]
    per_village: str


PRICES = {
    "CNY": DemoPrices(
        home=("5.00", "8.00", "15.00"),
        pickup=("3.00", "5.00", "10.00"),
        post=("12.00", "20.00", "45.00"),
        per_village="1.00",
    ),
    "VND": DemoPrices(
        home=("15000", "25000", "50000"),
        pickup=("10000", "15000", "30000"),
        post=("35000", "60000", "150000"),
        per_village="5000",
    ),
}

# Villages in route order: (name, service point or "").
ZONES = {
    "xiaoyudong": [
        ("小鱼洞社区", "小鱼洞镇便民服务中心快递代收点"),
        ("杨坪村", "杨坪村党群服务中心"),
        ("大楠村", ""),
        ("草坡村", ""),
        ("桂花村", "桂花村小卖部代收点"),
    ],
    "huaqiao": [
        ("花桥社区", "花桥镇便民服务中心快递代收点"),
        ("宝墩村", "宝墩村村委会"),
        ("梨花村", ""),
        ("白鹤村", ""),
    ],
    "mau-son": [
        ("Bản Khuổi Cầm", "Bưu điện văn hoá xã Mẫu Sơn"),
        ("Bản Pò Po", ""),
        ("Bản Lằm", "Nhà văn hoá bản Lằm"),
        ("Bản Khuổi Tát", ""),
        ("Bản Ngàn Chi", ""),
    ],
}


@dataclass(frozen=True)
class DemoCourier:
    township: str
    phone: str
    real_name: str
    first_name: str
    last_name: str


COURIERS = [
    DemoCourier("xiaoyudong", "+8613800000003", "张伟", "伟", "张"),
    DemoCourier("xiaoyudong", "+8613800000301", "罗强", "强", "罗"),
    DemoCourier("huaqiao", "+8613800000311", "何军", "军", "何"),
    DemoCourier("huaqiao", "+8613800000312", "唐丽", "丽", "唐"),
    DemoCourier("mau-son", "+84912000301", "Nông Văn Dũng", "Dũng", "Nông Văn"),
    DemoCourier("mau-son", "+84912000302", "Hà Thị Thu", "Thu", "Hà Thị"),
]

# (township slug, e-mail, real name) of the clerk who runs the dispatch board.
LOGISTICS = [
    ("xiaoyudong", "logistics@xiaoyudong.example.org", "孙丽"),
    ("huaqiao", "logistics@huaqiao.example.org", "吴刚"),
    ("mau-son", "logistics@mauson.example.org", "Đinh Văn Bình"),
]

# Rows for cms.core.demo's accounts: (role, township, phone, e-mail, name, membership).
COURIER_ACCOUNTS = [
    (Role.COURIER, c.township, c.phone, "", c.real_name, None) for c in COURIERS
] + [
    (Role.LOGISTICS, slug, "", email, name, MembershipRole.LOGISTICS)
    for slug, email, name in LOGISTICS
]


@dataclass(frozen=True)
class DemoOrder:
    """One stall's produce ordered cash on delivery; its parcel taken to ``step``."""

    shopper_phone: str
    product_title: str
    quantity: int
    zone: str
    method: str
    step: str
    courier_phone: str = ""
    # The door it goes to (pickup: the zone's service point instead).
    address: str = ""


ORDERS = [
    DemoOrder(
        "+8613800000001",
        "Free-range eggs 土鸡蛋",
        1,
        "杨坪村",
        DeliveryMethod.HOME,
        S.CREATED,
        address="杨坪村三组12号",
    ),
    DemoOrder(
        "+8613800000001",
        "Spring bamboo shoots 春笋",
        2,
        "大楠村",
        DeliveryMethod.HOME,
        S.ASSIGNED,
        "+8613800000003",
        "大楠村五组3号",
    ),
    DemoOrder(
        "+8613800000001",
        "Straw sandals 草鞋",
        1,
        "小鱼洞社区",
        DeliveryMethod.PICKUP,
        S.PICKED_UP,
        "+8613800000003",
    ),
    DemoOrder(
        "+8613800000001",
        "Smoked old bacon 老腊肉",
        2,
        "杨坪村",
        DeliveryMethod.HOME,
        S.DELIVERED,
        "+8613800000301",
        "杨坪村三组12号",
    ),
    DemoOrder(
        "+8613800000001",
        "Wild bracken fern 蕨菜",
        3,
        "草坡村",
        DeliveryMethod.HOME,
        S.FAILED_ATTEMPT,
        "+8613800000301",
        "草坡村一组21号",
    ),
    # Leaves the township with the outside carrier (the fake one in the demo).
    DemoOrder(
        "+8613800000001",
        "Mountain pheasant 山鸡",
        1,
        OUTSIDE_ZONE,
        DeliveryMethod.HOME,
        S.CREATED,
        address="成都市武侯区玉林北路2号",
    ),
    DemoOrder(
        "+8613800000001",
        "Ugly oranges 丑柑",
        2,
        "花桥社区",
        DeliveryMethod.PICKUP,
        S.CREATED,
    ),
    DemoOrder(
        "+84912000001",
        "Star anise (hoa hồi)",
        1,
        "Bản Khuổi Cầm",
        DeliveryMethod.PICKUP,
        S.DELIVERED,
        "+84912000301",
    ),
    DemoOrder(
        "+84912000001",
        "Mẫu Sơn peaches (đào)",
        2,
        "Bản Pò Po",
        DeliveryMethod.HOME,
        S.IN_TRANSIT,
        "+84912000302",
        "Nhà số 8, Bản Pò Po",
    ),
]

# The steps a courier takes, in order, up to each demo parcel's step.
_ROUTE = {
    S.CREATED: (),
    S.ASSIGNED: (S.ASSIGNED,),
    S.PICKED_UP: (S.ASSIGNED, S.PICKED_UP),
    S.IN_TRANSIT: (S.ASSIGNED, S.PICKED_UP, S.IN_TRANSIT),
    S.DELIVERED: (S.ASSIGNED, S.PICKED_UP, S.IN_TRANSIT, S.DELIVERED),
    S.FAILED_ATTEMPT: (S.ASSIGNED, S.PICKED_UP, S.IN_TRANSIT, S.FAILED_ATTEMPT),
}


def seed_couriers() -> None:
    """Create or repair zones, rates and couriers; place the demo orders once.

    Run after the demo accounts and the marketplace exist: the couriers and
    clerks are demo accounts, and the orders buy the demo stalls' produce.
    """
    for township in Township.objects.filter(slug__in=ZONES):
        _zones(township)
    for demo in COURIERS:
        user = User.objects.get(phone=demo.phone)
        if (user.first_name, user.last_name) != (demo.first_name, demo.last_name):
            user.first_name, user.last_name = demo.first_name, demo.last_name
            user.save(update_fields=["first_name", "last_name"])
        if not Courier.objects.filter(user=user, is_active=True).exists():
            courier_add(user=user, township_id=user.profile.township_id)
    for demo in ORDERS:
        _order(demo)


def _zones(township: Township) -> None:
    prices = PRICES[township.currency]
    step = Decimal(prices.per_village)
    for position, (name, service_point) in enumerate(ZONES[township.slug], start=1):
        zone, _created = DeliveryZone.objects.update_or_create(
            township=township,
            name=name,
            defaults={
                "kind": ZoneKind.VILLAGE,
                "service_point": service_point,
                "position": position,
                "is_active": True,
            },
        )
        extra = step * (position - 1)
        _rates(zone, DeliveryMethod.HOME, prices.home, extra)
        if service_point:
            _rates(zone, DeliveryMethod.PICKUP, prices.pickup, extra)
    outside, _created = DeliveryZone.objects.update_or_create(
        township=township,
        name=OUTSIDE_ZONE,
        defaults={
            "kind": ZoneKind.OUTSIDE,
            "service_point": "",
            "position": len(ZONES[township.slug]) + 1,
            "is_active": True,
        },
    )
    _rates(outside, DeliveryMethod.HOME, prices.post, Decimal("0"))


def _rates(
    zone: DeliveryZone, method: str, prices: tuple[str, ...], extra: Decimal
) -> None:
    for max_weight, price in zip(BANDS, prices, strict=True):
        Rate.objects.update_or_create(
            zone=zone,
            method=method,
            max_weight_grams=max_weight,
            defaults={"price": Decimal(price) + extra},
        )


def _order(demo: DemoOrder) -> None:
    """Place the demo order unless the shopper has it, then carry its parcel."""
    shopper = User.objects.select_related("profile").get(phone=demo.shopper_phone)
    product = Product.objects.select_related("stall__township").get(
        title=demo.product_title
    )
    if Order.objects.filter(user=shopper, lines__product=product).exists():
        return
    township = product.stall.township
    zone = DeliveryZone.objects.get(township=township, name=demo.zone)
    if zone.kind == ZoneKind.OUTSIDE and not settings.HUB_COURIERS_OUTSIDE_PROVIDER:
        return  # checkout offers no delivery beyond the township without a carrier
    address = demo.address if demo.method == DeliveryMethod.HOME else zone.service_point
    order = _place(shopper, product, demo.quantity, zone, demo.method, address)
    shipment = Shipment.objects.get(
        reference=f"order:{order.number}:{product.stall_id}"
    )
    if shipment.provider != TOWNSHIP_PROVIDER:
        shipment_book(shipment=shipment)
    if demo.courier_phone:
        _carry(shipment, demo)


def _place(
    shopper: User,
    product: Product,
    quantity: int,
    zone: DeliveryZone,
    method: str,
    address: str,
) -> Order:
    basket_model = get_model("basket", "Basket")
    repository = get_class("shipping.repository", "Repository")
    calculator = get_class("checkout.calculators", "OrderTotalCalculator")
    basket = basket_model.objects.create(owner=shopper)
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity=quantity)
    # The delivery checkout would offer this basket for the zone and method.
    delivery = repository().find_by_code(shipping_code(zone, method), basket)
    charge = delivery.calculate(basket)
    order, _created = order_place(
        basket=basket,
        user=shopper,
        shipping_address=ShippingAddress(
            last_name=shopper.profile.real_name,
            line1=address,
            country_id=zone.township.country,
            phone_number=shopper.phone,
        ),
        shipping_method=delivery,
        shipping_charge=charge,
        total=calculator().calculate(basket, charge),
        payment_method=PaymentMethod.CASH,
    )
    return order


def _carry(shipment: Shipment, demo: DemoOrder) -> None:
    """Take a fresh parcel to ``demo.step`` as dispatch and its courier would."""
    courier = Courier.objects.select_related("user").get(user__phone=demo.courier_phone)
    clerk = (
        User.objects.filter(
            memberships__township_id=shipment.township_id,
            memberships__role=MembershipRole.LOGISTICS,
        )
        .order_by("pk")
        .first()
    )
    for step in _ROUTE[demo.step]:
        if step == S.ASSIGNED:
            shipments_assign(shipment_pks=[shipment.pk], courier=courier, actor=clerk)
        elif step == S.PICKED_UP:
            shipment_pickup(shipment=shipment, actor=courier.user)
        elif step == S.IN_TRANSIT:
            shipment_depart(shipment=shipment, actor=courier.user, place=demo.zone)
        elif step == S.DELIVERED:
            cash = Payment.objects.get(pk=shipment.cash_payment_id).amount
            shipment_deliver(
                shipment=shipment,
                actor=courier.user,
                code=shipment.delivery_code,
                cash=cash,
                place=demo.zone,
            )
        elif step == S.FAILED_ATTEMPT:
            shipment_fail(
                shipment=shipment,
                actor=courier.user,
                reason=FailureReason.NOBODY_HOME,
                place=demo.zone,
            )
