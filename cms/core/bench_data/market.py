"""The marketplace: stalls, products with their stock and shared photos, and
orders split into seller groups."""

from __future__ import annotations

import functools
import io
import random
import uuid
from collections import Counter, defaultdict
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oscar.core.utils import slugify as oscar_slugify
from PIL import Image, ImageDraw

from hub.core.images import process_photo, rendition_name
from hub.notifications.constants import MessageKind
from hub.payments.constants import PaymentMethod, PaymentStatus
from hub.payments.models import Payment
from shop.catalogue.constants import ProduceCategory
from shop.catalogue.models import Product, ProductClass, ProductImage
from shop.catalogue.services import PRODUCE_CLASS_SLUG
from shop.order.constants import (
    LINE_CANCELLED,
    LINE_REFUSED,
    ORDER_CANCELLED,
    ORDER_COMPLETE,
    ORDER_PLACED,
    SellerGroupStatus,
)
from shop.order.models import Line, Order, SellerGroup, ShippingAddress
from shop.order.services import order_payment_reference
from shop.partner.constants import BadgeKind, PayoutMethod, StallStatus
from shop.partner.models import Badge, Partner, StockRecord
from townships.core.constants import Country

from . import texts
from .base import (
    BATCH,
    FEATURED_ORDERS,
    ORDER_NUMBER_START,
    VND_PER_CNY,
    Context,
    InboxItem,
    ProductPlan,
    Stall,
    Town,
    chunks,
    given_timestamps,
    insert,
    random_uuid,
)

# Oscar's partner code of the generated stalls.
STALL_CODE = "bench-stall-"


def stalls_generate(context: Context) -> dict[str, int]:
    """Stalls (Oscar partners) of villagers; most verified, some waiting or
    refused; a few opened by an agent, a few with a badge."""
    rng = context.random("stalls")
    towns = context.towns
    total = context.sizes.stalls
    # Every township gets a stall before the weights share out the rest.
    places = list(range(min(total, len(towns))))
    places += rng.choices(
        range(len(towns)), [t.weight for t in towns], k=total - len(places)
    )
    partners, plans = [], []
    with given_timestamps(Partner):
        for index, town_index in enumerate(places):
            town = towns[town_index]
            owner = rng.choice(town.citizens) if town.citizens else 0
            specialty, zh, vi, *_rest = rng.choice(texts.PRODUCE)
            village = rng.choice(town.villages)
            owner_name = context.citizen_names[owner]
            if town.is_vietnamese:
                name = f"{vi} {village.removeprefix('Bản ')}"
            elif rng.random() < 0.3:
                name = f"{village}{zh}合作社"
            else:
                name = f"{owner_name[1:] or owner_name}{zh}"
            status = (
                StallStatus.VERIFIED
                if index < len(towns) or rng.random() < 0.92
                else rng.choice((StallStatus.PENDING, StallStatus.REFUSED))
            )
            opened = context.days_ago(rng, days=400, skew=1.0)
            partners.append(
                Partner(
                    uuid=random_uuid(rng),
                    code=f"{STALL_CODE}{index:05d}",
                    name=name[:128],
                    township=town.township,
                    village=village,
                    phone=context.citizen_phones[owner],
                    cooperative=name if name.endswith("合作社") else "",
                    payout_method=rng.choice(PayoutMethod.values),
                    story=rng.choice(
                        texts.PRODUCE_PITCH_VN
                        if town.is_vietnamese
                        else texts.PRODUCE_PITCH_CN
                    ),
                    status=status,
                    refusal_reason=texts.STALL_REFUSAL[town.is_vietnamese]
                    if status == StallStatus.REFUSED
                    else "",
                    reviewed_by_id=None
                    if status == StallStatus.PENDING
                    else town.staff,
                    reviewed_at=None
                    if status == StallStatus.PENDING
                    else opened + timedelta(days=1),
                    opened_by_id=town.agent if rng.random() < 0.1 else None,
                    created_at=opened,
                )
            )
            plans.append((town_index, owner, specialty, status))
        insert(Partner, partners)
    insert(
        Partner.users.through,
        [
            Partner.users.through(partner_id=p.pk, user_id=context.citizen_pks[plan[1]])
            for p, plan in zip(partners, plans, strict=True)
        ],
    )
    badges = []
    for partner, (town_index, owner, specialty, status) in zip(
        partners, plans, strict=True
    ):
        if status != StallStatus.VERIFIED:
            continue
        context.stalls.append(
            Stall(
                pk=partner.pk,
                town=town_index,
                name=partner.name,
                specialty=specialty,
                owner=owner,
            )
        )
        towns[town_index].stalls.append(len(context.stalls) - 1)
        if rng.random() < 0.05:
            badges.append(
                Badge(
                    stall=partner,
                    kind=rng.choice(BadgeKind.values),
                    number=f"BENCH-{partner.pk:06d}",
                    expires_on=context.now.date()
                    + timedelta(days=rng.randint(90, 900)),
                    recorded_by_id=towns[town_index].staff,
                )
            )
    insert(Badge, badges)
    return {
        "stalls": len(partners),
        "verified": len(context.stalls),
        "badges": len(badges),
    }


