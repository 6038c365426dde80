"""The entries a person keeps as CSV or Excel (issue 16, item 7: export). Public information
only: the same facts the service pages show."""

import csv
import io
from collections.abc import Iterable
from datetime import date

from openpyxl import Workbook

from opensend.directory import describe
from opensend.directory.models import Service
from opensend.directory.querysets import a_year_before

COLUMNS = [
    "id",
    "name",
    "organisation",
    "status",
    "description",
    "who it is for",
    "how to get it",
    "minimum age",
    "maximum age",
    "cost",
    "times",
    "address",
    "postcode",
    "phone",
    "email",
    "website",
    "last checked",
    "stale",
    # For importing the file back (directory.imports): what changed when, and the terms.
    "last changed",
    "terms",
]


def rows(services: Iterable[Service], today: date) -> list[list[object]]:
    cutoff = a_year_before(today)
    out: list[list[object]] = []
    for s in services:
        locations = [sal.location for sal in s.at_locations.all()]
        first = locations[0] if locations else None
        out.append(
            [
                str(s.id),
                s.name,
                s.organization.name,
                s.status,
                s.description,
                s.eligibility_description,
                s.application_process,
                s.minimum_age,
                s.maximum_age,
                describe.cost_text(s),
                "; ".join(describe.schedule_text(sch) for sch in s.schedules.all()),
                first.address_1 if first else "",
                first.postal_code if first else "",
                "; ".join(p.number for p in s.phones.all()),
                s.email,
                s.url,
                s.assured_date.isoformat() if s.assured_date else "",
                "yes" if s.assured_date is None or s.assured_date < cutoff else "no",
                s.last_modified.isoformat(),
                "; ".join(a.taxonomy_term.code for a in s.attributes.all()),
            ]
        )
    return out


def _safe(value: object) -> object:
    # A cell starting with = + - @ is a formula to a spreadsheet: quote it (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def as_csv(data: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows([[_safe(v) for v in row] for row in data])
    return buffer.getvalue()


def as_xlsx(data: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = "Local Offer"
    sheet.append(COLUMNS)
    for row in data:
        sheet.append([_safe(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
