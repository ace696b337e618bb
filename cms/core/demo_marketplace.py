"""Demo stalls and produce of the three demo townships, for `seed_demo`.

Stalls are opened, verified and stocked through the shop's own services, as a
villager, a service-centre agent and township staff would. Photos are small
generated JPEGs run through the real photo pipeline. Safe to run twice.
"""

import io
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from PIL import Image, ImageDraw

from hub.accounts.models import Profile, User
from shop.catalogue.constants import ProduceCategory as C
from shop.catalogue.constants import ProduceUnit as U
from shop.catalogue.models import Product, ProductPhotoUpload
from shop.catalogue.services import ListingData, product_create, product_photo_process
from shop.partner.constants import BadgeKind, PayoutMethod, StallStatus
from shop.partner.models import Badge, Partner
from shop.partner.services import badge_record, stall_apply, stall_verify
from townships.core.constants import MembershipRole
from townships.core.models import Township

DEMO_PASSWORD = "township-demo-2026"
AGENT_PHONE = "+8613800000007"


@dataclass(frozen=True)
class DemoProduct:
    title: str
    category: str
    unit: str
    price: str
    quantity: int
    days_ago: int
    shelf_life_days: int
    weight_grams: int
    description: str
    colour: tuple[int, int, int]


@dataclass(frozen=True)
class DemoStall:
    township: str
    owner_phone: str
    owner_name: str
    name: str
    village: str
    products: list[DemoProduct] = field(default_factory=list)
    cooperative: str = ""
    story: str = ""
    payout: str = PayoutMethod.CASH
    status: str = StallStatus.VERIFIED
    assisted: bool = False
    badge: tuple[str, str] | None = None  # (kind, number) on the first product


