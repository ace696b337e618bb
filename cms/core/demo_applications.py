"""Demo application forms and applications in every state, for `seed_demo`.

Each demo service gets a short form (name and phone filled in from the
profile, a postal address where a result can go by courier, one question
that applies only after a given answer), added by the township's staff
through the catalogue's service. Then the demo citizens apply through the
service hall's own services, as the pages would: draft, answers checked by
the form of each step, materials uploaded, sent, fee paid at the counter;
the officers of the department take each application to its demo state. One
was sent weeks ago and is overdue: its dates are moved back after the steps
and its deadlines computed again, as the services would have. Safe to run
twice: an application already there (matched by its answers) is left alone.
"""

import io
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from hub.accounts.constants import Role
from hub.accounts.models import Profile, User
from hub.payments.services import payment_cash_record
from townships.applications.certificates import certificate_verify_url
from townships.applications.citizen_services import (
    application_answers_save,
    application_draft_start,
    application_fee_cash,
    application_send,
    material_add,
)
from townships.applications.constants import ApplicationStatus
from townships.applications.form_definition import FieldKind, FormField, Prefill
from townships.applications.forms import ApplicationStepForm
from townships.applications.models import Application, ApplicationEvent, Certificate
from townships.applications.results import certificate_pdf_store
from townships.applications.services import (
    application_extend,
    application_step,
    application_withdraw,
)
from townships.core.constants import MembershipRole
from townships.core.workdays import deadline_for
from townships.public_services.models import PublicService
from townships.public_services.services import public_service_update

A = ApplicationStatus
CITIZEN = "+8613800000001"
VILLAGER_VN = "+84912000001"
AGENT = "+8613800000007"
# Not a status: accepted, but sent this many days ago and past its deadline.
OVERDUE = "overdue"
# Four weeks: past a 5-working-day limit even across a week of public holidays.
OVERDUE_DAYS_AGO = 28

# Rows for cms.core.demo's accounts: an officer of each department that
# handles the demo services (the Xiaoyudong officer of cms.core.demo works in
# the civil affairs office, which has none).
OFFICER_ACCOUNTS = [
    (
        Role.OFFICER,
        "xiaoyudong",
        "",
        "hall@xiaoyudong.example.org",
        "吴佳",
        MembershipRole.OFFICER,
        "service-hall",
    ),
    (
        Role.OFFICER,
        "huaqiao",
        "",
        "officer@huaqiao.example.org",
        "郑涛",
        MembershipRole.OFFICER,
        "service-hall",
    ),
    (
        Role.OFFICER,
        "mau-son",
        "",
        "officer@mauson.example.org",
        "Vi Văn Tùng",
        MembershipRole.OFFICER,
        "civil-affairs",
    ),
]


@dataclass(frozen=True)
class DemoField:
    key: str
    labels: tuple[str, str, str]  # zh-hans, vi, en
    kind: str = FieldKind.TEXT
    step: int = 2
    is_required: bool = True
    choices: str = ""
    prefill: str = ""
    shown_if: tuple[str, str] = ("", "")

    def form_field(self, position: int) -> FormField:
        """The FormField this describes, at ``position`` in its form."""
        return FormField(
            key=self.key,
            label_zh_hans=self.labels[0],
            label_vi=self.labels[1],
            label_en=self.labels[2],
            kind=self.kind,
            choices=self.choices,
            is_required=self.is_required,
            step=self.step,
            shown_if_key=self.shown_if[0],
            shown_if_value=self.shown_if[1],
            prefill=self.prefill,
            sort_order=position,
        )


NAME = DemoField(
    "name",
    ("申请人姓名", "Họ và tên người nộp", "Applicant's name"),
    step=1,
    prefill=Prefill.NAME,
)
PHONE = DemoField(
    "phone",
    ("联系电话", "Số điện thoại", "Phone number"),
    kind=FieldKind.PHONE,
    step=1,
    prefill=Prefill.PHONE,
)
ADDRESS = DemoField(
    "address",
    ("邮寄地址", "Địa chỉ nhận qua bưu điện", "Postal address for the result"),
    kind=FieldKind.LONG_TEXT,
    step=1,
    prefill=Prefill.ADDRESS,
)

