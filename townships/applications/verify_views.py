"""The public check of an e-certificate, and its download by the holder.

/verify/<code>/ is for anyone who scans the QR code: valid, revoked or
unknown, with the issuer, the service, the date and the holder's masked name,
and nothing else personal. The PDF itself is for the holder and the officers
of the issuing department only; anyone else gets the same 404 as for a
certificate that does not exist.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from townships.core.permissions import can_handle_for_department

from .certificates import certificate_for_code, holder_name, issued_on, name_masked
from .models import Certificate
from .results import certificate_pdf_store


@never_cache
def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone with the code: whether the certificate is valid, and whose (masked)."""
    certificate = certificate_for_code(code=code)
    if certificate is None:
        response = render(request, "applications/verify/unknown.html", status=404)
    else:
        application = certificate.application
        response = render(
            request,
            "applications/verify/certificate.html",
            {
                "certificate": certificate,
                "township": application.township,
                "department": application.department,
                "service": application.service,
                "issued_on": issued_on(certificate),
                "holder_masked": name_masked(holder_name(application)),
            },
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@never_cache
def certificate_download(request: HttpRequest, uuid) -> FileResponse:
    """The holder or an officer of the issuing department: the PDF; others 404."""
    certificate = (
        Certificate.objects.select_related("application__department")
        .filter(application__uuid=uuid)
        .first()
    )
    if certificate is None:
        raise Http404
    application = certificate.application
    if application.applicant_id != request.user.pk and not can_handle_for_department(
        request.user, application.department
    ):
        raise Http404
    if not certificate.pdf:
        # The render task has not run yet: do its (idempotent) work now.
        certificate = certificate_pdf_store(certificate_pk=certificate.pk)
    return FileResponse(
        certificate.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"certificate-{application.reference}.pdf",
    )
