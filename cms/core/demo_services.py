"""Demo service catalogue, for `seed_demo`: five services with their materials.

Drawn from the places the hub is for: a Hong Kong and Macao travel permit
endorsement and a household registration transfer in Xiaoyudong, a change of
business scope (electronic licence) and VAT invoices sent by post in Huaqiao,
and a birth registration in Mẫu Sơn. Each is created once, by the township's
staff through the catalogue's own service, with a sample PDF for the forms to
fill in. Service guides with the same slug are then linked to their service.
Safe to run twice: an existing service (perhaps edited since) is left as it is.
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils.text import slugify

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from cms.pages.models import ServiceGuidePage
from cms.pages.services import township_home_original
from hub.accounts.models import User
from townships.core.constants import MembershipRole
from townships.core.models import Township
from townships.public_services.models import PublicService, RequiredMaterial
from townships.public_services.services import public_service_create


@dataclass(frozen=True)
class DemoMaterial:
    name_zh_hans: str
    name_vi: str
    name_en: str
    is_required: bool = True
    # The title printed on a sample PDF; "" for no sample.
    sample: str = ""


@dataclass(frozen=True)
class DemoService:
    township: str
    department: str
    slug: str
    names: tuple[str, str, str]  # zh-hans, vi, en
    descriptions: tuple[str, str, str]
    eligibility: tuple[str, str, str]
    legal_basis: str
    fee: str
    legal_days: int
    promised_days: int
    visits: int
    is_online: bool
    e_certificate: bool = False
    pickup: bool = False
    courier: bool = False
    courier_fee: str = "0"
    materials: list[DemoMaterial] = field(default_factory=list)

    def service_values(self) -> dict:
        """The PublicService fields this describes (the demo and the benchmark's
        generator both build services from them)."""
        return {
            "slug": self.slug,
            "name_zh_hans": self.names[0],
            "name_vi": self.names[1],
            "name_en": self.names[2],
            "description_zh_hans": self.descriptions[0],
            "description_vi": self.descriptions[1],
            "description_en": self.descriptions[2],
            "eligibility_zh_hans": self.eligibility[0],
            "eligibility_vi": self.eligibility[1],
            "eligibility_en": self.eligibility[2],
            "legal_basis": self.legal_basis,
            "fee": Decimal(self.fee),
            "courier_fee": Decimal(self.courier_fee),
            "legal_time_limit_days": self.legal_days,
            "promised_time_days": self.promised_days,
            "visits_needed": self.visits,
            "is_online": self.is_online,
            "offers_e_certificate": self.e_certificate,
            "offers_pickup": self.pickup,
            "offers_courier": self.courier,
        }


SERVICES = [
    DemoService(
        "xiaoyudong",
        "service-hall",
        "hk-macao-endorsement",
        (
            "往来港澳通行证再次签注",
            "Gia hạn thị thực giấy thông hành đi Hồng Kông, Ma Cao",
            "Hong Kong and Macao travel permit endorsement",
        ),
        (
            "持电子往来港澳通行证再次办理团队旅游、个人旅游或探亲签注，"
            "可网上申请，签注后的通行证邮寄到家或到便民服务中心领取。",
            "Gia hạn thị thực du lịch hoặc thăm thân trên giấy thông hành điện tử; "
            "nộp trực tuyến, nhận qua bưu điện hoặc tại trung tâm.",
            "A new group tour, individual visit or family visit endorsement on an "
            "electronic permit; apply online, receive it by post or at the hall.",
        ),
        (
            "户籍在本镇、持有效电子往来港澳通行证的内地居民。",
            "Công dân có hộ khẩu tại thị trấn và giấy thông hành điện tử còn hạn.",
            "Residents registered in the town who hold a valid electronic permit.",
        ),
        "《中华人民共和国出境入境管理法》；"
        "《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》",
        "15",
        10,
        5,
        0,
        True,
        pickup=True,
        courier=True,
        courier_fee="10.00",
        materials=[
            DemoMaterial(
                "电子往来港澳通行证",
                "Giấy thông hành điện tử",
                "Electronic Hong Kong and Macao permit",
            ),
            DemoMaterial("居民身份证", "Căn cước công dân", "Resident identity card"),
            DemoMaterial(
                "出入境证件申请表",
                "Tờ khai xin giấy tờ xuất nhập cảnh",
                "Exit-entry document application form",
                sample="Exit-entry document application form (sample)",
            ),
            DemoMaterial(
                "近期彩色证件照片（照片已过期时）",
                "Ảnh màu mới chụp (khi ảnh cũ hết hạn)",
                "Recent colour photo (when the stored one is too old)",
                is_required=False,
            ),
        ],
    ),
    DemoService(
        "xiaoyudong",
        "service-hall",
        "household-transfer",
        ("户口迁移", "Chuyển hộ khẩu", "Household registration transfer"),
        (
            "因购房、投靠亲属、婚嫁等迁入或迁出本镇户口，省内迁移一站办结，"
            "只需到派出所窗口一次领取户口簿。",
            "Chuyển hộ khẩu đến hoặc đi khỏi thị trấn do mua nhà, về ở với người "
            "thân, kết hôn; chỉ cần đến một lần để nhận sổ hộ khẩu.",
            "Moving one's household registration into or out of the town after "
            "buying a home, joining relatives or marriage; one visit to collect "
            "the household register.",
        ),
        (
            "在本镇有合法稳定住所或有直系亲属的中国公民。",
            "Công dân Trung Quốc có chỗ ở hợp pháp hoặc người thân trực hệ tại "
            "thị trấn.",
            "Chinese citizens with a lawful home or close relatives in the town.",
        ),
        "《中华人民共和国户口登记条例》第十条",
        "0",
        20,
        5,
        1,
        True,
        pickup=True,
        materials=[
            DemoMaterial("居民户口簿", "Sổ hộ khẩu", "Household register"),
            DemoMaterial("居民身份证", "Căn cước công dân", "Resident identity card"),
            DemoMaterial(
                "迁入地住所证明（房产证或亲属关系证明）",
                "Giấy tờ chỗ ở nơi chuyển đến",
                "Proof of the new home (title deed or proof of kinship)",
            ),
            DemoMaterial(
                "准予迁入证明（跨省迁移时）",
                "Giấy chấp thuận nhập khẩu (khi chuyển khác tỉnh)",
                "Permit to move in (when moving from another province)",
                is_required=False,
            ),
        ],
    ),
    DemoService(
        "huaqiao",
        "service-hall",
        "business-scope-change",
        (
            "营业执照经营范围变更登记",
            "Thay đổi ngành nghề kinh doanh trên giấy phép kinh doanh",
            "Change of business scope on a business licence",
        ),
        (
            "个体工商户、农民专业合作社和企业变更经营范围，网上提交，"
            "审核通过后即可下载电子营业执照。",
            "Hộ kinh doanh, hợp tác xã và doanh nghiệp thay đổi ngành nghề; nộp "
            "trực tuyến, tải giấy phép kinh doanh điện tử khi được duyệt.",
            "Sole traders, farmers' cooperatives and companies change their "
            "business scope online and download the electronic business licence.",
        ),
        (
            "在本镇登记的市场主体。",
            "Chủ thể kinh doanh đăng ký tại thị trấn.",
            "Businesses registered in the town.",
        ),
        "《中华人民共和国市场主体登记管理条例》第二十一条、第二十四条",
        "0",
        3,
        1,
        0,
        True,
        e_certificate=True,
        materials=[
            DemoMaterial(
                "变更登记申请书",
                "Đơn đăng ký thay đổi",
                "Application for a change of registration",
                sample="Application for a change of registration (sample)",
            ),
            DemoMaterial(
                "股东会决议或投资人决定",
                "Nghị quyết của đại hội thành viên hoặc quyết định của chủ sở hữu",
                "Shareholders' resolution or owner's decision",
            ),
            DemoMaterial(
                "章程修正案（公司、合作社）",
                "Điều lệ sửa đổi (công ty, hợp tác xã)",
                "Amended articles (companies, cooperatives)",
                is_required=False,
            ),
        ],
    ),
    DemoService(
        "huaqiao",
        "service-hall",
        "vat-invoice-by-post",
        (
            "增值税发票领用（邮寄送达）",
            "Lĩnh hoá đơn giá trị gia tăng gửi qua bưu điện",
            "VAT invoices delivered by post",
        ),
        (
            "纳税人网上申领纸质增值税发票，税务机关免费邮寄到经营地址。",
            "Người nộp thuế đăng ký lĩnh hoá đơn giấy trực tuyến, cơ quan thuế "
            "gửi miễn phí đến địa chỉ kinh doanh.",
            "Taxpayers request paper VAT invoices online; the tax office posts "
            "them to the business address free of charge.",
        ),
        (
            "已办理税务登记、核定发票票种的纳税人。",
            "Người nộp thuế đã đăng ký thuế và được duyệt loại hoá đơn.",
            "Registered taxpayers approved for the invoice type.",
        ),
        "《中华人民共和国发票管理办法》第十五条",
        "0",
        5,
        2,
        0,
        True,
        courier=True,
        courier_fee="10.00",
        materials=[
            DemoMaterial(
                "发票领用申请",
                "Đơn đề nghị lĩnh hoá đơn",
                "Request for invoices",
            ),
            DemoMaterial(
                "经办人身份证件",
                "Giấy tờ tuỳ thân của người làm thủ tục",
                "Identity document of the person applying",
            ),
        ],
    ),
    DemoService(
        "mau-son",
        "civil-affairs",
        "birth-registration",
        ("出生登记", "Đăng ký khai sinh", "Birth registration"),
        (
            "婴儿出生后60日内由父母或亲属办理，可在线提交，"
            "领取纸质出生证或下载电子版。",
            "Cha mẹ hoặc người thân đăng ký trong 60 ngày kể từ ngày sinh; nộp "
            "trực tuyến, nhận bản giấy hoặc bản điện tử giấy khai sinh.",
            "Parents or relatives register the child within 60 days of birth; "
            "apply online, collect the paper certificate or download it.",
        ),
        (
            "在本乡居住的婴儿父母或亲属。",
            "Cha, mẹ hoặc người thân của trẻ cư trú tại xã.",
            "Parents or relatives of a child living in the commune.",
        ),
        "Luật Hộ tịch 2014, Điều 13–17; Nghị định 123/2015/NĐ-CP",
        "0",
        1,
        0,
        0,
        True,
        e_certificate=True,
        pickup=True,
        materials=[
            DemoMaterial(
                "出生登记申请表",
                "Tờ khai đăng ký khai sinh",
                "Birth registration form",
                sample="Birth registration form (sample)",
            ),
            DemoMaterial(
                "出生医学证明", "Giấy chứng sinh", "Medical birth certificate"
            ),
            DemoMaterial(
                "申请人身份证件",
                "Căn cước của người đi đăng ký",
                "Identity card of the person registering",
            ),
            DemoMaterial(
                "父母结婚证（已婚时）",
                "Giấy chứng nhận kết hôn của cha mẹ (nếu có)",
                "Parents' marriage certificate (if married)",
                is_required=False,
            ),
        ],
    ),
]


def seed_services() -> None:
    """Create the demo services missing from their township, then link the guides."""
    townships = {t.slug: t for t in Township.objects.all()}
    for demo in SERVICES:
        township = townships.get(demo.township)
        if township is not None:
            _service(township, demo)
    for township in townships.values():
        _link_guides(township)


def _service(township: Township, demo: DemoService) -> None:
    if PublicService.objects.filter(township=township, slug=demo.slug).exists():
        return
    staff = User.objects.filter(
        memberships__township=township, memberships__role=MembershipRole.STAFF
    ).first()
    if staff is None:
        return
    public_service_create(
        actor=staff,
        service=PublicService(
            township=township,
            department=township.departments.get(slug=demo.department),
            **demo.service_values(),
            materials=[
                _material(m, position) for position, m in enumerate(demo.materials)
            ],
        ),
    )


def _material(demo: DemoMaterial, position: int) -> RequiredMaterial:
    material = RequiredMaterial(
        name_zh_hans=demo.name_zh_hans,
        name_vi=demo.name_vi,
        name_en=demo.name_en,
        is_required=demo.is_required,
        sort_order=position,
    )
    if demo.sample:
        material.template_file = ContentFile(
            _sample_pdf(demo.sample), name=f"{slugify(demo.name_en)}.pdf"
        )
    return material


def _sample_pdf(title: str) -> bytes:
    """A one-page PDF with the form's title and blank lines to fill in."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 770, title)
    pdf.setFont("Helvetica", 11)
    for row, label in enumerate(("Name", "ID number", "Address", "Phone", "Date")):
        y = 720 - row * 40
        pdf.drawString(72, y, f"{label}:")
        pdf.line(160, y - 2, 520, y - 2)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _link_guides(township: Township) -> None:
    """Link each of the township's unlinked guides to the service of the same slug."""
    home = township_home_original(township=township)
    if home is None:
        return
    services = {s.slug: s for s in PublicService.objects.filter(township=township)}
    for guide in ServiceGuidePage.objects.child_of(home).filter(service__isnull=True):
        service = services.get(guide.slug)
        if service is not None:
            guide.service = service
            guide.save_revision().publish()
