"""What an applicant may upload: PDF, JPEG or PNG, judged by the content.

The first bytes decide the type, never the name or the browser's word. Images
then go through the photo rules of hub.core.images (Pillow reads them, bombs
and broken files are refused); PDFs must start with %PDF- and carry no
JavaScript, launch actions or embedded files, as for service templates.
"""

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from hub.core.images import validate_photo
from townships.public_services.constants import PDF_ACTIVE_CONTENT_MARKERS

MATERIAL_MAX_BYTES = 10 * 1024 * 1024
# Magic bytes of what we take, and the extension a stored copy gets.
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
EXTENSIONS = {content_type: ext for _magic, content_type, ext in SIGNATURES}


def material_content_type(upload) -> str:
    """The sniffed content type of an acceptable upload, or ValidationError.

    Reads the content and leaves the file rewound.
    """
    if upload.size > MATERIAL_MAX_BYTES:
        raise ValidationError(
            _("This file is too large (%(mb)d MB at most)."),
            code="too_large",
            params={"mb": MATERIAL_MAX_BYTES // (1024 * 1024)},
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    content_type = next(
        (kind for magic, kind, _ext in SIGNATURES if head.startswith(magic)), None
    )
    if content_type is None:
        raise ValidationError(
            _("Please send a PDF, JPEG or PNG file; this file is none of them."),
            code="format",
        )
    if content_type == "application/pdf":
        content = upload.read()
        upload.seek(0)
        if any(marker in content for marker in PDF_ACTIVE_CONTENT_MARKERS):
            raise ValidationError(
                _(
                    "This PDF contains scripts or embedded files; "
                    "please send a plain PDF or a photo of the document."
                ),
                code="active_content",
            )
    else:
        validate_photo(upload)
    return content_type


def material_response(material) -> FileResponse:
    """The stored file as a download that never runs in the browser."""
    response = FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.original_name or material.file.name,
        content_type=material.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