def _shared_photos() -> dict[str, str]:
    """One photo per produce category, with its renditions, written once."""
    names = {}
    for category, colour in texts.PHOTO_COLOURS.items():
        name = f"images/products/bench/{category}.jpg"
        names[category] = name
        if default_storage.exists(name):
            continue
        image = Image.new("RGB", (800, 600), (246, 241, 228))
        draw = ImageDraw.Draw(image)
        draw.ellipse((220, 120, 580, 480), fill=colour, outline=(60, 60, 60), width=6)
        draw.rectangle((0, 530, 800, 600), fill=(80, 130, 70))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
        processed = process_photo(io.BytesIO(buffer.getvalue()))
        default_storage.save(name, ContentFile(processed.main))
        for width, content in processed.renditions.items():
            default_storage.save(rendition_name(name, width), ContentFile(content))
    return names


def products_generate(context: Context) -> dict[str, int]:
    """Products of verified stalls, each with its stock record and photo."""
    rng = context.random("products")
    stalls = context.stalls
    total = context.sizes.products if stalls else 0
    photos = _shared_photos()
    product_class, _created = ProductClass.objects.get_or_create(
        slug=PRODUCE_CLASS_SLUG,
        defaults={"name": "Produce", "requires_shipping": True, "track_stock": True},
    )
    by_category = defaultdict(list)
    for row in texts.PRODUCE:
        by_category[row[0]].append(row)
    owners = list(range(min(total, len(stalls))))
    owners += rng.choices(
        range(len(stalls)),
        [rng.lognormvariate(0, 0.7) for _stall in stalls],
        k=total - len(owners),
    )
    slugs: dict[str, str] = {}
    today = context.now.date()
    with given_timestamps(Product, StockRecord, ProductImage):
        for chunk in chunks(owners, 5 * BATCH):
            products, stock, plans = [], [], []
            for stall_index in chunk:
                stall = stalls[stall_index]
                town = context.towns[stall.town]
                category = (
                    stall.specialty
                    if rng.random() < 0.7
                    else rng.choice(ProduceCategory.values)
                )
                _c, zh, vi, unit, price, grams, shelf_life = rng.choice(
                    by_category[category]
                )
                if town.is_vietnamese:
                    title = f"{vi} {rng.choice(texts.PRODUCE_QUALIFIER_VN)}".strip()
                    title = f"{title} – {rng.choice(town.villages)}"
                    amount = Decimal(
                        round(price * VND_PER_CNY * rng.uniform(0.7, 1.5), -3)
                    )
                else:
                    title = rng.choice(texts.PRODUCE_QUALIFIER_CN) + zh
                    if unit in ("jin", "kg") and rng.random() < 0.4:
                        title += f" {rng.choice((2, 3, 5))}斤装"
                    amount = (
                        Decimal(round(price * rng.uniform(0.7, 1.5) * 2)) / 2
                    ).quantize(Decimal("0.01"))
                listed = context.days_ago(rng, days=365, skew=1.1)
                if title not in slugs:
                    slugs[title] = oscar_slugify(title)[:255] or "produce"
                products.append(
                    Product(
                        product_class=product_class,
                        stall_id=stall.pk,
                        is_public=rng.random() < 0.97,
                        title=title,
                        slug=slugs[title],
                        upc=None,
                        description=rng.choice(
                            texts.PRODUCE_PITCH_VN
                            if town.is_vietnamese
                            else texts.PRODUCE_PITCH_CN
                        ),
                        produce_category=category,
                        unit=unit,
                        harvest_date=today
                        - timedelta(days=rng.randint(0, min(shelf_life, 60))),
                        shelf_life_days=shelf_life,
                        weight_grams=grams,
                        date_created=listed,
                        date_updated=listed,
                    )
                )
                plans.append(
                    (
                        stall_index,
                        amount,
                        0 if rng.random() < 0.08 else rng.randint(5, 300),
                        listed,
                    )
                )
            insert(Product, products)
            for product, (stall_index, amount, quantity, listed) in zip(
                products, plans, strict=True
            ):
                stock.append(
                    StockRecord(
                        product=product,
                        partner_id=stalls[stall_index].pk,
                        partner_sku=f"P{product.pk}",
                        price_currency=context.towns[
                            stalls[stall_index].town
                        ].township.currency,
                        price=amount,
                        num_in_stock=quantity,
                        num_allocated=0,
                        low_stock_threshold=3,
                        date_created=listed,
                        date_updated=listed,
                    )
                )
            insert(StockRecord, stock)
            insert(
                ProductImage,
                [
                    ProductImage(
                        product=product,
                        original=photos[product.produce_category],
                        display_order=0,
                        date_created=product.date_created,
                    )
                    for product in products
                ],
            )
            for product, record, (stall_index, amount, _q, _l) in zip(
                products, stock, plans, strict=True
            ):
                stalls[stall_index].products.append(len(context.products))
                context.products.append(
                    ProductPlan(
                        pk=product.pk,
                        stall=stall_index,
                        title=product.title,
                        price=amount,
                        stockrecord=record.pk,
                        sku=record.partner_sku,
                    )
                )
    return {
        "products": total,
        "stock records": total,
        "photos": total,
        "photo files": len(photos),
    }


