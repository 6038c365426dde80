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

The parameters are read and turned into filters and pages in `api_filters`; their description in
the OpenAPI document is in `api_docs`; the JSON shapes are in `oruk`.
"""

import hashlib
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from opensend.directory import oruk
from opensend.directory.api_docs import (
    PAGE_PARAMETERS,
    PROXIMITY_PARAMETERS,
    SEARCH_PARAMETERS,
    document,
    list_responses,
    one_response,
    query_parameter,
)
from opensend.directory.api_filters import (
    bad,
    load_page,
    nearest,
    page_of,
    parse_uuid,
    services_matching,
)
from opensend.directory.models import (
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)


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
                raise bad(name, f"{name} cannot contain a NUL character")

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
    return qs.select_related("organization", "leaflet").prefetch_related(
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
    @document(
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
    @document(
        operation_id="oruk_services_list",
        summary="Services (one-to-one fields), filtered and paginated",
        parameters=[*SEARCH_PARAMETERS, *PAGE_PARAMETERS],
        responses=list_responses("OrukServicePage", "A page of services (ORUK service_list)."),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        rows = (
            services_matching(params)
            .select_related("organization")
            .order_by("-relevance", "name", "id")
        )
        link = request.build_absolute_uri
        return Response(page_of(params, rows, lambda service: oruk.service_row(service, link)))


class ServiceDetail(OpenReferralView):
    @document(
        operation_id="oruk_services_retrieve",
        summary="A fully nested service",
        responses=one_response("The service with all its related data (ORUK service)."),
    )
    def get(self, request: Request, service_id: str) -> Response:
        service = _get_or_404(_service_details(Service.objects.public()), service_id)
        return Response(oruk.service_full(service, request.build_absolute_uri))


class TaxonomyList(OpenReferralView):
    @document(
        operation_id="oruk_taxonomies_list",
        summary="Taxonomies, paginated",
        parameters=PAGE_PARAMETERS,
        responses=list_responses("OrukTaxonomyPage", "A page of taxonomies."),
    )
    def get(self, request: Request) -> Response:
        return Response(
            page_of(request.query_params, Taxonomy.objects.order_by("name", "id"), oruk.taxonomy)
        )


class TaxonomyDetail(OpenReferralView):
    @document(
        operation_id="oruk_taxonomies_retrieve",
        summary="A taxonomy",
        responses=one_response("The taxonomy."),
    )
    def get(self, request: Request, taxonomy_id: str) -> Response:
        return Response(oruk.taxonomy(_get_or_404(Taxonomy.objects.all(), taxonomy_id)))


class TaxonomyTermList(OpenReferralView):
    @document(
        operation_id="oruk_taxonomy_terms_list",
        summary="Taxonomy terms, paginated",
        parameters=[
            *PAGE_PARAMETERS,
            query_parameter("taxonomy_id", OpenApiTypes.UUID, "Only the terms of this taxonomy."),
        ],
        responses=list_responses("OrukTaxonomyTermPage", "A page of taxonomy terms."),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        qs = TaxonomyTerm.objects.select_related("taxonomy").order_by(
            "taxonomy__name", "name", "id"
        )
        taxonomy_id = parse_uuid(params, "taxonomy_id")
        if taxonomy_id is not None:
            qs = qs.filter(taxonomy_id=taxonomy_id)
        return Response(page_of(params, qs, oruk.taxonomy_term))


class TaxonomyTermDetail(OpenReferralView):
    @document(
        operation_id="oruk_taxonomy_terms_retrieve",
        summary="A taxonomy term",
        responses=one_response("The taxonomy term."),
    )
    def get(self, request: Request, term_id: str) -> Response:
        qs = TaxonomyTerm.objects.select_related("taxonomy")
        return Response(oruk.taxonomy_term(_get_or_404(qs, term_id)))


class ServiceAtLocationList(OpenReferralView):
    @document(
        operation_id="oruk_service_at_locations_list",
        summary="Services at locations, filtered and paginated",
        parameters=[*SEARCH_PARAMETERS, *PROXIMITY_PARAMETERS, *PAGE_PARAMETERS],
        responses=list_responses(
            "OrukServiceAtLocationPage", "A page of service_at_location rows."
        ),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        services = services_matching(params)
        qs = (
            ServiceAtLocation.objects.filter(service__in=services.values("id"))
            .select_related("service__organization", "location")
            .order_by("service__name", "location__name", "id")
        )
        link = request.build_absolute_uri

        def build(sal: ServiceAtLocation) -> dict[str, Any]:
            return oruk.service_at_location_row(sal, link)

        if params.get("postcode") or params.get("proximity"):
            return Response(page_of(params, nearest(params, qs), build, load=load_page(qs)))
        return Response(page_of(params, qs, build))


class ServiceAtLocationDetail(OpenReferralView):
    @document(
        operation_id="oruk_service_at_locations_retrieve",
        summary="A fully nested service at a location",
        responses=one_response("The service_at_location with its service and location."),
    )
    def get(self, request: Request, sal_id: str) -> Response:
        qs = (
            ServiceAtLocation.objects.filter(service__status="active")
            .select_related("service__organization", "service__leaflet", "location")
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
        sal = _get_or_404(qs, sal_id)
        return Response(oruk.service_at_location_full(sal, request.build_absolute_uri))


class OrganizationList(OpenReferralView):
    @document(
        operation_id="oruk_organizations_list",
        summary="Extension: organisations, paginated",
        parameters=PAGE_PARAMETERS,
        responses=list_responses("OrukOrganizationPage", "A page of organisations."),
    )
    def get(self, request: Request) -> Response:
        return Response(
            page_of(
                request.query_params, Organization.objects.order_by("name", "id"), oruk.organization
            )
        )


class OrganizationDetail(OpenReferralView):
    @document(
        operation_id="oruk_organizations_retrieve",
        summary="Extension: an organisation with its services",
        responses=one_response("The organisation, with its services' one-to-one fields."),
    )
    def get(self, request: Request, organization_id: str) -> Response:
        org = _get_or_404(Organization.objects.all(), organization_id)
        row = oruk.organization(org)
        row["services"] = [
            oruk.service_row(s, request.build_absolute_uri)
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
