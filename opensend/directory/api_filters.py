"""The Open Referral UK API's query parameters: reading them (a bad one is a 400 naming it), the
filters they make (combined with AND, worded as the profile words them) and the profile's page.
Used by the views in `directory.api`."""

import re
from datetime import datetime, time
from typing import Any
from uuid import UUID

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime
from rest_framework import exceptions

from opensend.directory import geography
from opensend.directory.models import WEEKDAY_ORDER, Service, ServiceAtLocation, Weekday

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
DAY_VALUES = [*WEEKDAY_ORDER, *(d.label for d in Weekday)]
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")


def bad(name: str, message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError({name: [message]})


def parse_int(params: Any, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad(name, f"{name} must be a whole number") from None
    if not low <= value <= high:
        raise bad(name, f"{name} must be from {low} to {high}")
    return value


def parse_number(params: Any, name: str) -> float | None:
    raw = params.get(name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise bad(name, f"{name} must be a number") from None
    if not 0 <= value <= 1_000_000:
        raise bad(name, f"{name} must be a number from 0 to 1000000")
    return value


def parse_uuid(params: Any, name: str) -> UUID | None:
    raw = params.get(name)
    if raw is None:
        return None
    try:
        return UUID(raw)
    except ValueError:
        raise bad(name, f"{name} must be a UUID") from None


def parse_time(params: Any, name: str) -> time | None:
    raw = params.get(name)
    if raw is None:
        return None
    if not TIME.match(raw):
        raise bad(name, f"{name} must be a time as HH:MM")
    return time.fromisoformat(raw)


def parse_day(params: Any) -> str:
    raw = params.get("day")
    if raw is None:
        return ""
    if raw in WEEKDAY_ORDER:
        return raw
    for day in Weekday:
        if raw == day.label:
            return day.value
    raise bad("day", "day must be MO, TU, WE, TH, FR, SA or SU (or the day's name)")


def parse_modified_after(params: Any) -> datetime | None:
    raw = params.get("modified_after")
    if raw is None:
        return None
    try:
        parsed = parse_datetime(raw)
    except ValueError:
        parsed = None
    if parsed is None:
        raise bad("modified_after", "modified_after must be a date and time (ISO 8601)")
    return parsed


def services_matching(params: Any) -> QuerySet[Service]:
    """Public services matching every filter given (AND)."""
    qs = Service.objects.public().matching(params.get("search", ""))
    term_id = parse_uuid(params, "taxonomy_term_id")
    if term_id is not None:
        qs = qs.with_term(term_id=term_id)
    taxonomy_id = parse_uuid(params, "taxonomy_id")
    if taxonomy_id is not None:
        qs = qs.in_taxonomy(taxonomy_id)
    minimum = parse_number(params, "minimum_age")
    if minimum is not None:
        qs = qs.filter(minimum_age__gte=minimum)
    maximum = parse_number(params, "maximum_age")
    if maximum is not None:
        qs = qs.filter(maximum_age__lte=maximum)
    day, start, end = (
        parse_day(params),
        parse_time(params, "start_time"),
        parse_time(params, "end_time"),
    )
    if day or start or end:
        qs = qs.in_hours(day=day, opens_from=start, closes_by=end)
    changed = parse_modified_after(params)
    if changed is not None:
        qs = qs.filter(last_modified__gte=changed)
    return qs


def page_of(params: Any, rows: Any, build: Any) -> dict[str, Any]:
    page_number = parse_int(params, "page", 1, 1, 1_000_000)
    per_page = parse_int(params, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    paginator = Paginator(rows, per_page)
    total = paginator.count
    if page_number <= paginator.num_pages and total:
        items = list(paginator.page(page_number).object_list)
    else:
        items = []
    return {
        "total_items": total,
        "total_pages": paginator.num_pages if total else 0,
        "page_number": page_number,
        "size": len(items),
        "first_page": page_number == 1,
        "last_page": page_number >= paginator.num_pages,
        "empty": not items,
        "contents": [build(item) for item in items],
    }


def nearest(params: Any, rows: list[ServiceAtLocation]) -> list[ServiceAtLocation]:
    postcode = params.get("postcode", "")
    proximity = parse_number(params, "proximity")
    if not postcode:
        if proximity is not None:
            raise bad("proximity", "proximity needs a postcode")
        return rows
    try:
        place = geography.place_for_postcode(postcode)
    except geography.UnknownPostcodeError as error:
        raise bad("postcode", str(error)) from None
    measured = []
    for sal in rows:
        loc = sal.location
        if loc.latitude is None or loc.longitude is None:
            continue
        metres = geography.METRES_PER_MILE * geography.miles_between(
            place.latitude, place.longitude, loc.latitude, loc.longitude
        )
        if proximity is None or metres <= proximity:
            measured.append((metres, sal))
    measured.sort(key=lambda pair: pair[0])
    return [sal for _, sal in measured]