P = DemoProduct
STALLS = [
    DemoStall(
        "xiaoyudong",
        "+8613800000002",
        "李桂芳",
        "桂芳土鸡蛋",
        "杨坪村",
        [
            P(
                "Free-range eggs 土鸡蛋",
                C.EGGS_POULTRY,
                U.DOZEN,
                "28.00",
                40,
                1,
                20,
                800,
                "Hens that roam the hillside orchards above the Jian river.",
                (236, 200, 120),
            ),
            P(
                "Mountain pheasant 山鸡",
                C.EGGS_POULTRY,
                U.PIECE,
                "168.00",
                6,
                2,
                3,
                1500,
                "Raised free in the bamboo woods; sent chilled.",
                (150, 90, 60),
            ),
        ],
        story="My family has kept hens on the slopes of Longmen Shan for three "
        "generations.",
        payout=PayoutMethod.CARD,
    ),
    DemoStall(
        "xiaoyudong",
        "+8613800000101",
        "王德全",
        "小鱼洞春笋",
        "大楠村",
        [
            P(
                "Spring bamboo shoots 春笋",
                C.BAMBOO_SHOOTS,
                U.JIN,
                "12.00",
                120,
                1,
                5,
                500,
                "Dug at dawn in March and April.",
                (190, 170, 110),
            )
        ],
        cooperative="小鱼洞竹笋专业合作社",
        badge=(BadgeKind.COOPERATIVE, "DEMO-COOP-51018200"),
    ),
    DemoStall(
        "xiaoyudong",
        "+8613800000102",
        "张秀兰",
        "秀兰草鞋",
        "小鱼洞社区",
        [
            P(
                "Straw sandals 草鞋",
                C.HANDICRAFTS,
                U.PIECE,
                "35.00",
                25,
                20,
                3650,
                300,
                "Woven by hand from rice straw, the old way.",
                (200, 180, 90),
            )
        ],
    ),
    DemoStall(
        "xiaoyudong",
        "+8613800000103",
        "刘大富",
        "老刘腊肉",
        "杨坪村",
        [
            P(
                "Smoked old bacon 老腊肉",
                C.CURED_MEAT,
                U.JIN,
                "68.00",
                30,
                30,
                180,
                500,
                "Smoked over cypress and orange peel for forty days.",
                (120, 50, 40),
            )
        ],
    ),
    DemoStall(
        "huaqiao",
        "+8613800000201",
        "陈玉梅",
        "花桥韭黄",
        "花桥社区",
        [
            P(
                "Yellow chives 韭黄",
                C.VEGETABLES,
                U.JIN,
                "8.00",
                200,
                1,
                4,
                500,
                "Grown in the dark under straw, tender and sweet.",
                (235, 220, 90),
            )
        ],
        badge=(BadgeKind.GEOGRAPHICAL_INDICATION, "DEMO-GI-XINJIN-01"),
    ),
    DemoStall(
        "huaqiao",
        "+8613800000202",
        "周建国",
        "建国果园",
        "宝墩村",
        [
            P(
                "Ugly oranges 丑柑",
                C.FRUIT,
                U.KG,
                "16.00",
                300,
                3,
                30,
                1000,
                "Sweet, easy-peel mandarins from the river plain.",
                (240, 150, 40),
            )
        ],
    ),
    DemoStall(
        "huaqiao",
        "+8613800000203",
        "黄小芳",
        "黄家泡菜",
        "花桥社区",
        [
            P(
                "Sichuan pickled vegetables 泡菜",
                C.VEGETABLES,
                U.PIECE,
                "25.00",
                50,
                14,
                90,
                1200,
                "A 1 kg jar of radish, cabbage and chilli in old brine.",
                (200, 80, 60),
            )
        ],
    ),
    DemoStall(
        "huaqiao",
        "+8613800000204",
        "杨师傅",
        "杨师傅竹编",
        "宝墩村",
        [
            P(
                "Bamboo basket 竹编篮",
                C.HANDICRAFTS,
                U.PIECE,
                "45.00",
                15,
                10,
                3650,
                400,
                "Woven from split cizhu bamboo.",
                (170, 140, 80),
            )
        ],
    ),
    DemoStall(
        "mau-son",
        "+84912000101",
        "Hoàng Văn Hùng",
        "Hồi Mẫu Sơn",
        "Bản Khuổi Cầm",
        [
            P(
                "Star anise (hoa hồi)",
                C.SPICES,
                U.KG,
                "180000",
                80,
                20,
                365,
                1000,
                "Sun-dried star anise from the Mẫu Sơn slopes.",
                (140, 60, 40),
            )
        ],
        badge=(BadgeKind.GEOGRAPHICAL_INDICATION, "DEMO-GI-LANGSON-HOI"),
    ),
    DemoStall(
        "mau-son",
        "+84912000102",
        "Lý Thị Mai",
        "Đào Mẫu Sơn",
        "Bản Pò Po",
        [
            P(
                "Mẫu Sơn peaches (đào)",
                C.FRUIT,
                U.KG,
                "60000",
                60,
                2,
                7,
                1000,
                "Small, fragrant mountain peaches, picked in June.",
                (245, 170, 160),
            )
        ],
    ),
    DemoStall(
        "mau-son",
        "+84912000103",
        "Vi Văn Tùng",
        "Na Chi Lăng",
        "Bản Lằm",
        [
            P(
                "Chi Lăng custard apples (na)",
                C.FRUIT,
                U.KG,
                "50000",
                90,
                2,
                5,
                1000,
                "Custard apples from the limestone hills of Chi Lăng.",
                (140, 190, 110),
            )
        ],
        cooperative="HTX Na Chi Lăng",
        badge=(BadgeKind.ORGANIC, "DEMO-ORG-0042"),
    ),
    DemoStall(
        "mau-son",
        "+84912000104",
        "Nông Thị Hạnh",
        "Thịt gác bếp Mẫu Sơn",
        "Bản Khuổi Cầm",
        [
            P(
                "Smoked black pork (thịt lợn gác bếp)",
                C.CURED_MEAT,
                U.KG,
                "450000",
                20,
                30,
                90,
                1000,
                "Black pig smoked above the kitchen fire.",
                (90, 40, 30),
            )
        ],
    ),
    # Opened by the Xiaoyudong service-centre agent for a villager without a
    # smartphone; she owns it, the history shows who acted for her.
    DemoStall(
        "xiaoyudong",
        "+8613800000104",
        "赵奶奶",
        "赵奶奶蕨菜",
        "大楠村",
        [
            P(
                "Wild bracken fern 蕨菜",
                C.VEGETABLES,
                U.BUNCH,
                "10.00",
                40,
                2,
                5,
                300,
                "Picked on the hills above the village in spring.",
                (90, 140, 60),
            )
        ],
        assisted=True,
    ),
    # Waiting for township staff: shows the verification queue.
    DemoStall(
        "huaqiao",
        "+8613800000205",
        "吴永红",
        "永红蜂蜜",
        "花桥社区",
        status=StallStatus.PENDING,
    ),
]


