"""Demo content of the three township micro-sites, for `seed_demo`.

Each home gets its introduction and phone, a notice index with notices (one
emergency alert, one scheduled for next week, one already expired), three
service guides and two produce stories linked to the township's stalls.
Pages are created once, looked up by slug: safe to run twice.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Page

from cms.pages.constants import NoticeCategory as N
from cms.pages.models import (
    NoticeIndexPage,
    NoticePage,
    ProduceStoryPage,
    ServiceGuidePage,
    TownshipHomePage,
)
from shop.partner.models import Partner

FUTURE, EXPIRED = "future", "expired"


@dataclass(frozen=True)
class DemoNotice:
    slug: str
    title: str
    category: str
    summary: str
    text: str
    schedule: str = ""  # "", FUTURE or EXPIRED


@dataclass(frozen=True)
class DemoGuide:
    slug: str
    title: str
    summary: str
    materials: list[str]
    fee: str
    legal_days: int
    promised_days: int
    visits: int
    courier: bool = False
    electronic: bool = False


@dataclass(frozen=True)
class DemoStory:
    slug: str
    title: str
    summary: str
    text: str
    stall_name: str


@dataclass(frozen=True)
class DemoMicrosite:
    intro: str
    phone: str
    notices_title: str
    notices: list[DemoNotice] = field(default_factory=list)
    guides: list[DemoGuide] = field(default_factory=list)
    stories: list[DemoStory] = field(default_factory=list)


_ZH_GUIDES = [
    DemoGuide(
        "birth-registration",
        "新生儿户口登记",
        "孩子出生一个月内办理，可在便民服务中心或网上申请。",
        ["出生医学证明", "父母双方身份证", "户口簿", "结婚证"],
        "0",
        20,
        5,
        1,
        courier=True,
    ),
    DemoGuide(
        "residence-certificate",
        "居住证明开具",
        "用于子女入学、社保办理等，全程网上办理。",
        ["身份证", "租房合同或房产证明"],
        "0",
        5,
        1,
        0,
        electronic=True,
    ),
    DemoGuide(
        "farm-subsidy",
        "耕地地力保护补贴申请",
        "承包耕地的农户每年申报一次，补贴直接打到社保卡。",
        ["身份证", "土地承包经营权证", "社保卡"],
        "0",
        30,
        15,
        0,
    ),
]

MICROSITES = {
    "xiaoyudong": DemoMicrosite(
        intro="<p>小鱼洞镇位于彭州市北部龙门山脚下，湔江穿镇而过，"
        "盛产春笋、土鸡蛋和腊肉。</p>",
        phone="028-83700001",
        notices_title="通知公告",
        notices=[
            DemoNotice(
                "flood-alert",
                "湔江汛期预警：沿河群众注意防范",
                N.EMERGENCY_ALERT,
                "受强降雨影响，湔江水位上涨，请沿河群众远离河道。",
                "镇应急办提醒：汛期请勿在河边逗留、垂钓、戏水，"
                "如遇险情请拨打 028-83700001。",
            ),
            DemoNotice(
                "bamboo-shoot-festival",
                "第五届小鱼洞春笋节开幕",
                N.EVENT,
                "4月12日在小鱼洞社区广场举行，欢迎各村农户设摊。",
                "现场有春笋品鉴、农产品展销和直播带货培训。",
            ),
            DemoNotice(
                "medical-insurance-2027",
                "2027年度城乡居民医保缴费开始",
                N.POLICY,
                "个人缴费标准为每人每年400元，可在网上或便民服务中心缴纳。",
                "缴费截止日期为12月31日，逾期将影响次年医保待遇。",
            ),
            DemoNotice(
                "water-outage",
                "杨坪村临时停水通知",
                N.PUBLIC_NOTICE,
                "因管网检修，杨坪村将停水一天。",
                "请村民提前储水，给您带来的不便敬请谅解。",
                schedule=EXPIRED,
            ),
            DemoNotice(
                "market-day",
                "下周起每周六举办农产品集市",
                N.EVENT,
                "集市设在镇农贸市场，摊位免费。",
                "报名请联系镇农业服务中心。",
                schedule=FUTURE,
            ),
        ],
        guides=_ZH_GUIDES,
        stories=[
            DemoStory(
                "guifang-eggs",
                "李桂芳的山坡土鸡",
                "三代人在龙门山坡上散养土鸡，鸡蛋从山上直接送到城里。",
                "每天清晨，李桂芳把鸡放进果园，傍晚再唤它们回笼。",
                "桂芳土鸡蛋",
            ),
            DemoStory(
                "spring-shoots",
                "大楠村的春笋",
                "三四月天不亮就上山挖笋，当天发货。",
                "王德全说，春笋要趁露水未干时挖，才最鲜嫩。",
                "小鱼洞春笋",
            ),
        ],
    ),
    "huaqiao": DemoMicrosite(
        intro="<p>花桥镇隶属成都市新津区，以韭黄、柑橘和竹编闻名，"
        "宝墩古城遗址就在镇内。</p>",
        phone="028-82500002",
        notices_title="通知公告",
        notices=[
            DemoNotice(
                "heat-alert",
                "高温橙色预警：请减少午间户外劳作",
                N.EMERGENCY_ALERT,
                "未来三天最高气温将达38℃，请注意防暑降温。",
                "老人和儿童尽量待在阴凉处，农户请避开中午下地。",
            ),
            DemoNotice(
                "chive-harvest",
                "花桥韭黄采收技术培训",
                N.EVENT,
                "农业服务中心将在花桥社区举办韭黄采收与包装培训。",
                "培训免费，请携带身份证报名。",
            ),
            DemoNotice(
                "elderly-allowance",
                "高龄津贴发放标准调整",
                N.POLICY,
                "80周岁以上老人津贴提高至每月100元。",
                "符合条件的老人无需重新申请，津贴自动发放到社保卡。",
            ),
            DemoNotice(
                "road-works",
                "宝墩村道路施工临时交通管制",
                N.PUBLIC_NOTICE,
                "施工期间请绕行。",
                "施工已结束。",
                schedule=EXPIRED,
            ),
            DemoNotice(
                "orange-festival",
                "花桥柑橘采摘节即将开幕",
                N.EVENT,
                "欢迎市民来宝墩村果园采摘。",
                "详细安排将于近期公布。",
                schedule=FUTURE,
            ),
        ],
        guides=_ZH_GUIDES,
        stories=[
            DemoStory(
                "yellow-chives",
                "陈玉梅与花桥韭黄",
                "不见阳光的韭黄，是花桥人冬天的味道。",
                "陈玉梅家种韭黄已有二十年，每一把都用稻草捆好。",
                "花桥韭黄",
            ),
            DemoStory(
                "bamboo-weaving",
                "杨师傅的竹编",
                "一根竹子，劈成细篾，编出篮子和簸箕。",
                "杨师傅十六岁学竹编，如今带着村里的年轻人一起做。",
                "杨师傅竹编",
            ),
        ],
    ),
    "mau-son": DemoMicrosite(
        intro="<p>Xã Mẫu Sơn thuộc huyện Lộc Bình, tỉnh Lạng Sơn, nằm trên núi "
        "Mẫu Sơn, nổi tiếng với hồi, đào và na.</p>",
        phone="0205 3840 003",
        notices_title="Thông báo",
        notices=[
            DemoNotice(
                "frost-alert",
                "Cảnh báo băng giá trên đỉnh Mẫu Sơn",
                N.EMERGENCY_ALERT,
                "Nhiệt độ có thể xuống dưới 0°C, bà con che chắn cho gia súc.",
                "Không thả trâu bò lên núi cao trong những ngày rét đậm, rét hại.",
            ),
            DemoNotice(
                "star-anise-training",
                "Tập huấn kỹ thuật chăm sóc cây hồi",
                N.EVENT,
                "Trung tâm dịch vụ nông nghiệp tổ chức tập huấn tại nhà văn hoá xã.",
                "Bà con đăng ký với trưởng bản trước thứ Sáu.",
            ),
            DemoNotice(
                "health-insurance",
                "Gia hạn thẻ bảo hiểm y tế năm 2027",
                N.POLICY,
                "Người dân thuộc hộ cận nghèo được hỗ trợ 70% mức đóng.",
                "Mang căn cước công dân đến bộ phận một cửa để làm thủ tục.",
            ),
            DemoNotice(
                "power-cut",
                "Lịch cắt điện bản Khuổi Cầm",
                N.PUBLIC_NOTICE,
                "Cắt điện để sửa chữa đường dây.",
                "Đã hoàn thành sửa chữa.",
                schedule=EXPIRED,
            ),
            DemoNotice(
                "peach-festival",
                "Lễ hội hoa đào Mẫu Sơn",
                N.EVENT,
                "Lễ hội diễn ra tại khu du lịch Mẫu Sơn.",
                "Chương trình chi tiết sẽ được công bố sau.",
                schedule=FUTURE,
            ),
        ],
        guides=[
            DemoGuide(
                "birth-registration",
                "Đăng ký khai sinh",
                "Đăng ký trong 60 ngày kể từ ngày sinh, có thể nộp trực tuyến.",
                ["Giấy chứng sinh", "Căn cước công dân của cha mẹ"],
                "0",
                3,
                1,
                0,
                electronic=True,
            ),
            DemoGuide(
                "marriage-registration",
                "Đăng ký kết hôn",
                "Hai bên nam nữ cùng có mặt khi nhận giấy chứng nhận.",
                [
                    "Tờ khai đăng ký kết hôn",
                    "Căn cước công dân",
                    "Xác nhận tình trạng hôn nhân",
                ],
                "0",
                5,
                3,
                1,
            ),
            DemoGuide(
                "copy-certification",
                "Chứng thực bản sao từ bản chính",
                "Chứng thực giấy tờ tại bộ phận một cửa.",
                ["Bản chính giấy tờ", "Bản sao cần chứng thực"],
                "2000",
                2,
                1,
                1,
            ),
        ],
        stories=[
            DemoStory(
                "star-anise",
                "Hồi Mẫu Sơn của anh Hùng",
                "Những cánh rừng hồi trên núi Mẫu Sơn cho hương thơm khắp bản.",
                "Gia đình anh Hoàng Văn Hùng thu hái hồi mỗi mùa thu rồi phơi nắng.",
                "Hồi Mẫu Sơn",
            ),
            DemoStory(
                "mau-son-peaches",
                "Đào Mẫu Sơn của chị Mai",
                "Đào chín trên núi cao, giòn và ngọt.",
                "Chị Lý Thị Mai trồng đào ở bản Pò Po đã hơn mười năm.",
                "Đào Mẫu Sơn",
            ),
        ],
    ),
}


def seed_microsites() -> None:
    """Create or repair the demo content of each provisioned township home."""
    for home in TownshipHomePage.objects.select_related("township"):
        demo = MICROSITES.get(home.township.slug)
        if demo is not None:
            _seed_home(home, demo)


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _paragraph(text: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>")]


def _seed_home(home: TownshipHomePage, demo: DemoMicrosite) -> None:
    if (home.intro, home.contact_phone) != (demo.intro, demo.phone):
        home.intro, home.contact_phone = demo.intro, demo.phone
        home.save_revision().publish()
    index = NoticeIndexPage.objects.child_of(home).first()
    if index is None:
        index = _publish(
            home, NoticeIndexPage(title=demo.notices_title, slug="notices")
        )
    now = timezone.now()
    for notice in demo.notices:
        if NoticePage.objects.child_of(index).filter(slug=notice.slug).exists():
            continue
        _publish(
            index,
            NoticePage(
                title=notice.title,
                slug=notice.slug,
                category=notice.category,
                summary=notice.summary,
                body=_paragraph(notice.text),
                live=False,
                go_live_at=now + timedelta(days=7)
                if notice.schedule == FUTURE
                else None,
                expire_at=now - timedelta(days=1)
                if notice.schedule == EXPIRED
                else None,
            ),
        )
    for guide in demo.guides:
        if ServiceGuidePage.objects.child_of(home).filter(slug=guide.slug).exists():
            continue
        _publish(
            home,
            ServiceGuidePage(
                title=guide.title,
                slug=guide.slug,
                summary=guide.summary,
                materials=[("material", m) for m in guide.materials],
                fee=Decimal(guide.fee),
                legal_time_limit_days=guide.legal_days,
                promised_time_days=guide.promised_days,
                visits_needed=guide.visits,
                delivery_courier=guide.courier,
                delivery_electronic=guide.electronic,
            ),
        )
    for story in demo.stories:
        if ProduceStoryPage.objects.child_of(home).filter(slug=story.slug).exists():
            continue
        stall = Partner.objects.filter(
            township=home.township, name=story.stall_name
        ).first()
        _publish(
            home,
            ProduceStoryPage(
                title=story.title,
                slug=story.slug,
                summary=story.summary,
                body=_paragraph(story.text),
                partner=stall,
            ),
        )
