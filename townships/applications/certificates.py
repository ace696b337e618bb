"""E-certificates: signed codes, the holder's masked name, and the PDF.

A code is a random id signed with the project's secret (django.core.signing,
salt "certificate"), so a forged or altered code never verifies: it fails the
signature before the database is asked. The PDF (ReportLab) is written in the
application's language with embedded fonts found by path: DejaVu Sans for
Latin and Vietnamese, WenQuanYi Zen Hei for Chinese (Noto Sans CJK, a TTC of
PostScript outlines, is refused by ReportLab's TTFont). Its QR code (segno)
holds the absolute URL of the public verification page.
"""

from __future__ import annotations

import functools
import io
import secrets
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .form_definition import Prefill
from .models import Application, Certificate

CODE_SALT = "certificate"
CODE_SEPARATOR = "."
CODE_RANDOM_BYTES = 9  # 12 URL-safe characters

# (ReportLab name, path, index in a font collection); the Debian package below.
FONT_SANS = ("HubSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0)
FONT_SANS_BOLD = (
    "HubSans-Bold",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    0,
)
FONT_CJK = ("HubCJK", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0)
FONT_PACKAGES = {
    FONT_SANS[1]: "fonts-dejavu-core",
    FONT_SANS_BOLD[1]: "fonts-dejavu-core",
    FONT_CJK[1]: "fonts-wqy-zenhei",
}

# Unicode blocks drawn with the CJK font: radicals to CJK unified ideographs,
# compatibility ideographs, and full-width forms.
CJK_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


def _signer() -> signing.Signer:
    return signing.Signer(salt=CODE_SALT, sep=CODE_SEPARATOR)


def certificate_code_new() -> str:
    """A new code: a random id and its signature, safe in a URL path."""
    return _signer().sign(secrets.token_urlsafe(CODE_RANDOM_BYTES))


def certificate_code_is_signed(code: str) -> bool:
    """Whether the code carries our signature (checked before any lookup)."""
    try:
        _signer().unsign(code)
    except signing.BadSignature:
        return False
    return True


def certificate_for_code(*, code: str) -> Certificate | None:
    """The certificate of a signed code, with what the public page shows."""
    if not certificate_code_is_signed(code):
        return None
    return (
        Certificate.objects.select_related(
            "application__service",
            "application__township",
            "application__department",
            "application__applicant__profile",
        )
        .filter(code=code)
        .first()
    )


def certificate_verify_url(certificate: Certificate) -> str:
    """The absolute URL of the public verification page (what the QR holds)."""
    path = reverse("certificates:verify", args=[certificate.code])
    return settings.HUB_BASE_URL.rstrip("/") + path


def answer_for(application: Application, prefill: str) -> str:
    """The answer to the form's question filled from this profile value, if any."""
    keys = [
        field.key
        for field in application.service.form_fields.all()
        if field.prefill == prefill
    ]
    for key in [*keys, prefill]:
        answer = str(application.answers.get(key) or "").strip()
        if answer:
            return answer
    return ""


def holder_name(application: Application) -> str:
    """The applicant's name as the application gives it, else as their profile."""
    name = answer_for(application, Prefill.NAME)
    if name:
        return name
    profile = getattr(application.applicant, "profile", None)
    if profile is not None and profile.real_name.strip():
        return profile.real_name.strip()
    return application.applicant.get_full_name().strip()


def _is_cjk(character: str) -> bool:
    return any(low <= ord(character) <= high for low, high in CJK_RANGES)


def name_masked(name: str) -> str:
    """张*明, 李*, N***** V** A*: the first (and for Chinese the last) letter only."""
    words = name.split()
    if not words:
        return ""
    if len(words) == 1 and any(_is_cjk(character) for character in words[0]):
        word = words[0]
        if len(word) <= 2:
            return word[0] + "*" * (len(word) - 1)
        return word[0] + "*" * (len(word) - 2) + word[-1]
    return " ".join(word[0] + "*" * (len(word) - 1) for word in words)


def issued_on(certificate: Certificate):
    """The issue date in the township's own time zone."""
    zone = ZoneInfo(certificate.application.township.timezone)
    return timezone.localtime(certificate.issued_at, zone).date()


# --- PDF ------------------------------------------------------------------


@functools.cache
def _fonts_registered() -> None:
    """Register the embedded fonts once per process; say which package is missing."""
    for name, path, index in (FONT_SANS, FONT_SANS_BOLD, FONT_CJK):
        if not Path(path).is_file():
            raise ImproperlyConfigured(
                f"Certificate font {path} is missing: install Debian's "
                f"{FONT_PACKAGES[path]} package (`make fonts`)."
            )
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))


