"""Demo content of the three township micro-sites, for `seed_demo`.

Each home gets its introduction and phone, a notice index with notices (one
emergency alert, one scheduled for next week, one already expired), three
service guides and two produce stories linked to the township's stalls.
The home, the notice index and two notices are translated into the two other
languages, as an editor would with the admin's "Translate" action (a copy in
the other language's tree, edited and published); so are the hub home and the
township index. Pages are created once, looked up by slug or translation:
safe to run twice.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page

from cms.pages.constants import NoticeCategory as N
from cms.pages.models import (
    HubHomePage,
    NoticeIndexPage,
    NoticePage,
    ProduceStoryPage,
    ServiceGuidePage,
    TownshipHomePage,
    TownshipIndexPage,
)
from cms.pages.services import township_home_original, township_site_provision
from shop.partner.models import Partner
from townships.core.models import Township

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
class DemoTranslation:
    """A township's home, notice index and some notices in another language."""

    intro: str
    notices_title: str
    # notice slug -> (title, summary, text)
    notices: dict[str, tuple[str, str, str]]


@dataclass(frozen=True)
class DemoMicrosite:
    intro: str
    phone: str
    notices_title: str
    notices: list[DemoNotice] = field(default_factory=list)
    guides: list[DemoGuide] = field(default_factory=list)
    stories: list[DemoStory] = field(default_factory=list)
    # language code -> translation
    translations: dict[str, DemoTranslation] = field(default_factory=dict)


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
        translations={
            "en": DemoTranslation(
                intro="<p>Xiaoyudong lies at the foot of the Longmen Mountains in "
                "the north of Pengzhou. The Jian River runs through the town, "
                "known for its spring bamboo shoots, free-range eggs and smoked "
                "bacon.</p>",
                notices_title="Notices",
                notices={
                    "flood-alert": (
                        "Jian River flood warning: people along the river, take care",
                        "Heavy rain has raised the Jian River; please keep away "
                        "from the riverbank.",
                        "The town emergency office asks you not to linger, fish or "
                        "swim by the river in the flood season. In danger, call "
                        "028-83700001.",
                    ),
                    "bamboo-shoot-festival": (
                        "The fifth Xiaoyudong Spring Bamboo Shoot Festival opens",
                        "On 12 April on the Xiaoyudong community square; farmers "
                        "of every village are welcome to set up a stall.",
                        "Bamboo shoot tasting, a produce fair and training in "
                        "selling by live stream.",
                    ),
                },
            ),
            "vi": DemoTranslation(
                intro="<p>Tiểu Ngư Động nằm dưới chân núi Long Môn, phía bắc thành "
                "phố Bành Châu. Sông Tiễn chảy qua thị trấn, nơi nổi tiếng với "
                "măng xuân, trứng gà ta và thịt hun khói.</p>",
                notices_title="Thông báo",
                notices={
                    "flood-alert": (
                        "Cảnh báo lũ sông Tiễn: người dân ven sông chú ý phòng tránh",
                        "Mưa lớn làm nước sông Tiễn dâng cao, đề nghị bà con "
                        "tránh xa bờ sông.",
                        "Ban chỉ huy phòng chống thiên tai thị trấn nhắc bà con "
                        "không nán lại, câu cá hay tắm sông trong mùa lũ. Khi gặp "
                        "nguy hiểm, hãy gọi 028-83700001.",
                    ),
                    "bamboo-shoot-festival": (
                        "Khai mạc Lễ hội măng xuân Tiểu Ngư Động lần thứ năm",
                        "Ngày 12 tháng 4 tại quảng trường cộng đồng Tiểu Ngư Động, "
                        "mời bà con các thôn đến bày gian hàng.",
                        "Có nếm thử măng xuân, hội chợ nông sản và lớp tập huấn "
                        "bán hàng qua livestream.",
                    ),
                },
            ),
        },
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
        translations={
            "en": DemoTranslation(
                intro="<p>Huaqiao is a town of Xinjin District, Chengdu, known for "
                "its yellow chives, citrus and bamboo weaving; the Baodun ancient "
                "city site lies within the town.</p>",
                notices_title="Notices",
                notices={
                    "heat-alert": (
                        "Orange heat warning: less work outdoors at midday",
                        "Highs of 38°C are expected over the next three days; "
                        "keep cool.",
                        "Old people and children should stay in the shade; "
                        "farmers, please keep out of the fields at noon.",
                    ),
                    "elderly-allowance": (
                        "Higher allowance for people over 80",
                        "The allowance for residents aged 80 and over rises to "
                        "100 yuan a month.",
                        "Nobody needs to apply again: the allowance is paid to "
                        "the social security card automatically.",
                    ),
                },
            ),
            "vi": DemoTranslation(
                intro="<p>Thị trấn Hoa Kiều thuộc quận Tân Tân, thành phố Thành Đô, "
                "nổi tiếng với hẹ vàng, cam quýt và nghề đan tre; di chỉ cổ thành "
                "Bảo Đôn nằm ngay trong thị trấn.</p>",
                notices_title="Thông báo",
                notices={
                    "heat-alert": (
                        "Cảnh báo nắng nóng cấp cam: hạn chế làm việc ngoài trời "
                        "buổi trưa",
                        "Ba ngày tới nhiệt độ cao nhất có thể lên tới 38°C, bà con "
                        "chú ý phòng chống nắng nóng.",
                        "Người già và trẻ em nên ở nơi râm mát, bà con nông dân "
                        "tránh ra đồng vào giữa trưa.",
                    ),
                    "elderly-allowance": (
                        "Tăng mức trợ cấp cho người từ 80 tuổi trở lên",
                        "Trợ cấp cho người từ 80 tuổi trở lên tăng lên 100 nhân dân "
                        "tệ mỗi tháng.",
                        "Người đủ điều kiện không cần làm lại hồ sơ, trợ cấp được "
                        "chuyển thẳng vào thẻ bảo hiểm xã hội.",
                    ),
                },
            ),
        },
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
        translations={
            "zh-hans": DemoTranslation(
                intro="<p>母山乡隶属谅山省禄平县，坐落在母山之上，以八角、桃子和"
                "番荔枝闻名。</p>",
                notices_title="通知公告",
                notices={
                    "frost-alert": (
                        "母山山顶冰冻预警",
                        "气温可能降至0°C以下，请乡亲们为牲畜做好防寒。",
                        "严寒天气期间，请勿把水牛和黄牛赶上高山放牧。",
                    ),
                    "health-insurance": (
                        "2027年医疗保险卡续期",
                        "近贫困户家庭成员可获缴费额70%的补助。",
                        "请携带公民身份证到一站式服务窗口办理。",
                    ),
                },
            ),
            "en": DemoTranslation(
                intro="<p>Mau Son Commune, in Loc Binh District of Lang Son "
                "Province, sits on Mau Son mountain and is known for its star "
                "anise, peaches and custard apples.</p>",
                notices_title="Notices",
                notices={
                    "frost-alert": (
                        "Frost warning on the summit of Mau Son",
                        "Temperatures may fall below 0°C; please shelter your "
                        "livestock.",
                        "Do not take buffalo and cattle up to the high pastures "
                        "during the cold spell.",
                    ),
                    "health-insurance": (
                        "Renewing health insurance cards for 2027",
                        "Members of near-poor households have 70% of their "
                        "contribution paid for them.",
                        "Bring your citizen identity card to the one-stop service "
                        "desk.",
                    ),
                },
            ),
        },
    ),
}


