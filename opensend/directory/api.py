"""The Open Referral UK 3.0 API (the UK profile of HSDS 3.0): public, read-only, at /openreferral/.

The nine endpoints of the profile (`/`, `/services`, `/services/{id}`, `/taxonomies`,
`/taxonomies/{id}`, `/taxonomy_terms`, `/taxonomy_terms/{id}`, `/service_at_locations`,
`/service_at_locations/{id}`) and, as documented extensions, `/organizations`,
`/organizations/{id}` and the `modified_after` filter. Source: the profile's OpenAPI document
(https://github.com/OpenReferralUK/uk-profile, schema/openapi.json, kept in `oruk_schema/`).

- Lists are pages: `total_items`, `total_pages`, `page_number`, `size`, `first_page`,
  `last_page`, `empty` and `contents` (the profile's `Page`); a page past the end is empty.
- Filters combine with AND, as the profile words them: `minimum_age` "a minimum age of at least
  the value", `maximum_age` "a maximum age equal to or below", `start_time` "a start time of at
  least", `end_time` "an end time equal to or below", `day` a schedule on that day (RFC 5545 code
  MO...SU, or the day's name), `postcode` + `proximity` (metres from the postcode's centre).
  `search` is case-insensitive.
- No sign-in, no keys: `Access-Control-Allow-Origin: *` on every response (clients send no
  Origin); an ETag on every answer, and 304 Not Modified for a matching If-None-Match.
- Bad parameters are a 400 problem-details JSON body saying which parameter and why; an unknown
  id or path is a JSON 404. Never a 5xx.
"""

import hashlib
import re
from datetime import datetime, time
from typing import Any
from uuid import UUID

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from opensend.core.api_helpers import problems
from opensend.directory import geography, oruk
from opensend.directory.models import (
    WEEKDAY_ORDER,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    Weekday,
)

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
DAY_VALUES = [*WEEKDAY_ORDER, *(d.label for d in Weekday)]
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
TAG = "Open Referral UK"

# ----------------------------------------------------------------------------- parameters


def _p(name: str, kind: Any, description: str, **kwargs: Any) -> OpenApiParameter:
    return OpenApiParameter(
        name, kind, OpenApiParameter.QUERY, required=False, description=description, **kwargs
    )


PAGE_PARAMETERS = [
    _p("page", OpenApiTypes.INT, "Page number, from 1 (default 1).", extensions=None),
    _p(
        "per_page",
        OpenApiTypes.INT,
        f"Results in a page, 1 to {MAX_PER_PAGE} (default {DEFAULT_PER_PAGE}).",
    ),
]
SEARCH_PARAMETERS = [
    _p(
        "search",
        OpenApiTypes.STR,
        "Words in the name, description or organisation (case-insensitive; every word must match).",
    ),
    _p(
        "taxonomy_term_id",
        OpenApiTypes.UUID,
        "Services with this taxonomy term (or a child of it).",
    ),
    _p("taxonomy_id", OpenApiTypes.UUID, "Services with any term of this taxonomy."),
    _p("minimum_age", OpenApiTypes.NUMBER, "Services whose minimum age is at least this."),
    _p("maximum_age", OpenApiTypes.NUMBER, "Services whose maximum age is at most this."),
    _p(
        "day",
        OpenApiTypes.STR,
        "Services open on this day (MO ... SU, or Monday ... Sunday).",
        enum=DAY_VALUES,
    ),
    _p(
        "start_time",
        OpenApiTypes.STR,
        "Services with a schedule that starts at or after this time (HH:MM).",
        pattern=_TIME.pattern,
    ),
    _p(
        "end_time",
        OpenApiTypes.STR,
        "Services with a schedule that ends at or before this time (HH:MM).",
        pattern=_TIME.pattern,
    ),
    _p(
        "modified_after",
        OpenApiTypes.DATETIME,
        "Extension: services changed on or after this date and time (ISO 8601).",
    ),
]
PROXIMITY_PARAMETERS = [
    _p(
        "postcode",
        OpenApiTypes.STR,
        "A postcode in the area: with `proximity`, only services "
        "within that distance of its centre; the nearest come first.",
    ),
    _p("proximity", OpenApiTypes.NUMBER, "Metres from the postcode's centre (needs `postcode`)."),
]