def _font(text: str, *, bold: bool = False) -> str:
    """The CJK font for text with Chinese in it, else DejaVu (Vietnamese, Latin)."""
    if any(_is_cjk(character) for character in text):
        return FONT_CJK[0]
    return FONT_SANS_BOLD[0] if bold else FONT_SANS[0]


def _draw_qr(pdf: canvas.Canvas, data: str, *, x: float, y: float, size: float):
    """The QR code's dark modules as one filled vector path."""
    matrix = list(segno.make(data, error="m").matrix_iter(border=0))
    cell = size / len(matrix)
    path = pdf.beginPath()
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                path.rect(
                    x + col_index * cell, y + size - (row_index + 1) * cell, cell, cell
                )
    pdf.setFillColorRGB(0, 0, 0)
    pdf.drawPath(path, stroke=0, fill=1)


def _split(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines that fit the width: at spaces, else (a code, a URL) at any character."""
    lines = []
    for line in simpleSplit(text, font, size, width) or [""]:
        while pdfmetrics.stringWidth(line, font, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and pdfmetrics.stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


class _Writer:
    """Lines of text top-down, each in the font its characters need."""

    def __init__(self, pdf: canvas.Canvas, *, left: float, top: float, width: float):
        self.pdf, self.left, self.y, self.width = pdf, left, top, width

    def line(self, text: str, *, size: float = 11, bold: bool = False) -> None:
        font = _font(text, bold=bold)
        for part in _split(text, font, size, self.width):
            self.y -= size * 1.45
            self.pdf.setFont(font, size)
            self.pdf.drawString(self.left, self.y, part)

    def field(self, label: str, value: str, *, size: float = 13) -> None:
        self.line(label, size=9)
        self.line(value, size=size, bold=True)
        self.y -= 3 * mm

    def space(self, height: float) -> None:
        self.y -= height


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as a one-page A4 PDF in the application's language."""
    _fonts_registered()
    application = certificate.application
    verify_url = certificate_verify_url(certificate)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    with translation.override(application.language):
        township = application.township.name
        department = application.department.name
        title = _("Electronic certificate")
        pdf.setTitle(f"{title} {application.reference}")
        pdf.setAuthor(f"{township} {department}")
        pdf.setLineWidth(1.5)
        pdf.setStrokeColorRGB(0.04, 0.36, 0.23)
        pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
        writer = _Writer(pdf, left=25 * mm, top=height - 25 * mm, width=width - 50 * mm)
        writer.line(township, size=14, bold=True)
        writer.line(department, size=12)
        writer.space(10 * mm)
        writer.line(title, size=24, bold=True)
        writer.space(4 * mm)
        writer.line(_("The application below has been approved."), size=11)
        writer.space(8 * mm)
        writer.field(_("Holder"), holder_name(application) or "—")
        writer.field(_("Service"), application.service.name)
        writer.field(_("Application reference"), application.reference or "")
        writer.field(
            _("Issued on"), formats.date_format(issued_on(certificate), "DATE_FORMAT")
        )
        writer.field(_("Certificate code"), certificate.code, size=10)
        qr_size = 45 * mm
        _draw_qr(pdf, verify_url, x=25 * mm, y=30 * mm, size=qr_size)
        notes = _Writer(
            pdf, left=80 * mm, top=30 * mm + qr_size, width=width - 105 * mm
        )
        notes.line(_("Scan to check that this certificate is valid:"), size=10)
        notes.line(verify_url, size=8)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
