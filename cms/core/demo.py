"""The demo townships, their offices and one account per role, for `seed_demo`.

Three places this product is for: two towns near Chengdu and a commune in
Lạng Sơn, Vietnam. Later features add their own demo content here.
"""

import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction

from cms.core.demo_applications import OFFICER_ACCOUNTS, seed_applications
from cms.core.demo_consultations import seed_consultations
from cms.core.demo_couriers import COURIER_ACCOUNTS, seed_couriers
from cms.core.demo_marketplace import seed_marketplace
from cms.core.demo_microsites import seed_microsites
from cms.core.demo_services import seed_services
from cms.pages.services import township_site_provision
from hub.accounts.constants import Role
from hub.accounts.models import Profile, User
from townships.core.constants import Country, MembershipRole
from townships.core.models import Township
from townships.core.services import department_upsert, membership_grant, township_upsert

DEMO_PASSWORD = "township-demo-2026"

TOWNSHIPS = [
    {
        "slug": "xiaoyudong",
        "latitude": Decimal("31.196400"),
        "longitude": Decimal("103.772600"),
        "name_zh_hans": "小鱼洞镇",
        "name_en": "Xiaoyudong Town",
        "name_vi": "Thị trấn Tiểu Ngư Động",
        "county": "Pengzhou",
        "province": "Sichuan",
        "country": Country.CHINA,
        "timezone": "Asia/Shanghai",
        "currency": "CNY",
        "default_language": "zh-hans",
    },
    {
        "slug": "huaqiao",
        "latitude": Decimal("30.437500"),
        "longitude": Decimal("103.735700"),
        "name_zh_hans": "花桥镇",
        "name_en": "Huaqiao Town",
        "name_vi": "Thị trấn Hoa Kiều",
        "county": "Xinjin County",
        "province": "Sichuan",
        "country": Country.CHINA,
        "timezone": "Asia/Shanghai",
        "currency": "CNY",
        "default_language": "zh-hans",
    },
    {
        "slug": "mau-son",
        "latitude": Decimal("21.855300"),
        "longitude": Decimal("106.937600"),
        "name_zh_hans": "母山乡",
        "name_en": "Mau Son Commune",
        "name_vi": "Xã Mẫu Sơn",
        "county": "Lộc Bình",
        "province": "Lạng Sơn",
        "country": Country.VIETNAM,
        "timezone": "Asia/Ho_Chi_Minh",
        "currency": "VND",
        "default_language": "vi",
    },
]

# (slug, zh-hans, vi, en, address, opening hours) for each township.
DEPARTMENTS = [
    ("service-hall", "便民服务中心", "Bộ phận một cửa", "Citizen service centre"),
    ("civil-affairs", "民政办", "Ban dân chính", "Civil affairs office"),
    (
        "agriculture",
        "农业服务中心",
        "Trung tâm dịch vụ nông nghiệp",
        "Agriculture office",
    ),
    ("social-security", "社保所", "Bảo hiểm xã hội", "Social security office"),
]


@dataclass(frozen=True)
class DemoAccount:
    role: str
    township: str
    login: str
    password: str


# (role, township slug or "", phone, e-mail, real name, membership role[,
# department of an officer]); couriers and logistics clerks are in
# cms.core.demo_couriers, the officers of the demo services' departments in
# cms.core.demo_applications.
ACCOUNTS = [
    (Role.CITIZEN, "xiaoyudong", "+8613800000001", "", "王秀英", None),
    (Role.SELLER, "xiaoyudong", "+8613800000002", "", "李桂芳", None),
    (
        Role.TOWNSHIP_STAFF,
        "xiaoyudong",
        "",
        "staff@xiaoyudong.example.org",
        "刘洋",
        MembershipRole.STAFF,
    ),
    (
        Role.TOWNSHIP_HEAD,
        "xiaoyudong",
        "",
        "head@xiaoyudong.example.org",
        "陈静",
        MembershipRole.HEAD,
    ),
    (
        Role.OFFICER,
        "xiaoyudong",
        "",
        "officer@xiaoyudong.example.org",
        "杨磊",
        MembershipRole.OFFICER,
    ),
    (Role.AGENT, "xiaoyudong", "+8613800000007", "", "赵敏", MembershipRole.AGENT),
    (
        Role.TOWNSHIP_STAFF,
        "huaqiao",
        "",
        "staff@huaqiao.example.org",
        "黄勇",
        MembershipRole.STAFF,
    ),
    (
        Role.TOWNSHIP_HEAD,
        "huaqiao",
        "",
        "head@huaqiao.example.org",
        "周芳",
        MembershipRole.HEAD,
    ),
    (
        Role.TOWNSHIP_STAFF,
        "mau-son",
        "",
        "staff@mauson.example.org",
        "Nguyễn Văn An",
        MembershipRole.STAFF,
    ),
    (
        Role.TOWNSHIP_HEAD,
        "mau-son",
        "",
        "head@mauson.example.org",
        "Hoàng Thị Lan",
        MembershipRole.HEAD,
    ),
    (Role.CITIZEN, "mau-son", "+84912000001", "", "Lý Thị Hoa", None),
    (Role.ADMIN, "", "", "admin@example.org", "Hub admin", None),
]


@transaction.atomic
def seed_demo() -> list[DemoAccount]:
    """Create or repair the demo data; running it twice gives the same rows."""
    townships = {}
    for data in TOWNSHIPS:
        township = township_upsert(**data)
        township_site_provision(township=township)
        for slug, zh_hans, vi, en in DEPARTMENTS:
            department_upsert(
                township=township,
                slug=slug,
                name_zh_hans=zh_hans,
                name_vi=vi,
                name_en=en,
                address=f"{township.name_en}, {township.county}",
                opening_hours="Mon–Fri 9:00–12:00, 14:00–17:30",
            )
        townships[township.slug] = township
    accounts = [
        _demo_account(townships, *row)
        for row in (*ACCOUNTS, *COURIER_ACCOUNTS, *OFFICER_ACCOUNTS)
    ]
    seed_marketplace()
    seed_couriers()
    seed_microsites()
    seed_services()
    seed_applications()
    seed_consultations()
    return accounts


def _demo_account(
    townships: dict[str, Township],
    role: Role,
    township_slug: str,
    phone: str,
    email: str,
    real_name: str,
    membership_role: MembershipRole | None,
    department_slug: str = "civil-affairs",
) -> DemoAccount:
    lookup = {"phone": phone} if phone else {"email": email}
    user = User.objects.filter(**lookup).first()
    if user is None:
        user = User(**lookup, is_phone_verified=bool(phone))
    user.is_active = True
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.set_password(DEMO_PASSWORD)
    user.save()
    township = townships.get(township_slug)
    Profile.objects.update_or_create(
        user=user, defaults={"real_name": real_name, "township": township}
    )
    user.groups.add(Group.objects.get(name=role))
    if membership_role is not None:
        department = (
            township.departments.get(slug=department_slug)
            if membership_role == MembershipRole.OFFICER
            else None
        )
        membership_grant(
            user=user, township=township, role=membership_role, department=department
        )
    return DemoAccount(
        role=role.value,
        township=township_slug,
        login=phone or email,
        password=DEMO_PASSWORD,
    )


def write_demo_accounts(accounts: list[DemoAccount], path: Path) -> None:
    """Write the logins as a JSON list of {role, township, login, password}."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps([asdict(a) for a in accounts], ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
