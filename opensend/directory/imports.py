"""Reading an existing directory to import (issue 16, item 7): an Open Referral UK 3.0 feed
(JSON in the shape our own /openreferral/ API publishes) or a CSV file (the columns of our
export). Reading writes nothing: it gives one `Incoming` per entry, with the reasons it cannot be
imported, if any. `import_plan` (in `import_services`) decides what each would do.

Bad files raise `ImportFileError` with a message for the editor (the page answers 400).
"""

import csv
import io
import json
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.dateparse import parse_date, parse_datetime

from opensend.directory import geography
from opensend.directory.models import Service, ServiceStatus, Weekday

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_AGE = 25
FEED_TIMEOUT_SECONDS = 20
MAX_FEED_PAGES = 100

# The CSV columns we read (our export's headings; "terms" and "last changed" are optional).
CSV_REQUIRED = ("name", "organisation", "description")
CSV_FIELDS = {
    "description": "description",
    "who it is for": "eligibility_description",
    "how to get it": "application_process",
    "email": "email",
    "website": "url",
    "status": "status",
    "notice": "alert",
}


class ImportFileError(Exception):
    """The file or feed cannot be read at all: nothing is imported."""


@dataclass
class Incoming:
    """One entry as read from the file or feed, before it is matched with ours."""

    label: str  # "Row 3" or "Entry 3", for the report
    source_id: str = ""
    organisation: str = ""
    organisation_id: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    # Related rows, only when the source gives them (None: leave ours as they are).
    location: dict[str, Any] | None = None
    phones: list[str] | None = None
    terms: list[str] | None = None
    schedules: list[dict[str, Any]] | None = None
    amounts: list[Decimal] | None = None
    source_modified: datetime | None = None
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.fields.get("name", ""))


def decode(raw: bytes) -> str:
    if not raw.strip():
        raise ImportFileError("The selected file is empty")
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFileError("The file must be smaller than 5 MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            "The file must be saved as UTF-8 text (in Excel: Save as, CSV UTF-8)"
        ) from None
    if "\x00" in text:
        raise ImportFileError("The file is not a text file: it has a NUL character in it")
    return text


def guess_kind(name: str, text: str) -> str:
    """ "oruk" for JSON (by its content), else "csv"."""
    return "oruk" if text.lstrip()[:1] in ("{", "[") else "csv"


def read(kind: str, text: str) -> list[Incoming]:
    entries = read_oruk(text) if kind == "oruk" else read_csv(text)
    if not entries:
        raise ImportFileError("The file has no entries in it")
    if len(entries) > MAX_ENTRIES:
        raise ImportFileError(f"Import at most {MAX_ENTRIES} entries at a time")
    return entries


# ------------------------------------------------------------------------------------ checks


def _text(value: Any, limit: int = 0) -> str:
    # A NUL cannot be kept in a PostgreSQL text column (a feed may escape one as \u0000).
    text = "" if value is None else str(value).replace("\x00", "").strip()
    return text[:limit] if limit else text


def _check_fields(entry: Incoming) -> None:
    f = entry.fields
    if not f.get("name"):
        entry.errors.append("It has no name")
    elif len(f["name"]) > 200:
        entry.errors.append("Its name is longer than 200 characters")
    if not f.get("description"):
        entry.errors.append("It has no description")
    if not entry.organisation and not entry.organisation_id:
        entry.errors.append("It does not say which organisation runs it")
    if f.get("email"):
        try:
            EmailValidator()(f["email"])
        except ValidationError:
            entry.errors.append(f"Its email address is not valid: {f['email']}")
    if f.get("url"):
        try:
            URLValidator(schemes=["http", "https"])(f["url"])
        except ValidationError:
            entry.errors.append(f"Its website is not a web address: {f['url']}")
    _check_status(entry)
    _check_lengths(entry)
    low, high = f.get("minimum_age"), f.get("maximum_age")
    if low is not None and high is not None and low > high:
        entry.errors.append(f"Its youngest age ({low}) is above its oldest age ({high})")