def seed_marketplace() -> None:
    """Create or repair the demo stalls, products, photos and badges."""
    townships = {t.slug: t for t in Township.objects.all()}
    agent = User.objects.get(phone=AGENT_PHONE)
    for demo in STALLS:
        township = townships[demo.township]
        owner = _villager(demo, township)
        stall = Partner.objects.filter(users=owner).first()
        if stall is None:
            stall = stall_apply(
                actor=agent if demo.assisted else owner,
                owner=owner,
                name=demo.name,
                village=demo.village,
                township=township,
                phone=demo.owner_phone,
                payout_method=demo.payout,
                cooperative=demo.cooperative,
                story=demo.story,
            )
        if demo.status == StallStatus.VERIFIED and not stall.is_verified:
            stall = stall_verify(actor=_staff(township), stall=stall)
        for product_data in demo.products:
            product = Product.objects.filter(
                stall=stall, title=product_data.title
            ).first()
            if product is None:
                product = _list(demo, stall, product_data, agent, owner)
            if demo.badge and not Badge.objects.filter(stall=stall).exists():
                badge_record(
                    actor=_staff(township),
                    stall=stall,
                    kind=demo.badge[0],
                    number=demo.badge[1],
                    expires_on=timezone.localdate() + timedelta(days=730),
                    product=product,
                )


def _villager(demo: DemoStall, township: Township) -> User:
    user = User.objects.filter(phone=demo.owner_phone).first()
    if user is None:
        user = User.objects.create_user(
            phone=demo.owner_phone, password=DEMO_PASSWORD, is_phone_verified=True
        )
    Profile.objects.update_or_create(
        user=user, defaults={"real_name": demo.owner_name, "township": township}
    )
    return user


def _staff(township: Township) -> User:
    return User.objects.filter(
        memberships__township=township, memberships__role=MembershipRole.STAFF
    ).first()


def _list(demo, stall, data: DemoProduct, agent: User, owner: User) -> Product:
    product = product_create(
        actor=agent if demo.assisted else owner,
        stall=stall,
        data=ListingData(
            title=data.title,
            produce_category=data.category,
            unit=data.unit,
            price=Decimal(data.price),
            quantity=data.quantity,
            harvest_date=timezone.localdate() - timedelta(days=data.days_ago),
            shelf_life_days=data.shelf_life_days,
            weight_grams=data.weight_grams,
            description=data.description,
        ),
    )
    # Processed here rather than by the worker, so the demo has photos at once.
    upload = ProductPhotoUpload(product=product)
    upload.file.save(f"demo-{product.pk}.jpg", _photo(data.colour), save=False)
    upload.save()
    product_photo_process(upload=upload)
    return product


def _photo(colour: tuple[int, int, int]):
    """A small drawn picture of the produce colour (not a real photo)."""
    image = Image.new("RGB", (640, 480), (246, 241, 228))
    draw = ImageDraw.Draw(image)
    draw.ellipse((170, 90, 470, 390), fill=colour, outline=(60, 60, 60), width=6)
    draw.rectangle((0, 420, 640, 480), fill=(80, 130, 70))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return ContentFile(buffer.getvalue())
