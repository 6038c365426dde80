"""Downloads of the dashboard figures: CSV (for any tool) and Excel (openpyxl).

Both take the same table of text cells that the page shows, so the board's suppressed numbers
stay suppressed ("[c]") in every download. A first block of rows says what the figures are: the
title, the period, whose records they cover, and where the England figure comes from.
"""

import csv
import io
from collections.abc import Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    filename: str,
    about: Sequence[Sequence[str]],
    header: Sequence[str],
    body: Sequence[Sequence[str]],
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerows(about)
    writer.writerow([])
    writer.writerow(header)
    writer.writerows(body)
    return _attachment(response, f"{filename}.csv")


def xlsx_response(
    filename: str,
    title: str,
    about: Sequence[Sequence[str]],
    header: Sequence[str],
    body: Sequence[Sequence[str]],
) -> HttpResponse:
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = title[:31]
    bold = Font(bold=True)
    for line in about:
        sheet.append(list(line))
        sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.append([])
    sheet.append(list(header))
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for line in body:
        sheet.append([_number_or_text(v) for v in line])
    sheet.column_dimensions["A"].width = 48
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    return _attachment(response, f"{filename}.xlsx")


def _number_or_text(value: str) -> str | int | float:
    """Plain numbers as numbers, so Excel can sum them; anything else ("[c]", "46.4%") as text."""
    text = value.replace(",", "")
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return value