def _page_schema(name: str) -> Any:
    return inline_serializer(
        name=name,
        fields={
            "total_items": serializers.IntegerField(),
            "total_pages": serializers.IntegerField(),
            "page_number": serializers.IntegerField(),
            "size": serializers.IntegerField(),
            "first_page": serializers.BooleanField(),
            "last_page": serializers.BooleanField(),
            "empty": serializers.BooleanField(),
            "contents": serializers.ListField(child=serializers.DictField()),
        },
    )


def _doc(*, operation_id: str, summary: str, responses: Any, parameters: Any = None) -> Any:
    return extend_schema(
        tags=[TAG],
        operation_id=operation_id,
        summary=summary,
        parameters=parameters,
        responses=responses,
    )


def _one(description: str) -> dict[Any, Any]:
    return {200: OpenApiResponse(OpenApiTypes.OBJECT, description=description), **problems(404)}


def _list(name: str, description: str) -> dict[Any, Any]:
    return {200: OpenApiResponse(_page_schema(name), description=description), **problems(400)}


# ----------------------------------------------------------------------------- parsing


def _bad(name: str, message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError({name: [message]})


def _int(params: Any, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _bad(name, f"{name} must be a whole number") from None
    if not low <= value <= high:
        raise _bad(name, f"{name} must be from {low} to {high}")
    return value


def _number(params: Any, name: str) -> float | None:
    raw = params.get(name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise _bad(name, f"{name} must be a number") from None
    if not 0 <= value <= 1_000_000:
        raise _bad(name, f"{name} must be a number from 0 to 1000000")
    return value


def _uuid(params: Any, name: str) -> UUID | None:
    raw = params.get(name)
    if raw is None:
        return None
    try:
        return UUID(raw)
    except ValueError:
        raise _bad(name, f"{name} must be a UUID") from None


def _time(params: Any, name: str) -> time | None:
    raw = params.get(name)
    if raw is None:
        return None
    if not _TIME.match(raw):
        raise _bad(name, f"{name} must be a time as HH:MM")
    return time.fromisoformat(raw)


def _day(params: Any) -> str:
    raw = params.get("day")
    if raw is None:
        return ""
    if raw in WEEKDAY_ORDER:
        return raw
    for day in Weekday:
        if raw == day.label:
            return day.value
    raise _bad("day", "day must be MO, TU, WE, TH, FR, SA or SU (or the day's name)")


def _modified_after(params: Any) -> datetime | None:
    raw = params.get("modified_after")
    if raw is None:
        return None
    try:
        parsed = parse_datetime(raw)
    except ValueError:
        parsed = None
    if parsed is None:
        raise _bad("modified_after", "modified_after must be a date and time (ISO 8601)")
    return parsed


def _services(params: Any) -> QuerySet[Service]:
    """Public services matching every filter given (AND)."""
    qs = Service.objects.public().matching(params.get("search", ""))
    term_id = _uuid(params, "taxonomy_term_id")
    if term_id is not None:
        qs = qs.with_term(term_id=term_id)
    taxonomy_id = _uuid(params, "taxonomy_id")
    if taxonomy_id is not None:
        qs = qs.in_taxonomy(taxonomy_id)
    minimum = _number(params, "minimum_age")
    if minimum is not None:
        qs = qs.filter(minimum_age__gte=minimum)
    maximum = _number(params, "maximum_age")
    if maximum is not None:
        qs = qs.filter(maximum_age__lte=maximum)
    day, start, end = _day(params), _time(params, "start_time"), _time(params, "end_time")
    if day or start or end:
        qs = qs.in_hours(day=day, opens_from=start, closes_by=end)
    changed = _modified_after(params)
    if changed is not None:
        qs = qs.filter(last_modified__gte=changed)
    return qs


def _page(params: Any, rows: Any, build: Any) -> dict[str, Any]:
    page_number = _int(params, "page", 1, 1, 1_000_000)
    per_page = _int(params, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
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


# ----------------------------------------------------------------------------- views


class OpenReferralView(APIView):
    """Public, read-only, JSON only; CORS and an ETag on every answer."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        """A NUL character in any parameter is a 400 here: PostgreSQL text cannot hold one, so
        it would otherwise fail inside the query (SQLite would quietly match nothing)."""
        super().initial(request, *args, **kwargs)
        for name, values in request.query_params.lists():
            if any("\x00" in value for value in values):
                raise _bad(name, f"{name} cannot contain a NUL character")

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        response: Any = super().dispatch(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        response["Cache-Control"] = "public, max-age=300"
        wanted = request.META.get("HTTP_IF_NONE_MATCH", "")
        if etag in [t.strip() for t in wanted.split(",")] or wanted.strip() == "*":
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            not_modified["Access-Control-Allow-Origin"] = "*"
            return not_modified
        return response


def _get_or_404(qs: QuerySet, raw_id: str) -> Any:
    try:
        return qs.get(id=UUID(raw_id))
    except (ValueError, qs.model.DoesNotExist):
        raise exceptions.NotFound("No record with that id") from None


def _service_details(qs: QuerySet[Service]) -> QuerySet[Service]:
    return qs.select_related("organization").prefetch_related(
        "schedules",
        "service_areas",
        "at_locations__location__accessibility",
        "languages",
        "funding",
        "cost_options",
        "contacts__phones",
        "attributes__taxonomy_term__taxonomy",
        "phones",
    )


class ApiDetails(OpenReferralView):
    @_doc(
        operation_id="oruk_api_details",
        summary="Information about this API and its relationship with HSDS",
        responses={
            200: inline_serializer(
                name="OrukApiDetails",
                fields={
                    "version": serializers.CharField(),
                    "profile": serializers.URLField(),
                    "openapi_url": serializers.URLField(),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "version": oruk.HSDS_VERSION,
                "profile": oruk.PROFILE_URL,
                "openapi_url": request.build_absolute_uri(reverse("api-schema")),
            }
        )


class ServiceList(OpenReferralView):
    @_doc(
        operation_id="oruk_services_list",
        summary="Services (one-to-one fields), filtered and paginated",
        parameters=[*SEARCH_PARAMETERS, *PAGE_PARAMETERS],
        responses=_list("OrukServicePage", "A page of services (ORUK service_list)."),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        rows = _services(params).select_related("organization").order_by("-relevance", "name", "id")
        return Response(_page(params, rows, oruk.service_row))


class ServiceDetail(OpenReferralView):
    @_doc(
        operation_id="oruk_services_retrieve",
        summary="A fully nested service",
        responses=_one("The service with all its related data (ORUK service)."),
    )
    def get(self, request: Request, service_id: str) -> Response:
        service = _get_or_404(_service_details(Service.objects.public()), service_id)
        return Response(oruk.service_full(service))


class TaxonomyList(OpenReferralView):
    @_doc(
        operation_id="oruk_taxonomies_list",
        summary="Taxonomies, paginated",
        parameters=PAGE_PARAMETERS,
        responses=_list("OrukTaxonomyPage", "A page of taxonomies."),
    )
    def get(self, request: Request) -> Response:
        return Response(
            _page(request.query_params, Taxonomy.objects.order_by("name", "id"), oruk.taxonomy)
        )


class TaxonomyDetail(OpenReferralView):
    @_doc(
        operation_id="oruk_taxonomies_retrieve",
        summary="A taxonomy",
        responses=_one("The taxonomy."),
    )
    def get(self, request: Request, taxonomy_id: str) -> Response:
        return Response(oruk.taxonomy(_get_or_404(Taxonomy.objects.all(), taxonomy_id)))


class TaxonomyTermList(OpenReferralView):
    @_doc(
        operation_id="oruk_taxonomy_terms_list",
        summary="Taxonomy terms, paginated",
        parameters=[
            *PAGE_PARAMETERS,
            _p("taxonomy_id", OpenApiTypes.UUID, "Only the terms of this taxonomy."),
        ],
        responses=_list("OrukTaxonomyTermPage", "A page of taxonomy terms."),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        qs = TaxonomyTerm.objects.select_related("taxonomy").order_by(
            "taxonomy__name", "name", "id"
        )
        taxonomy_id = _uuid(params, "taxonomy_id")
        if taxonomy_id is not None:
            qs = qs.filter(taxonomy_id=taxonomy_id)
        return Response(_page(params, qs, oruk.taxonomy_term))


class TaxonomyTermDetail(OpenReferralView):
    @_doc(
        operation_id="oruk_taxonomy_terms_retrieve",
        summary="A taxonomy term",
        responses=_one("The taxonomy term."),
    )
    def get(self, request: Request, term_id: str) -> Response:
        qs = TaxonomyTerm.objects.select_related("taxonomy")
        return Response(oruk.taxonomy_term(_get_or_404(qs, term_id)))


def _near(params: Any, rows: list[ServiceAtLocation]) -> list[ServiceAtLocation]:
    postcode = params.get("postcode", "")
    proximity = _number(params, "proximity")
    if not postcode:
        if proximity is not None:
            raise _bad("proximity", "proximity needs a postcode")
        return rows
    try:
        place = geography.place_for_postcode(postcode)
    except geography.UnknownPostcodeError as error:
        raise _bad("postcode", str(error)) from None
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


class ServiceAtLocationList(OpenReferralView):
    @_doc(
        operation_id="oruk_service_at_locations_list",
        summary="Services at locations, filtered and paginated",
        parameters=[*SEARCH_PARAMETERS, *PROXIMITY_PARAMETERS, *PAGE_PARAMETERS],
        responses=_list("OrukServiceAtLocationPage", "A page of service_at_location rows."),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        services = _services(params)
        qs = (
            ServiceAtLocation.objects.filter(service__in=services.values("id"))
            .select_related("service__organization", "location")
            .order_by("service__name", "location__name", "id")
        )
        rows: Any = qs
        if params.get("postcode") or params.get("proximity"):
            rows = _near(params, list(qs))
        return Response(_page(params, rows, oruk.service_at_location_row))


class ServiceAtLocationDetail(OpenReferralView):
    @_doc(
        operation_id="oruk_service_at_locations_retrieve",
        summary="A fully nested service at a location",
        responses=_one("The service_at_location with its service and location."),
    )
    def get(self, request: Request, sal_id: str) -> Response:
        qs = (
            ServiceAtLocation.objects.filter(service__status="active")
            .select_related("service__organization", "location")
            .prefetch_related(
                "location__accessibility",
                "service__schedules",
                "service__service_areas",
                "service__languages",
                "service__funding",
                "service__cost_options",
                "service__contacts__phones",
                "service__attributes__taxonomy_term__taxonomy",
                "service__phones",
            )
        )
        return Response(oruk.service_at_location_full(_get_or_404(qs, sal_id)))


class OrganizationList(OpenReferralView):
    @_doc(
        operation_id="oruk_organizations_list",
        summary="Extension: organisations, paginated",
        parameters=PAGE_PARAMETERS,
        responses=_list("OrukOrganizationPage", "A page of organisations."),
    )
    def get(self, request: Request) -> Response:
        return Response(
            _page(
                request.query_params, Organization.objects.order_by("name", "id"), oruk.organization
            )
        )


class OrganizationDetail(OpenReferralView):
    @_doc(
        operation_id="oruk_organizations_retrieve",
        summary="Extension: an organisation with its services",
        responses=_one("The organisation, with its services' one-to-one fields."),
    )
    def get(self, request: Request, organization_id: str) -> Response:
        org = _get_or_404(Organization.objects.all(), organization_id)
        row = oruk.organization(org)
        row["services"] = [
            oruk.service_row(s)
            for s in org.services.public().select_related("organization").order_by("name", "id")
        ]
        return Response(row)


def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any other address under /openreferral/: a JSON 404 (with CORS), not the HTML page."""
    response = JsonResponse(
        {
            "type": "about:blank",
            "title": "Not found",
            "status": 404,
            "detail": "There is no such Open Referral endpoint.",
        },
        status=404,
        content_type="application/problem+json",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