FORMS = {
    ("xiaoyudong", "hk-macao-endorsement"): [
        NAME,
        PHONE,
        ADDRESS,
        DemoField(
            "endorsement",
            ("签注种类", "Loại thị thực", "Kind of endorsement"),
            kind=FieldKind.CHOICE,
            choices="团队旅游\n个人旅游\n探亲",
        ),
        DemoField(
            "relative",
            (
                "在港澳的亲属姓名及关系",
                "Họ tên và quan hệ của người thân ở Hồng Kông, Ma Cao",
                "Relative in Hong Kong or Macao, and how related",
            ),
            shown_if=("endorsement", "探亲"),
        ),
    ],
    ("xiaoyudong", "household-transfer"): [
        NAME,
        PHONE,
        DemoField(
            "id_number",
            ("身份证号码", "Số căn cước", "ID number"),
            kind=FieldKind.ID_NUMBER,
            step=1,
        ),
        DemoField(
            "reason",
            ("迁移原因", "Lý do chuyển", "Reason for the move"),
            kind=FieldKind.CHOICE,
            choices="购房\n投靠亲属\n婚嫁",
        ),
        DemoField(
            "relative",
            (
                "投靠的亲属姓名及关系",
                "Họ tên và quan hệ của người thân",
                "Relative you join, and how related",
            ),
            shown_if=("reason", "投靠亲属"),
        ),
        DemoField(
            "from_address",
            ("现户籍地址", "Địa chỉ hộ khẩu hiện tại", "Current registered address"),
            kind=FieldKind.LONG_TEXT,
        ),
    ],
    ("huaqiao", "business-scope-change"): [
        NAME,
        PHONE,
        DemoField(
            "business_name",
            ("市场主体名称", "Tên chủ thể kinh doanh", "Name of the business"),
        ),
        DemoField(
            "new_scope",
            (
                "变更后的经营范围",
                "Ngành nghề kinh doanh mới",
                "Business scope after the change",
            ),
            kind=FieldKind.LONG_TEXT,
        ),
    ],
    ("huaqiao", "vat-invoice-by-post"): [
        NAME,
        PHONE,
        ADDRESS,
        DemoField(
            "taxpayer_id",
            ("纳税人识别号", "Mã số thuế", "Taxpayer identification number"),
        ),
        DemoField(
            "copies",
            ("领用份数", "Số quyển", "Number of invoice books"),
            kind=FieldKind.NUMBER,
        ),
    ],
    ("mau-son", "birth-registration"): [
        NAME,
        PHONE,
        DemoField("child_name", ("婴儿姓名", "Họ và tên của trẻ", "Child's name")),
        DemoField(
            "born_on",
            ("出生日期", "Ngày sinh", "Date of birth"),
            kind=FieldKind.DATE,
        ),
        DemoField(
            "parents_married",
            ("父母已登记结婚", "Cha mẹ đã đăng ký kết hôn", "Parents are married"),
            kind=FieldKind.YES_NO,
        ),
        DemoField(
            "marriage_number",
            (
                "结婚证编号",
                "Số giấy chứng nhận kết hôn",
                "Marriage certificate number",
            ),
            shown_if=("parents_married", "yes"),
        ),
    ],
}


@dataclass(frozen=True)
class DemoApplication:
    """One application taken to ``state``; its ``answers`` also identify it."""

    applicant: str
    township: str
    service: str
    state: str
    answers: dict[str, str]
    reason: str = ""
    # "" no payment started, "pending" to pay at the counter, "paid" paid there.
    fee: str = ""
    agent: str = ""
    consent: str = ""
    extend: tuple[int, str] = (0, "")
    materials: bool = True


