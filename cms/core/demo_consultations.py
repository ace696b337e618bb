"""Demo questions, complaints and suggestions in every state, for `seed_demo`.

Five categories with their promised times, routing rules for the three demo
townships, and 32 items asked by the demo citizens through the services, as
the pages would: answered on time, answered late, rated, forwarded, reopened,
open, and overdue (escalated to the head by the beat's own function). Each
item is then moved back in time as a whole (its dates and its trail), so the
board shows real answer times and the rate limit of one hour is not hit.
Safe to run twice: an item already there (same asker and title) is left alone.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from hub.accounts.models import User
from townships.consultations.constants import ConsultationKind
from townships.consultations.escalation import consultation_escalate_late
from townships.consultations.models import (
    Category,
    Consultation,
    ConsultationEvent,
    RoutingRule,
)
from townships.consultations.services import (
    consultation_answer,
    consultation_ask,
    consultation_forward,
    consultation_rate,
    consultation_reopen,
    consultation_reply,
)
from townships.core.constants import MembershipRole
from townships.core.models import Department, Membership, Township

CN_CITIZEN = "+8613800000001"
CN_SELLER = "+8613800000002"
VN_CITIZEN = "+84912000001"

# (slug, zh-hans, vi, en, first reply hours, answer hours)
CATEGORIES = [
    ("certificates", "证明与证照", "Giấy tờ, chứng nhận", "Certificates", 4, 72),
    ("farming", "农业与补贴", "Nông nghiệp, hỗ trợ", "Farming and subsidies", 1, 48),
    ("roads-water", "道路与用水", "Đường sá và nước", "Roads and water", 2, 120),
    ("social-security", "社保与医保", "Bảo hiểm xã hội", "Social security", 4, 72),
    ("service", "服务投诉与建议", "Góp ý dịch vụ", "Service complaints", 1, 24),
]
# township: {category slug or None (everything else): department slug}; the
# departments that have a demo officer.
ROUTES = {
    "xiaoyudong": {
        "certificates": "service-hall",
        "service": "service-hall",
        None: "civil-affairs",
    },
    "huaqiao": {None: "service-hall"},
    "mau-son": {None: "civil-affairs"},
}
ON_TIME, LATE, RATED, FORWARDED, REOPENED, OPEN, OVERDUE = (
    "on_time",
    "late",
    "rated",
    "forwarded",
    "reopened",
    "open",
    "overdue",
)


@dataclass(frozen=True)
class DemoItem:
    township: str
    category: str
    asker: str
    title: str
    body: str
    state: str
    days_ago: int
    kind: str = ConsultationKind.QUESTION
    is_public: bool = True


Q, C, S = (
    ConsultationKind.QUESTION,
    ConsultationKind.COMPLAINT,
    ConsultationKind.SUGGESTION,
)
X, H, M = "xiaoyudong", "huaqiao", "mau-son"

ITEMS = [
    DemoItem(
        X,
        "farming",
        CN_CITIZEN,
        "竹笋补贴什么时候发放？",
        "四月把竹笋卖给合作社了，补贴什么时候到账？",
        ON_TIME,
        40,
    ),
    DemoItem(
        X,
        "farming",
        CN_SELLER,
        "猕猴桃种苗补贴怎么申请？",
        "今年想扩种两亩猕猴桃，需要准备什么材料？",
        ON_TIME,
        35,
    ),
    DemoItem(
        X,
        "certificates",
        CN_CITIZEN,
        "开无犯罪记录证明要多久？",
        "外出务工需要，电话13800138000。",
        ON_TIME,
        30,
    ),
    DemoItem(
        X,
        "roads-water",
        CN_SELLER,
        "白沙河桥头路灯坏了",
        "已经黑了一个星期，晚上很危险。",
        LATE,
        28,
        C,
    ),
    DemoItem(
        X,
        "social-security",
        CN_CITIZEN,
        "城乡居民医保在哪里缴费？",
        "家里老人今年的医保还没交。",
        RATED,
        26,
    ),
    DemoItem(
        X,
        "service",
        CN_SELLER,
        "便民中心午休时间能否错峰？",
        "中午赶集的人多，希望有人值班。",
        RATED,
        24,
        S,
    ),
    DemoItem(
        X,
        "farming",
        CN_CITIZEN,
        "腊肉加工需要办什么证？",
        "想在家里做腊肉网上卖。",
        LATE,
        22,
    ),
    DemoItem(
        X,
        "certificates",
        CN_SELLER,
        "营业执照经营范围变更",
        "合作社要加上农产品网上销售。",
        FORWARDED,
        1,
    ),
    DemoItem(
        X,
        "roads-water",
        CN_CITIZEN,
        "三组自来水经常停水",
        "这个月已经停了三次，没有通知。",
        REOPENED,
        12,
        C,
    ),
    DemoItem(
        X,
        "farming",
        CN_SELLER,
        "茶叶合作社能申请冷库补贴吗？",
        "想建一个小冷库存放春茶。",
        OPEN,
        0,
    ),
    DemoItem(
        X,
        "social-security",
        CN_CITIZEN,
        "养老金资格认证怎么做？",
        "我父亲行动不便，能上门吗？",
        OVERDUE,
        6,
    ),
    DemoItem(
        X,
        "roads-water",
        CN_SELLER,
        "村道塌方需要修",
        "龙门村二组村道雨后塌了一块。",
        OVERDUE,
        9,
        C,
    ),
    DemoItem(
        X,
        "service",
        CN_CITIZEN,
        "窗口工作人员态度不好",
        "上周二办事时被要求重复提交材料。",
        ON_TIME,
        18,
        C,
        False,
    ),
    DemoItem(
        X,
        "farming",
        CN_CITIZEN,
        "土鸡蛋能在集市上卖吗？",
        "自家养的土鸡蛋需要检疫证明吗？",
        RATED,
        15,
    ),
    DemoItem(
        H,
        "farming",
        CN_CITIZEN,
        "花桥镇大米品牌怎么使用？",
        "我们种的大米想用镇上的品牌。",
        ON_TIME,
        33,
    ),
    DemoItem(
        H,
        "roads-water",
        CN_SELLER,
        "灌溉渠堵塞",
        "五组的灌溉渠被垃圾堵住了。",
        LATE,
        27,
        C,
    ),
    DemoItem(
        H,
        "certificates",
        CN_CITIZEN,
        "户口迁入需要哪些材料？",
        "结婚后户口要迁到花桥。",
        RATED,
        20,
    ),
    DemoItem(
        H,
        "social-security",
        CN_SELLER,
        "灵活就业社保怎么交？",
        "在镇上开小店，想自己交社保。",
        ON_TIME,
        16,
    ),
    DemoItem(
        H,
        "service",
        CN_CITIZEN,
        "建议开通周六办事",
        "上班族工作日没时间来办事。",
        OPEN,
        0,
        S,
    ),
    DemoItem(
        H,
        "farming",
        CN_SELLER,
        "稻田养鱼有没有技术培训？",
        "想试试稻鱼共生。",
        OVERDUE,
        5,
    ),
    DemoItem(
        H,
        "roads-water",
        CN_CITIZEN,
        "集市垃圾清运太慢",
        "赶集后垃圾第二天下午才清。",
        REOPENED,
        10,
        C,
    ),
    DemoItem(
        H,
        "certificates",
        CN_SELLER,
        "食品经营许可证续期",
        "许可证下个月到期，可以网上办吗？",
        LATE,
        14,
    ),
    DemoItem(
        M,
        "farming",
        VN_CITIZEN,
        "Hỗ trợ giống hồi khi nào có?",
        "Gia đình tôi trồng hồi, muốn biết lịch hỗ trợ giống.",
        ON_TIME,
        38,
    ),
    DemoItem(
        M,
        "roads-water",
        VN_CITIZEN,
        "Đường lên bản bị sạt lở",
        "Sau mưa đường lên bản Khuổi Tao bị sạt.",
        LATE,
        29,
        C,
    ),
    DemoItem(
        M,
        "certificates",
        VN_CITIZEN,
        "Làm lại căn cước mất bao lâu?",
        "Tôi bị mất thẻ, số CCCD 001203004567.",
        RATED,
        25,
    ),
    DemoItem(
        M,
        "social-security",
        VN_CITIZEN,
        "Bảo hiểm y tế cho trẻ em",
        "Con tôi 5 tuổi có được cấp thẻ miễn phí không?",
        ON_TIME,
        21,
    ),
    DemoItem(
        M,
        "service",
        VN_CITIZEN,
        "Đề nghị có người nói tiếng Tày",
        "Người già trong bản không nói được tiếng Kinh.",
        RATED,
        17,
        S,
    ),
    DemoItem(
        M,
        "farming",
        VN_CITIZEN,
        "Bán quả hồi qua mạng thế nào?",
        "Muốn bán hồi khô trên chợ trực tuyến.",
        OPEN,
        0,
    ),
    DemoItem(
        M,
        "roads-water",
        VN_CITIZEN,
        "Nước sinh hoạt bị đục",
        "Nước máy ở thôn Nà Lừa đục sau mưa.",
        OVERDUE,
        8,
        C,
    ),
    DemoItem(
        M,
        "certificates",
        VN_CITIZEN,
        "Xác nhận tình trạng hôn nhân",
        "Cần giấy xác nhận để làm hồ sơ vay vốn.",
        REOPENED,
        11,
    ),
    DemoItem(
        M,
        "social-security",
        VN_CITIZEN,
        "Trợ cấp người cao tuổi",
        "Bố tôi 80 tuổi, gọi 0912 345 678 giúp tôi.",
        LATE,
        19,
    ),
    DemoItem(
        M,
        "farming",
        VN_CITIZEN,
        "Tập huấn trồng chè Shan tuyết",
        "Xã có mở lớp tập huấn không?",
        OPEN,
        0,
    ),
]

ANSWERS = {
    X: "您好，已核实：请带身份证到便民服务中心办理，当天可取。",
    H: "您好，已安排工作人员处理，详见镇政府公告。",
    M: "Chào bạn, xã đã tiếp nhận và xử lý; mời bạn đến bộ phận một cửa.",
}
HOLDING = {
    X: "已转交相关部门，请耐心等待。",
    H: "已转交相关部门，请耐心等待。",
    M: "Đã chuyển đến bộ phận liên quan, xin vui lòng chờ.",
}


def seed_consultations() -> None:
    """Categories, routing rules and the demo items; escalate the late ones."""
    for slug, zh_hans, vi, en, first_reply, resolve in CATEGORIES:
        Category.objects.update_or_create(
            slug=slug,
            defaults={
                "name_zh_hans": zh_hans,
                "name_vi": vi,
                "name_en": en,
                "first_reply_hours": first_reply,
                "resolve_hours": resolve,
                "is_active": True,
            },
        )
    categories = {category.slug: category for category in Category.objects.all()}
    townships = {t.slug: t for t in Township.objects.filter(slug__in=ROUTES)}
    for township_slug, routes in ROUTES.items():
        township = townships[township_slug]
        for category_slug, department_slug in routes.items():
            RoutingRule.objects.update_or_create(
                township=township,
                category=categories.get(category_slug),
                defaults={"department": township.departments.get(slug=department_slug)},
            )
    for item in ITEMS:
        _item(item, township=townships[item.township], categories=categories)
    consultation_escalate_late()


def _officer(department: Department) -> User:
    return (
        Membership.objects.filter(department=department, role=MembershipRole.OFFICER)
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )


def _item(item: DemoItem, *, township: Township, categories: dict) -> None:
    asker = User.objects.get(phone=item.asker)
    if Consultation.objects.filter(asker=asker, title=item.title).exists():
        return
    category = categories[item.category]
    consultation = consultation_ask(
        asker=asker,
        township=township,
        category=category,
        kind=item.kind,
        title=item.title,
        body=item.body,
        is_public=item.is_public,
    )
    officer = _officer(consultation.department)
    answer = ANSWERS[item.township]
    # Hours from asking to the answer: within the promise, or well past it.
    taken = 3 if item.state in (ON_TIME, RATED, REOPENED) else 0
    if item.state == LATE:
        taken = category.resolve_hours + 20
    if item.state in (ON_TIME, LATE, RATED, REOPENED):
        consultation_reply(
            consultation=consultation, actor=officer, text=HOLDING[item.township]
        )
        consultation_answer(consultation=consultation, actor=officer, text=answer)
    if item.state == RATED:
        consultation_rate(
            consultation=consultation, actor=asker, rating=4 + item.days_ago % 2
        )
    if item.state == FORWARDED:
        target = township.departments.exclude(pk=consultation.department_id).get(
            slug="service-hall"
            if consultation.department.slug != "service-hall"
            else "civil-affairs"
        )
        consultation_forward(
            consultation=consultation,
            actor=officer,
            department=target,
            text=HOLDING[item.township],
        )
    if item.state == REOPENED:
        _move_back(consultation, days=item.days_ago, taken_hours=taken)
        consultation_reopen(consultation=consultation, actor=asker, reason=item.body)
        return
    if item.state == OVERDUE:
        taken = category.resolve_hours + 24 * item.days_ago
    _move_back(consultation, days=item.days_ago, taken_hours=taken)


def _move_back(consultation: Consultation, *, days: int, taken_hours: int) -> None:
    """Move the item and its trail back by `days`; asking and the promised
    times by `taken_hours` more, so the answer took that long."""
    replied = timedelta(days=days)
    asked = replied + timedelta(hours=taken_hours)
    Consultation.objects.filter(pk=consultation.pk).update(
        created_at=F("created_at") - asked,
        first_reply_due=F("first_reply_due") - asked,
        answer_due=F("answer_due") - asked,
        first_reply_at=F("first_reply_at") - replied,
        answered_at=F("answered_at") - replied,
        rated_at=F("rated_at") - replied,
        updated_at=timezone.now(),
    )
    ConsultationEvent.objects.filter(consultation=consultation, kind="asked").update(
        at=F("at") - asked
    )
    ConsultationEvent.objects.filter(consultation=consultation).exclude(
        kind="asked"
    ).update(at=F("at") - replied)