def _group_fate(rng: random.Random, age: timedelta) -> str:
    """Where a seller's parcel is, by the age of the order."""
    G = SellerGroupStatus
    if age < timedelta(days=1):
        choices = ((G.PLACED, 75), (G.DISPATCHED, 20), (G.CANCELLED, 5))
    elif age < timedelta(days=5):
        choices = (
            (G.PLACED, 15),
            (G.DISPATCHED, 40),
            (G.DELIVERED, 40),
            (G.CANCELLED, 5),
        )
    else:
        choices = ((G.DELIVERED, 90), (G.CANCELLED, 6), (G.RETURNED, 4))
    statuses, weights = zip(*choices, strict=True)
    return rng.choices(statuses, weights)[0]


def orders_generate(context: Context) -> dict[str, int]:
    """Orders split into one group per stall, with lines, address and states
    as the shop's services leave them; stock allocated to the open ones."""
    rng = context.random("orders")
    towns = context.towns
    sellable = [
        [s for s in town.stalls if context.stalls[s].products] for town in towns
    ]
    weights = [town.weight if sellable[i] else 0 for i, town in enumerate(towns)]
    total = context.sizes.orders if any(weights) else 0
    counts = Counter(rng.choices(range(len(towns)), weights, k=total)) if total else {}
    # The featured citizen buys in the first Chinese township that sells.
    featured_town = next(
        (i for i, t in enumerate(towns) if sellable[i] and not t.is_vietnamese), None
    )
    number = ORDER_NUMBER_START
    figures = Counter()
    with given_timestamps(SellerGroup, Payment):
        for town_index, town in enumerate(towns):
            count = counts.get(town_index, 0)
            if not count:
                continue
            buyers = (
                [
                    c
                    for c in range(len(context.citizen_town))
                    if towns[context.citizen_town[c]].is_vietnamese
                    == town.is_vietnamese
                ]
                if not town.citizens
                else None
            )
            plans = []
            for position in range(count):
                number += 1
                if town_index == featured_town and position < FEATURED_ORDERS:
                    buyer = 0
                elif buyers is not None:
                    buyer = rng.choice(buyers)
                else:
                    buyer = rng.choice(town.citizens)
                plans.append(
                    _order_plan(context, rng, town, sellable[town_index], buyer, number)
                )
            _orders_insert(context, plans, figures)
    allocated = (
        Line.objects.filter(stockrecord=OuterRef("pk"))
        .values("stockrecord")
        .annotate(total=Sum("num_allocated"))
        .values("total")
    )
    generated = StockRecord.objects.filter(partner__code__startswith=STALL_CODE)
    generated.update(num_allocated=Coalesce(Subquery(allocated), 0))
    generated.filter(num_allocated__gt=F("num_in_stock")).update(
        num_in_stock=Greatest(F("num_in_stock"), F("num_allocated"))
    )
    return {"orders": total} | dict(figures)