APPLICATIONS = [
    DemoApplication(
        CITIZEN,
        "xiaoyudong",
        "hk-macao-endorsement",
        A.SUBMITTED,
        {"endorsement": "个人旅游"},
        fee="pending",
    ),
    DemoApplication(
        CITIZEN,
        "xiaoyudong",
        "hk-macao-endorsement",
        A.ACCEPTED,
        {"endorsement": "团队旅游"},
        fee="paid",
        extend=(5, "旅行社团队名单尚未报备，延长办理时限等待核对。"),
    ),
    DemoApplication(
        CITIZEN,
        "xiaoyudong",
        "hk-macao-endorsement",
        A.REJECTED,
        {"endorsement": "探亲", "relative": "王建国（哥哥，香港）"},
        reason="探亲签注需提供亲属在港澳的居住证明；请补齐材料后重新申请。",
    ),
    DemoApplication(
        CITIZEN,
        "xiaoyudong",
        "household-transfer",
        A.WITHDRAWN,
        {
            "id_number": "11010519491231002X",
            "reason": "购房",
            "from_address": "彭州市丽春镇天鹅村五组",
        },
    ),
    # Filed at the service centre by the agent, with the villager's consent (J8).
    DemoApplication(
        CITIZEN,
        "xiaoyudong",
        "household-transfer",
        A.SUSPENDED,
        {
            "id_number": "11010519491231002X",
            "reason": "投靠亲属",
            "relative": "王德明（父亲）",
            "from_address": "都江堰市虹口乡高原村二组",
        },
        reason="已向迁出地派出所发出户籍核查函，等待回复。",
        agent=AGENT,
        consent="本人到便民服务中心当面同意，并在委托书上签字。",
    ),
    DemoApplication(
        CITIZEN,
        "huaqiao",
        "business-scope-change",
        A.APPROVED,
        {
            "business_name": "彭州市小鱼洞王秀英农家乐",
            "new_scope": "餐饮服务；农副产品零售；乡村民宿",
        },
    ),
    DemoApplication(
        CITIZEN,
        "huaqiao",
        "business-scope-change",
        A.CORRECTION,
        {
            "business_name": "彭州市杨坪村腊肉加工专业合作社",
            "new_scope": "腊肉、香肠加工与销售；农产品电子商务",
        },
        reason="股东会决议缺少全体成员签字，请上传签字完整的决议后重新提交。",
    ),
    DemoApplication(
        CITIZEN,
        "huaqiao",
        "vat-invoice-by-post",
        A.APPROVED,
        {
            "taxpayer_id": "92510182MA6C7XQ51K",
            "copies": "1",
            "address": "彭州市小鱼洞镇杨坪村三组12号",
        },
    ),
    DemoApplication(
        CITIZEN,
        "huaqiao",
        "vat-invoice-by-post",
        OVERDUE,
        {
            "taxpayer_id": "92510182MA6C7XQ51K",
            "copies": "2",
            "address": "彭州市小鱼洞镇杨坪村三组12号",
        },
    ),
    DemoApplication(
        VILLAGER_VN,
        "mau-son",
        "birth-registration",
        A.APPROVED,
        {
            "child_name": "Lý Minh Khang",
            "born_on": "2026-09-14",
            "parents_married": "yes",
            "marriage_number": "12/2024/KH-MS",
        },
    ),
    # Drafts last: a citizen has one draft per service, and the steps above
    # start (and send) a draft of their own.
    DemoApplication(
        CITIZEN,
        "xiaoyudong",
        "household-transfer",
        A.DRAFT,
        {"reason": "婚嫁"},
        materials=False,
    ),
]

# The steps an officer takes to bring a sent application to each state.
_STEPS = {
    A.SUBMITTED: (),
    A.ACCEPTED: (A.ACCEPTED,),
    OVERDUE: (A.ACCEPTED,),
    A.CORRECTION: (A.CORRECTION,),
    A.SUSPENDED: (A.ACCEPTED, A.SUSPENDED),
    A.APPROVED: (A.ACCEPTED, A.APPROVED),
    A.REJECTED: (A.REJECTED,),
    A.WITHDRAWN: (),
}


def seed_applications() -> None:
    """Give the demo services their forms; file the demo applications once.

    Run after the demo accounts and the service catalogue exist.
    """
    # Lý Thị Hoa reads the hall, and her certificate, in Vietnamese.
    Profile.objects.filter(user__phone=VILLAGER_VN, preferred_language="").update(
        preferred_language="vi"
    )
    for (township, slug), fields in FORMS.items():
        service = PublicService.objects.filter(
            township__slug=township, slug=slug
        ).first()
        if service is not None:
            _form(service, fields)
    for demo in APPLICATIONS:
        _application(demo)


def demo_certificate_verify_urls() -> list[str]:
    """The public check page of each valid demo e-certificate."""
    certificates = Certificate.objects.filter(
        application__applicant__phone__in=[CITIZEN, VILLAGER_VN],
        revoked_at__isnull=True,
    ).order_by("pk")
    return [certificate_verify_url(certificate) for certificate in certificates]


def _form(service: PublicService, fields: list[DemoField]) -> None:
    """The township's staff give a service without a form this one; put it online."""
    if service.form_fields.exists() and service.is_online:
        return
    staff = User.objects.filter(
        memberships__township_id=service.township_id,
        memberships__role=MembershipRole.STAFF,
    ).first()
    if staff is None:
        return
    if not service.form_fields.exists():
        form_fields = [
            demo.form_field(position) for position, demo in enumerate(fields)
        ]
        for form_field in form_fields:
            form_field.full_clean(exclude=["service"])
        service.form_fields = form_fields
    service.is_online = True
    public_service_update(actor=staff, service=service)


