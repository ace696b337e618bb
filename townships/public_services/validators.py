"""Checks on the sample and template files that township staff attach to materials.

The files are public (anyone downloads them), so only plain PDFs are taken: the
type is read from the first bytes, never from the name, and a PDF that carries
JavaScript, launch actions or embedded files is refused.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .constants import PDF_ACTIVE_CONTENT_MARKERS, TEMPLATE_MAX_BYTES

PDF_SIGNATURE = b"%PDF-"


def validate_pdf_template(upload) -> None:
    """Refuse a file that is too large, not a PDF, or a PDF with active content.

    Reads the content and leaves the file rewound. A file already stored was
    checked when it was uploaded.
    """
    if getattr(upload, "_committed", False):
        return
    if upload.size > TEMPLATE_MAX_BYTES:
        raise ValidationError(
            _("This file is too large (%(mb)d MB at most)."),
            code="too_large",
            params={"mb": TEMPLATE_MAX_BYTES // (1024 * 1024)},
        )
    upload.open("rb")
    upload.seek(0)
    try:
        content = upload.read()
    finally:
        upload.seek(0)
    if not content.startswith(PDF_SIGNATURE):
        raise ValidationError(
            _("Please attach a PDF file; this file is not one."), code="not_a_pdf"
        )
    if any(marker in content for marker in PDF_ACTIVE_CONTENT_MARKERS):
        raise ValidationError(
            _(
                "This PDF contains scripts or embedded files; "
                "please attach a plain PDF."
            ),
            code="active_content",
        )