def _order_plan(context, rng, town: Town, sellable: list[int], buyer: int, number):
    placed = context.days_ago(rng, days=365, skew=1.2)
    age = context.now - placed
    by_card = rng.random() < 0.55
    vietnamese = town.is_vietnamese
    village = rng.choice(town.villages)
    address = ShippingAddress(
        first_name="",
        last_name=context.citizen_names[buyer],
        line1=f"Số {rng.randint(1, 80)}, {village}"
        if vietnamese
        else f"{village}{rng.randint(1, 12)}组{rng.randint(1, 80)}号",
        line4=town.local_name,
        state=town.township.province,
        postcode=f"{rng.randint(100000, 999999)}",
        country_id=town.township.country,
        phone_number=context.citizen_phones[buyer],
    )
    address.search_text = " ".join(
        part
        for part in (address.last_name, address.line1, address.line4, address.state)
        if part
    )
    stall_count = min(len(sellable), rng.choices((1, 2, 3), (75, 20, 5))[0])
    groups = []
    for stall_index in rng.sample(sellable, stall_count):
        stall = context.stalls[stall_index]
        fate = _group_fate(rng, age)
        picked = rng.sample(
            stall.products, min(len(stall.products), rng.choice((1, 1, 2, 3)))
        )
        lines = [(context.products[p], rng.choice((1, 1, 1, 2, 3))) for p in picked]
        charge = (
            Decimal(rng.choice((15000, 20000, 30000)))
            if vietnamese
            else Decimal(rng.choice(("5.00", "8.00", "10.00", "12.00")))
        )
        refused = fate == SellerGroupStatus.DELIVERED and len(lines) > 1
        groups.append((stall, fate, lines, charge, refused and rng.random() < 0.1))
    return (buyer, number, placed, by_card, address, groups, village)


def _order_subject(*, number: int, count: int) -> str:
    return ngettext(
        "Order %(number)s placed: %(count)d parcel",
        "Order %(number)s placed: %(count)d parcels, one per seller",
        count,
    ) % {"number": number, "count": count}