# The hub home and the township index in each language: (title, intro).
HUB_HOME = {
    "en": (
        "Township Hub",
        "<p>Produce from the villages, sold and sent by the people who grow it, "
        "and each township's notices and service guides, in one place.</p>",
    ),
    "zh-hans": (
        "乡镇服务平台",
        "<p>各村的农产品由种养它的乡亲直接出售、发货；各乡镇的通知公告和"
        "办事指南也都在这里。</p>",
    ),
    "vi": (
        "Cổng thông tin các xã",
        "<p>Nông sản của các thôn do chính người trồng bán và gửi đi; thông báo "
        "và hướng dẫn thủ tục của từng xã cũng ở ngay đây.</p>",
    ),
}
TOWNSHIP_INDEX_TITLES = {"en": "Townships", "zh-hans": "乡镇", "vi": "Các xã, thị trấn"}


def seed_microsites() -> None:
    """Create or repair the demo content of each provisioned township home."""
    _seed_hub()
    for township in Township.objects.all():
        home = township_home_original(township=township)
        demo = MICROSITES.get(township.slug)
        if home is not None and demo is not None:
            _seed_home(home, demo)
            _seed_translations(home, demo)
            # Editors and the head's approval cover the home's new translations.
            township_site_provision(township=township)


def _seed_hub() -> None:
    hub = HubHomePage.objects.filter(alias_of__isnull=True).order_by("pk").first()
    index = TownshipIndexPage.objects.child_of(hub).first()
    language = hub.locale.language_code
    if hub.intro != HUB_HOME[language][1]:
        hub.intro = HUB_HOME[language][1]
        hub.save_revision().publish()
    for code, (title, intro) in HUB_HOME.items():
        if code != language:
            _translation_upsert(hub, code, title=title, intro=intro)
            _translation_upsert(index, code, title=TOWNSHIP_INDEX_TITLES[code])


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


def _seed_translations(home: TownshipHomePage, demo: DemoMicrosite) -> None:
    index = NoticeIndexPage.objects.child_of(home).get()
    for language, translation in demo.translations.items():
        _translation_upsert(home, language, intro=translation.intro)
        _translation_upsert(index, language, title=translation.notices_title)
        for slug, (title, summary, text) in translation.notices.items():
            notice = NoticePage.objects.child_of(index).get(slug=slug)
            _translation_upsert(
                notice, language, title=title, summary=summary, body=_paragraph(text)
            )


def _translation_upsert(page: Page, language: str, **fields) -> Page:
    """The page's translation with these fields, published; made once.

    As the admin's "Translate" action does: a copy in the language's tree
    (an alias already there is turned into a page of its own), then edited.
    """
    locale = Locale.objects.get(language_code=language)
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    elif translation.alias_of_id is not None:
        ConvertAliasPageAction(translation.specific).execute(
            skip_permission_checks=True
        )
    translation = type(page).objects.get(pk=translation.pk)
    unchanged = translation.live and all(
        _as_stored(getattr(translation, name)) == _as_stored(value)
        for name, value in fields.items()
    )
    if not unchanged:
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
    return translation


def _as_stored(value):
    """A field value to compare: a stream as [(block type, text)], else as is."""
    if isinstance(value, StreamValue):
        return [
            (child.block_type, child.block.get_prep_value(child.value))
            for child in value
        ]
    return value
