"""Townships (through the real provisioning), their departments and staff,
and the citizens."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils.text import slugify

from cms.core.demo import DEPARTMENTS
from cms.pages.services import township_site_provision
from hub.accounts.models import Profile, User
from townships.core.constants import Country, MembershipRole
from townships.core.models import Department, Membership, Township
from townships.core.services import township_upsert

from . import texts
from .base import (
    BATCH,
    BENCH_EMAIL_DOMAIN,
    VN_SHARE,
    Context,
    Town,
    given_timestamps,
    insert,
    person_name,
)


def townships_generate(context: Context) -> dict[str, int]:
    """Townships with their home page, departments and staff, officers, agent."""
    rng = context.random("townships")
    taken = set(Township.objects.values_list("slug", flat=True))
    total = context.sizes.townships
    vietnamese = max(1, round(total * VN_SHARE))
    rows = _township_rows(rng, taken, chinese=total - vietnamese, vietnamese=vietnamese)
    for data, title, village_names in rows:
        township = township_upsert(**data)
        home = township_site_provision(township=township, title=title)
        context.towns.append(
            Town(
                township=township,
                home=home,
                weight=rng.lognormvariate(0, 0.5),
                language=township.default_language,
                villages=village_names,
            )
        )
    departments = insert(
        Department,
        [
            Department(
                township=town.township,
                slug=slug,
                name_zh_hans=zh_hans,
                name_vi=vi,
                name_en=en,
                address=f"{town.township.name_en}, {town.township.county}",
                opening_hours="Mon–Fri 9:00–12:00, 14:00–17:30",
            )
            for town in context.towns
            for slug, zh_hans, vi, en in DEPARTMENTS
        ],
    )
    by_township = {town.township.pk: town for town in context.towns}
    for department in departments:
        by_township[department.township_id].departments[department.slug] = department.pk
    users = _staff_accounts(context, rng)
    return {"townships": len(context.towns), "departments": len(departments)} | users


def _township_rows(
    rng: random.Random, taken: set[str], *, chinese: int, vietnamese: int
) -> list[tuple[dict, str, list[str]]]:
    """(township fields, home title, village names) of each new township."""
    rows = []
    pairs = [(a, b) for a in texts.CN_TOWN_FIRST for b in texts.CN_TOWN_SECOND]
    rng.shuffle(pairs)
    for (first, first_pinyin), (second, second_pinyin) in pairs:
        slug = first_pinyin + second_pinyin
        if len(rows) == chinese:
            break
        if slug in taken:
            continue
        taken.add(slug)
        suffix, suffix_en = rng.choice(texts.CN_TOWN_SUFFIX)
        county, province, latitude, longitude = rng.choice(texts.CN_COUNTIES)
        name = first + second + suffix
        roman = slug.capitalize()
        rows.append(
            (
                {
                    "slug": slug,
                    "name_zh_hans": name,
                    "name_en": f"{roman} {suffix_en}",
                    "name_vi": f"{'Thị trấn' if suffix == '镇' else 'Xã'} {roman}",
                    "county": county,
                    "province": province,
                    "country": Country.CHINA,
                    "timezone": "Asia/Shanghai",
                    "currency": "CNY",
                    "default_language": "zh-hans",
                    **_position(rng, latitude, longitude),
                },
                name,
                [v + "村" for v in rng.sample(texts.VILLAGE_CN, 8)],
            )
        )
    pairs = [(a, b) for a in texts.VN_TOWN_FIRST for b in texts.VN_TOWN_SECOND]
    rng.shuffle(pairs)
    added = 0
    for first, second in pairs:
        if added == vietnamese:
            break
        slug = slugify(f"{first} {second}".translate(texts.VN_PLAIN))
        if slug in taken or first == second:
            continue
        taken.add(slug)
        added += 1
        county, province, latitude, longitude = rng.choice(texts.VN_COUNTIES)
        name = f"Xã {first} {second}"
        plain = " ".join(part.capitalize() for part in slug.split("-"))
        rows.append(
            (
                {
                    "slug": slug,
                    "name_zh_hans": f"{first} {second}乡",
                    "name_en": f"{plain} Commune",
                    "name_vi": name,
                    "county": county,
                    "province": province,
                    "country": Country.VIETNAM,
                    "timezone": "Asia/Ho_Chi_Minh",
                    "currency": "VND",
                    "default_language": "vi",
                    **_position(rng, latitude, longitude),
                },
                name,
                ["Bản " + v for v in rng.sample(texts.VILLAGE_VN, 6)],
            )
        )
    if len(rows) < chinese + vietnamese:
        raise ValueError(f"There are names for {len(rows)} more townships only.")
    return rows


def _position(rng: random.Random, latitude: float, longitude: float) -> dict:
    return {
        "latitude": Decimal(f"{latitude + rng.uniform(-0.3, 0.3):.6f}"),
        "longitude": Decimal(f"{longitude + rng.uniform(-0.3, 0.3):.6f}"),
    }


def _staff_accounts(context: Context, rng: random.Random) -> dict[str, int]:
    """Staff, head, a service-centre agent and an officer per department."""
    role_groups = {group.name: group.pk for group in Group.objects.all()}
    users, profiles, memberships, towns_of, groups = [], [], [], [], []
    for town in context.towns:
        township = town.township
        people = [
            ("staff", MembershipRole.STAFF, None),
            ("head", MembershipRole.HEAD, None),
            ("agent", MembershipRole.AGENT, None),
        ] + [
            (f"officer-{slug}", MembershipRole.OFFICER, slug)
            for slug in town.departments
        ]
        for login, role, department_slug in people:
            user = User(
                email=f"{login}.{township.slug}@{BENCH_EMAIL_DOMAIN}",
                password=context.password,
                date_joined=context.now - timedelta(days=400),
            )
            users.append(user)
            profiles.append(
                Profile(
                    user=user,
                    real_name=person_name(rng, vietnamese=town.is_vietnamese),
                    township=township,
                    preferred_language=town.language,
                )
            )
            department = town.departments.get(department_slug or "")
            memberships.append(
                Membership(
                    user=user, township=township, role=role, department_id=department
                )
            )
            towns_of.append(town)
            cms_groups = []
            if role in (MembershipRole.STAFF, MembershipRole.HEAD):
                cms_groups.append(township.editors_group_id)
            if role == MembershipRole.HEAD:
                cms_groups.append(township.heads_group_id)
            groups.append((user, [role_groups[role], *cms_groups]))
    insert(User, users)
    for town, membership in zip(towns_of, memberships, strict=True):
        user_pk = membership.user.pk
        if membership.role == MembershipRole.STAFF:
            town.staff = user_pk
        elif membership.role == MembershipRole.HEAD:
            town.head = user_pk
        elif membership.role == MembershipRole.AGENT:
            town.agent = user_pk
        else:
            town.officers[membership.department_id] = user_pk
    insert(Profile, profiles)
    insert(Membership, memberships)
    insert(
        User.groups.through,
        [
            User.groups.through(user_id=user.pk, group_id=group_pk)
            for user, group_pks in groups
            for group_pk in group_pks
        ],
    )
    return {"staff accounts": len(users)}


def citizens_generate(context: Context) -> dict[str, int]:
    """Citizens with a phone (some also an e-mail), a profile and a village."""
    rng = context.random("citizens")
    towns = context.towns
    total = context.sizes.citizens
    # Citizen 0 is the benchmark's login: a Chinese township's (the first).
    homes = [0] + rng.choices(range(len(towns)), [t.weight for t in towns], k=total - 1)
    with given_timestamps(Profile):
        for start in range(0, total, 10 * BATCH):
            users, profiles = [], []
            for index in range(start, min(start + 10 * BATCH, total)):
                town = towns[homes[index]]
                vietnamese = town.is_vietnamese
                phone = f"+8497{index:07d}" if vietnamese else f"+86150{index:08d}"
                joined = context.days_ago(rng, days=540, skew=0.8)
                name = person_name(rng, vietnamese=vietnamese)
                users.append(
                    User(
                        phone=phone,
                        email=f"citizen{index}@{BENCH_EMAIL_DOMAIN}"
                        if rng.random() < 0.2
                        else None,
                        is_phone_verified=True,
                        password=context.password,
                        date_joined=joined,
                    )
                )
                language = town.language if rng.random() < 0.6 else ""
                profiles.append(
                    Profile(
                        real_name=name,
                        township=town.township,
                        village=rng.choice(town.villages),
                        preferred_language=language,
                        created_at=joined,
                        updated_at=joined,
                    )
                )
                context.citizen_languages.append(language or town.language)
                context.citizen_names.append(name)
                context.citizen_phones.append(phone)
                context.citizen_town.append(homes[index])
                town.citizens.append(index)
            insert(User, users)
            for user, profile in zip(users, profiles, strict=True):
                profile.user_id = user.pk
                context.citizen_pks.append(user.pk)
            insert(Profile, profiles)
    return {"citizens": total}
