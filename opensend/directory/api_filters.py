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


def page_of(params: Any, rows: Any, build: Any, load: Any = None) -> dict[str, Any]:
    """The profile's page of `rows`, each row made JSON by `build`; `load`, when given, turns
    the page's items (ids) into the rows to build."""
    page_number = parse_int(params, "page", 1, 1, 1_000_000)
    per_page = parse_int(params, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    paginator = Paginator(rows, per_page)
    total = paginator.count
    if page_number <= paginator.num_pages and total:
        items = list(paginator.page(page_number).object_list)
        if load is not None:
            items = load(items)
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


def nearest(params: Any, rows: QuerySet[ServiceAtLocation]) -> list[Any]:
    """With `postcode` (and `proximity`, metres): the ids of the rows at a location within that
    distance of the postcode's centre, nearest first (ties in the rows' own order). Only ids and
    positions are read (a bounding box first when there is a distance); the page's rows are
    loaded afterwards (`load_page`)."""
    postcode = params.get("postcode", "")
    proximity = parse_number(params, "proximity")
    if not postcode:
        if proximity is not None:
            raise bad("proximity", "proximity needs a postcode")
        return list(rows.values_list("id", flat=True))
    try:
        place = geography.place_for_postcode(postcode)
    except geography.UnknownPostcodeError as error:
        raise bad("postcode", str(error)) from None
    placed = rows.filter(location__latitude__isnull=False, location__longitude__isnull=False)
    if proximity is not None:
        south, north, west, east = geography.bounding_box(
            place, proximity / geography.METRES_PER_MILE
        )
        placed = placed.filter(
            location__latitude__range=(south, north), location__longitude__range=(west, east)
        )
    measured = []
    for sal_id, lat, lon in placed.values_list("id", "location__latitude", "location__longitude"):
        if lat is None or lon is None:  # filtered out above; for the type checker
            continue
        metres = geography.METRES_PER_MILE * geography.miles_between(
            place.latitude, place.longitude, lat, lon
        )
        if proximity is None or metres <= proximity:
            measured.append((metres, sal_id))
    measured.sort(key=lambda pair: pair[0])
    return [sal_id for _, sal_id in measured]


def load_page(rows: QuerySet[ServiceAtLocation]) -> Any:
    """For `page_of`: turn one page of ids (from `nearest`) into its rows, in the same order."""

    def load(ids: list[Any]) -> list[ServiceAtLocation]:
        by_id = rows.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    return load