def _orders_insert(context: Context, plans: list, figures: Counter) -> None:
    G = SellerGroupStatus
    insert(ShippingAddress, [plan[4] for plan in plans])
    orders, groups, lines, payments = [], [], [], []
    for buyer, number, placed, by_card, address, stall_groups, village in plans:
        currency = "VND" if address.country_id == Country.VIETNAM else "CNY"
        goods = sum(
            (
                product.price * quantity
                for _s, _f, items, *_rest in stall_groups
                for product, quantity in items
            ),
            Decimal("0.00"),
        )
        shipping = sum((group[3] for group in stall_groups), Decimal("0.00"))
        fates = {group[1] for group in stall_groups}
        if fates & {G.PLACED, G.DISPATCHED}:
            status = ORDER_PLACED
        elif G.DELIVERED in fates:
            status = ORDER_COMPLETE
        else:
            status = ORDER_CANCELLED
        order = Order(
            number=str(number),
            site_id=settings.SITE_ID,
            user_id=context.citizen_pks[buyer],
            currency=currency,
            total_incl_tax=goods + shipping,
            total_excl_tax=goods + shipping,
            shipping_incl_tax=shipping,
            shipping_excl_tax=shipping,
            shipping_address=address,
            shipping_method=_("Delivery to the door: %(village)s")
            % {"village": village},
            shipping_code="",
            status=status,
            guest_email="",
            date_placed=placed,
        )
        orders.append(order)
        figures[status] += 1
        if by_card:
            reference = order_payment_reference(order)
            payments.append(
                Payment(
                    uuid=uuid.uuid5(uuid.NAMESPACE_URL, f"bench:{reference}"),
                    reference=reference,
                    method=PaymentMethod.CARD,
                    status=PaymentStatus.SUCCEEDED,
                    amount=order.total_incl_tax,
                    currency=currency,
                    amount_refunded=Decimal("0.00"),
                    payer_id=order.user_id,
                    paid_at=placed + timedelta(minutes=1),
                    created_at=placed,
                    updated_at=placed,
                )
            )
        context.inbox.append(
            InboxItem(
                recipient=buyer,
                kind=MessageKind.ORDER,
                key=f"order-placed:{number}",
                subject=functools.partial(
                    _order_subject, number=number, count=len(stall_groups)
                ),
                body="\n".join(
                    f"{stall.name}: "
                    + ", ".join(f"{q} × {product.title}" for product, q in items)
                    for stall, _f, items, *_rest in stall_groups
                ),
                path=reverse("orders:detail", args=[number]),
                at=placed,
            )
        )
        refunded = Decimal("0.00")
        for stall, fate, items, charge, refused in stall_groups:
            total = sum((p.price * q for p, q in items), Decimal("0.00"))
            finished = placed + timedelta(hours=30)
            if fate == G.CANCELLED:
                refunded += total + charge
            elif fate == G.RETURNED:
                refunded += total
            elif refused:
                refunded += items[-1][0].price * items[-1][1]
            groups.append(
                SellerGroup(
                    order=order,
                    partner_id=stall.pk,
                    status=fate,
                    total=total,
                    shipping_charge=charge,
                    paid_at=placed + timedelta(minutes=1)
                    if by_card
                    else (finished if fate == G.DELIVERED else None),
                    cancelled_at=finished
                    if fate in (G.CANCELLED, G.RETURNED)
                    else None,
                    cancelled_by_id=context.citizen_pks[buyer]
                    if fate == G.CANCELLED
                    else None,
                    created_at=placed,
                )
            )
            figures[f"parcels {fate}"] += 1
            for position, (product, quantity) in enumerate(items):
                line_price = product.price * quantity
                line_status, reason = "", ""
                if fate in (G.CANCELLED, G.RETURNED):
                    line_status = LINE_CANCELLED
                elif refused and position == len(items) - 1:
                    line_status = LINE_REFUSED
                    reason = (
                        "Hết hàng"
                        if currency == "VND"
                        else "今天的货已经卖完了，抱歉。"
                    )
                open_group = fate in (G.PLACED, G.DISPATCHED)
                lines.append(
                    Line(
                        order=order,
                        partner_id=stall.pk,
                        partner_name=stall.name,
                        partner_sku=product.sku,
                        stockrecord_id=product.stockrecord,
                        product_id=product.pk,
                        title=product.title,
                        upc=None,
                        quantity=quantity,
                        line_price_incl_tax=line_price,
                        line_price_excl_tax=line_price,
                        line_price_before_discounts_incl_tax=line_price,
                        line_price_before_discounts_excl_tax=line_price,
                        unit_price_incl_tax=product.price,
                        unit_price_excl_tax=product.price,
                        status=line_status,
                        num_allocated=quantity if open_group else 0,
                        allocation_cancelled=fate in (G.CANCELLED, G.RETURNED),
                        refusal_reason=reason,
                    )
                )
        if by_card:
            payments[-1].amount_refunded = refunded
    insert(Order, orders)
    insert(SellerGroup, groups)
    insert(Line, lines)
    insert(Payment, payments)
    figures["order lines"] += len(lines)
    figures["card payments"] += len(payments)