def _check_lengths(entry: Incoming) -> None:
    for name, value in entry.fields.items():
        limit = getattr(Service._meta.get_field(name), "max_length", None)
        if name != "name" and limit and isinstance(value, str) and len(value) > limit:
            label = {"url": "website", "email": "email address"}.get(name, name.replace("_", " "))
            entry.errors.append(f"Its {label} is longer than {limit} characters")


def _check_status(entry: Incoming) -> None:
    f = entry.fields
    if "status" in f:
        if not f["status"]:
            del f["status"]
        elif f["status"] not in ServiceStatus.values:
            entry.errors.append(
                f"Its status must be one of {', '.join(ServiceStatus.values)}, not {f['status']}"
            )


def _age(entry: Incoming, key: str, value: Any, label: str) -> None:
    if value in (None, ""):
        entry.fields[key] = None
        return
    try:
        number = int(Decimal(str(value).strip()))
    except (InvalidOperation, ValueError, OverflowError):
        entry.errors.append(f"Its {label} is not a number: {value}")
        return
    if not 0 <= number <= MAX_AGE:
        entry.errors.append(f"Its {label} must be from 0 to {MAX_AGE}, not {number}")
        return
    entry.fields[key] = number


def _date(entry: Incoming, value: Any, label: str) -> date | None:
    text = _text(value)
    if not text:
        return None
    try:
        parsed = parse_date(text[:10]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", text) else None
    except ValueError:  # well formed but not a real date (2026-13-45)
        parsed = None
    if parsed is None:
        entry.errors.append(f"Its {label} is not a date like 2026-03-31: {text}")
    return parsed


def _moment(entry: Incoming, value: Any) -> datetime | None:
    text = _text(value)
    if not text:
        return None
    try:
        moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        entry.errors.append(f"Its last change is not a date and time with a zone: {text}")
        return None
    return moment


MAX_AMOUNT = Decimal("999999.99")  # what CostOption.amount holds (8 digits, 2 after the point)


def _amount(value: Any) -> Decimal | None:
    """Pounds and pence from 0 to 999,999.99, else None."""
    try:
        amount = Decimal(str(value).strip()).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None
    return amount if Decimal(0) <= amount <= MAX_AMOUNT else None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


# ------------------------------------------------------------------------------ Open Referral


def _items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return list(data["contents"])
    if isinstance(data, dict) and "name" in data and "id" in data:
        return [data]
    raise ImportFileError(
        "This is not an Open Referral UK feed: it needs a list of services, or a page of them "
        "with 'contents'"
    )


def read_oruk(text: str) -> list[Incoming]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"The file is not valid JSON (line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise ImportFileError("The file is nested too deeply to be a feed") from None
    return [_oruk_entry(i, item) for i, item in enumerate(_items(data), start=1)]


def _oruk_entry(number: int, item: Any) -> Incoming:
    entry = Incoming(label=f"Entry {number}")
    if not isinstance(item, dict):
        entry.errors.append("It is not a service (a JSON object)")
        return entry
    entry.source_id = _text(item.get("id"), 200)
    org = _dict(item.get("organization"))
    entry.organisation = _text(org.get("name"), 200)
    entry.organisation_id = _text(item.get("organization_id") or org.get("id"), 60)
    entry.fields = {
        key: _text(item.get(key))
        for key in (
            "name",
            "description",
            "url",
            "email",
            "status",
            "eligibility_description",
            "application_process",
            "fees_description",
            "alert",
        )
        if key in item or key in ("name", "description")
    }
    _age(entry, "minimum_age", item.get("minimum_age"), "youngest age")
    _age(entry, "maximum_age", item.get("maximum_age"), "oldest age")
    if item.get("assured_date"):
        entry.fields["assured_date"] = _date(entry, item["assured_date"], "last checked date")
    entry.source_modified = _moment(entry, item.get("last_modified"))
    _check_fields(entry)
    sals = item.get("service_at_locations")
    if isinstance(sals, list) and sals and isinstance(sals[0], dict):
        entry.location = _placed(entry, _oruk_location(sals[0].get("location") or {}))
    _oruk_related(entry, item)
    return entry


def _oruk_related(entry: Incoming, item: dict[str, Any]) -> None:
    if isinstance(item.get("phones"), list):
        entry.phones = [_text(p.get("number"), 30) for p in item["phones"] if isinstance(p, dict)]
        entry.phones = [p for p in entry.phones if p]
    if isinstance(item.get("attributes"), list):
        entry.terms = []
        for attr in item["attributes"]:
            if isinstance(attr, dict):
                term = _dict(attr.get("taxonomy_term"))
                entry.terms.append(_text(attr.get("taxonomy_term_id") or term.get("id")))
    if isinstance(item.get("schedules"), list):
        entry.schedules = [s for s in (_oruk_schedule(entry, s) for s in item["schedules"]) if s]
    if isinstance(item.get("cost_options"), list):
        entry.amounts = []
        for option in item["cost_options"]:
            if isinstance(option, dict) and option.get("amount") not in (None, ""):
                amount = _amount(option["amount"])
                if amount is None:
                    entry.errors.append(f"A cost is not an amount of pounds: {option['amount']}")
                else:
                    entry.amounts.append(amount)


def _oruk_location(location: Any) -> dict[str, Any] | None:
    if not isinstance(location, dict):
        return None
    addresses = location.get("addresses") if isinstance(location.get("addresses"), list) else []
    address = addresses[0] if addresses and isinstance(addresses[0], dict) else {}
    row: dict[str, Any] = {
        "name": _text(location.get("name"), 200),
        "address_1": _text(address.get("address_1"), 200),
        "city": _text(address.get("city"), 100),
        "postal_code": _text(address.get("postal_code"), 10).upper(),
    }
    for key, limit in (("latitude", 90), ("longitude", 180)):
        try:
            number = float(location[key]) if location.get(key) is not None else None
        except (TypeError, ValueError):
            number = None
        row[key] = number if number is not None and abs(number) <= limit else None
    return row if any(row.values()) else None


def _placed(entry: Incoming, location: dict[str, Any] | None) -> dict[str, Any] | None:
    """A location without a map position is placed at its postcode district's centre, so that
    distance searches find it (as the search places a family's postcode)."""
    if location is None or location.get("latitude") is not None or not location["postal_code"]:
        return location
    try:
        place = geography.place_for_postcode(location["postal_code"])
    except geography.UnknownPostcodeError:
        entry.notes.append(
            f"Its postcode {location['postal_code']} is not one we can place, so a search by "
            "distance will not find it"
        )
        return location
    return {**location, "latitude": place.latitude, "longitude": place.longitude}


def _clock(value: Any) -> time | None:
    text = _text(value)
    match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?", text)
    return time(int(match[1]), int(match[2])) if match else None


def _oruk_schedule(entry: Incoming, schedule: Any) -> dict[str, Any] | None:
    if not isinstance(schedule, dict):
        return None
    days = list(
        dict.fromkeys(
            d.strip().upper() for d in _text(schedule.get("byday")).split(",") if d.strip()
        )
    )
    if not days or any(d not in Weekday.values for d in days):
        entry.notes.append(f"A time with days we do not understand was left out: {days}")
        return None
    return {
        "byday": ",".join(days),
        "opens_at": _clock(schedule.get("opens_at")),
        "closes_at": _clock(schedule.get("closes_at")),
        "term_time_only": schedule.get("term_time_only") is True,
        "description": _text(schedule.get("description")),
    }


def fetch_feed(url: str) -> str:
    """Every page of a feed's /services, each service fully nested, as one JSON list.

    The address is the feed's base (ending /openreferral/ or similar) or its /services; only
    http(s). A page's services without their locations are fetched one by one."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImportFileError("The feed's address must start with http:// or https://")
    base = url.split("?")[0].rstrip("/")
    if base.endswith("/services"):
        base = base[: -len("/services")]
    items: list[Any] = []
    for page in range(1, MAX_FEED_PAGES + 1):
        data = _get_json(f"{base}/services?page={page}&per_page=50")
        contents = _items(data)
        for item in contents:
            if isinstance(item, dict) and "service_at_locations" not in item and item.get("id"):
                item = _get_json(f"{base}/services/{urllib.parse.quote(str(item['id']))}")
            items.append(item)
        if not isinstance(data, dict) or data.get("last_page", True) or not contents:
            break
        if len(items) > MAX_ENTRIES:
            break
    return json.dumps(items)


def _get_json(url: str) -> Any:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=FEED_TIMEOUT_SECONDS) as response:  # noqa: S310
            raw = response.read(MAX_IMPORT_BYTES + 1)
    except (OSError, ValueError) as error:
        raise ImportFileError(f"The feed could not be read ({error})") from None
    try:
        return json.loads(decode(raw))
    except json.JSONDecodeError:
        raise ImportFileError("The feed did not answer with JSON") from None


def configured_feed_url() -> str:
    return str(getattr(settings, "OPENSEND_DIRECTORY_FEED_URL", "") or "")


# ------------------------------------------------------------------------------------- CSV


def read_csv(text: str) -> list[Incoming]:
    try:
        reader = csv.DictReader(io.StringIO(text))
        headings = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
        missing = [h for h in CSV_REQUIRED if h not in headings]
        if missing:
            raise ImportFileError(
                "The first row of the file must name its columns; it needs "
                + ", ".join(f"'{h}'" for h in missing)
            )
        rows = [
            {(k or "").strip().lower(): (v or "") for k, v in row.items() if k is not None}
            for row in reader
        ]
    except csv.Error as error:
        raise ImportFileError(f"The file is not a CSV file we can read ({error})") from None
    return [_csv_entry(n, row, headings) for n, row in enumerate(rows, start=2)]


def _csv_entry(number: int, row: dict[str, str], headings: list[str]) -> Incoming:
    entry = Incoming(label=f"Row {number}")
    entry.source_id = _text(row.get("id"), 200)
    entry.organisation = _text(row.get("organisation"), 200)
    entry.fields = {"name": _text(row.get("name"))}
    for heading, name in CSV_FIELDS.items():
        if heading in headings:
            entry.fields[name] = _text(row.get(heading))
    if "minimum age" in headings:
        _age(entry, "minimum_age", row.get("minimum age"), "youngest age")
    if "maximum age" in headings:
        _age(entry, "maximum_age", row.get("maximum age"), "oldest age")
    if _text(row.get("last checked")):
        entry.fields["assured_date"] = _date(entry, row["last checked"], "last checked date")
    entry.source_modified = _moment(entry, row.get("last changed"))
    _check_fields(entry)
    if "address" in headings or "postcode" in headings:
        location = {
            "name": "",
            "address_1": _text(row.get("address"), 200),
            "city": "",
            "postal_code": _text(row.get("postcode"), 10).upper(),
        }
        entry.location = _placed(
            entry, location if location["address_1"] or location["postal_code"] else None
        )
    if "phone" in headings:
        entry.phones = [p.strip()[:30] for p in row.get("phone", "").split(";") if p.strip()]
    if "terms" in headings:
        entry.terms = [t.strip() for t in row.get("terms", "").split(";") if t.strip()]
    if "cost" in headings:
        _csv_cost(entry, _text(row.get("cost")))
    return entry


def _csv_cost(entry: Incoming, cost: str) -> None:
    if not cost:
        return
    if cost.lower() == "free":
        entry.amounts = []
        return
    match = re.fullmatch(r"(?:from\s+)?£?\s*(\d+(?:\.\d{1,2})?)", cost, re.I)
    amount = _amount(match[1]) if match else None
    if amount is not None:
        entry.amounts = [amount]
    else:
        entry.notes.append(f"The cost was not understood and was left as it is: {cost}")
