"""A shipping label as PDF (ReportLab), with a QR code of the tracking page (segno).

Only ASCII goes on it (tracking number, reference, weight), so it needs no
CJK or Vietnamese font; names and addresses are on the run sheet.
"""

import io

from django.conf import settings
from django.urls import reverse

import segno
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

LABEL_SIZE = (100 * mm, 70 * mm)


def _qr_drawing(data: str, size: float) -> Drawing:
    """The QR code's modules as vector squares."""
    qr = segno.make(data, error="m")
    matrix = list(qr.matrix_iter(border=0))
    cell = size / len(matrix)
    drawing = Drawing(size, size)
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                drawing.add(
                    Rect(
                        col_index * cell,
                        size - (row_index + 1) * cell,
                        cell,
                        cell,
                        fillColor="black",
                        strokeColor=None,
                    )
                )
    return drawing


def label_pdf(shipment, *, tracking_number: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LABEL_SIZE)
    pdf.setTitle(f"Label {tracking_number}")
    width, height = LABEL_SIZE
    tracking_url = settings.HUB_BASE_URL.rstrip("/") + reverse(
        "couriers:track", args=[shipment.uuid]
    )
    renderPDF.draw(_qr_drawing(tracking_url, 40 * mm), pdf, 5 * mm, 25 * mm)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(50 * mm, height - 15 * mm, tracking_number)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(50 * mm, height - 25 * mm, shipment.reference)
    pdf.drawString(50 * mm, height - 32 * mm, f"{shipment.weight_grams} g")
    pdf.drawString(5 * mm, 10 * mm, tracking_url[:70])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
