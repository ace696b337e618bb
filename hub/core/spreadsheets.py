"""CSV downloads that Excel and WPS open right and never run as formulas."""

import csv

from django.http import HttpResponse


def csv_text(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP CSV
    injection): names and villages are typed by people."""
    return f"'{value}" if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def csv_download(filename: str):
    """(response, writer) for a UTF-8 CSV attachment.

    Excel and WPS read UTF-8 (Chinese and Vietnamese names) only after a BOM.
    """
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
    response.write("\ufeff")
    return response, csv.writer(response)