def _application(demo: DemoApplication) -> None:
    """File the demo application unless it is there; take it to its state."""
    applicant = User.objects.filter(phone=demo.applicant).first()
    service = (
        PublicService.objects.select_related("township", "department")
        .filter(township__slug=demo.township, slug=demo.service, is_online=True)
        .first()
    )
    if applicant is None or service is None:
        return
    mine = Application.objects.filter(applicant=applicant, service=service)
    if mine.filter(status=A.DRAFT).exists():
        return  # the demo draft, or one the citizen started: leave it as it is
    matching = {f"answers__{key}": value for key, value in demo.answers.items()}
    if mine.filter(**matching).exists():
        return
    officer = (
        User.objects.filter(
            memberships__department=service.department,
            memberships__role=MembershipRole.OFFICER,
        )
        .order_by("pk")
        .first()
    )
    if officer is None and demo.state not in (A.DRAFT, A.SUBMITTED, A.WITHDRAWN):
        return
    agent = User.objects.get(phone=demo.agent) if demo.agent else None
    actor = agent or applicant
    application = application_draft_start(
        service=service, applicant=applicant, actor=actor, consent=demo.consent
    )
    answers = {**application.answers, **demo.answers}
    if demo.state == A.DRAFT:
        application_answers_save(application=application, actor=actor, answers=answers)
        return
    if demo.materials:
        _upload_materials(application, service, actor)
    application = application_send(
        application=application, actor=actor, answers=_checked(service, answers)
    )
    _fee(application, demo, officer)
    _take_to_state(application, demo, officer, actor)


def _checked(service: PublicService, answers: dict[str, str]) -> dict[str, str]:
    """The answers as each step's form cleans them; a wrong demo answer fails."""
    questions = list(service.form_fields.all())
    cleaned = {}
    for step in sorted({question.step for question in questions}):
        form = ApplicationStepForm(
            {f"q-{key}": value for key, value in answers.items()},
            questions=[q for q in questions if q.step == step],
            answers=answers,
            country=service.township.country,
        )
        if not form.is_valid():
            raise ValueError(f"Demo answers for {service.slug}: {form.errors}")
        cleaned.update(form.cleaned_answers())
    return cleaned


def _upload_materials(
    application: Application, service: PublicService, actor: User
) -> None:
    for required in service.materials.filter(is_required=True):
        name = required.name_en or required.name_zh_hans
        material_add(
            application=application,
            required_material=required,
            upload=ContentFile(_scan_pdf(name), name=f"{name[:40]}.pdf"),
            actor=actor,
        )


def _scan_pdf(title: str) -> bytes:
    """A one-page PDF standing for the citizen's scan of a document."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setFont("Helvetica", 14)
    pdf.drawString(72, 770, title)
    pdf.rect(72, 400, 450, 340)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _fee(application: Application, demo: DemoApplication, officer: User) -> None:
    """Choose to pay at the counter; the hall's officer records the cash."""
    if not demo.fee or application.service.fee <= 0:
        return
    payment = application_fee_cash(application=application)
    if demo.fee == "paid":
        payment_cash_record(
            payment=payment,
            amount=payment.amount,
            receipt=f"demo-{application.reference}",
            actor=officer,
        )


def _take_to_state(
    application: Application, demo: DemoApplication, officer: User, actor: User
) -> None:
    if demo.state == A.WITHDRAWN:
        application_withdraw(application=application, actor=actor)
        return
    for step in _STEPS[demo.state]:
        reason = demo.reason if step in (A.CORRECTION, A.SUSPENDED, A.REJECTED) else ""
        application = application_step(
            application=application, to=step, actor=officer, reason=reason
        )
    days, why = demo.extend
    if days:
        application_extend(
            application=application, days=days, actor=officer, reason=why
        )
    certificate = Certificate.objects.filter(application=application).first()
    if certificate is not None:
        # The render task runs after commit in a worker; the demo shows it at once.
        certificate_pdf_store(certificate_pk=certificate.pk)
    if demo.state == OVERDUE:
        _move_back(application, days=OVERDUE_DAYS_AGO)


def _move_back(application: Application, *, days: int) -> None:
    """Make the application as if sent ``days`` ago: its steps, then its deadlines.

    Only an application with no fee, pause or extension comes here, so the
    deadlines are the plain time limits counted from the earlier submission.
    """
    shift = timedelta(days=days)
    ApplicationEvent.objects.filter(application=application).update(at=F("at") - shift)
    application.refresh_from_db()
    submitted_at = application.submitted_at - shift
    service = application.service
    Application.objects.filter(pk=application.pk).update(
        submitted_at=submitted_at,
        deadline=deadline_for(
            submitted_at=submitted_at,
            days=service.legal_time_limit_days,
            township=application.township,
        ),
        promised_by=deadline_for(
            submitted_at=submitted_at,
            days=service.promised_time_days,
            township=application.township,
        ),
        updated_at=timezone.now(),
    )
