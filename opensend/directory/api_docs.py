"""The Open Referral UK API in the OpenAPI document: its query parameters and the shape of its
answers (the profile's `Page`), for `extend_schema` on the views in `directory.api`."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers

from opensend.core.api_helpers import problems
from opensend.directory.api_filters import DAY_VALUES, DEFAULT_PER_PAGE, MAX_PER_PAGE, TIME

TAG = "Open Referral UK"


def query_parameter(name: str, kind: Any, description: str, **kwargs: Any) -> OpenApiParameter:
    return OpenApiParameter(
        name, kind, OpenApiParameter.QUERY, required=False, description=description, **kwargs
    )


PAGE_PARAMETERS = [
    query_parameter("page", OpenApiTypes.INT, "Page number, from 1 (default 1).", extensions=None),
    query_parameter(
        "per_page",
        OpenApiTypes.INT,
        f"Results in a page, 1 to {MAX_PER_PAGE} (default {DEFAULT_PER_PAGE}).",
    ),
]
SEARCH_PARAMETERS = [
    query_parameter(
        "search",
        OpenApiTypes.STR,
        "Words in the name, description or organisation (case-insensitive; every word must match).",
    ),
    query_parameter(
        "taxonomy_term_id",
        OpenApiTypes.UUID,
        "Services with this taxonomy term (or a child of it).",
    ),
    query_parameter("taxonomy_id", OpenApiTypes.UUID, "Services with any term of this taxonomy."),
    query_parameter(
        "minimum_age", OpenApiTypes.NUMBER, "Services whose minimum age is at least this."
    ),
    query_parameter(
        "maximum_age", OpenApiTypes.NUMBER, "Services whose maximum age is at most this."
    ),
    query_parameter(
        "day",
        OpenApiTypes.STR,
        "Services open on this day (MO ... SU, or Monday ... Sunday).",
        enum=DAY_VALUES,
    ),
    query_parameter(
        "start_time",
        OpenApiTypes.STR,
        "Services with a schedule that starts at or after this time (HH:MM).",
        pattern=TIME.pattern,
    ),
    query_parameter(
        "end_time",
        OpenApiTypes.STR,
        "Services with a schedule that ends at or before this time (HH:MM).",
        pattern=TIME.pattern,
    ),
    query_parameter(
        "modified_after",
        OpenApiTypes.DATETIME,
        "Extension: services changed on or after this date and time (ISO 8601).",
    ),
]
PROXIMITY_PARAMETERS = [
    query_parameter(
        "postcode",
        OpenApiTypes.STR,
        "A postcode in the area: with `proximity`, only services "
        "within that distance of its centre; the nearest come first.",
    ),
    query_parameter(
        "proximity", OpenApiTypes.NUMBER, "Metres from the postcode's centre (needs `postcode`)."
    ),
]


def page_schema(name: str) -> Any:
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


def document(*, operation_id: str, summary: str, responses: Any, parameters: Any = None) -> Any:
    return extend_schema(
        tags=[TAG],
        operation_id=operation_id,
        summary=summary,
        parameters=parameters,
        responses=responses,
    )


def one_response(description: str) -> dict[Any, Any]:
    return {200: OpenApiResponse(OpenApiTypes.OBJECT, description=description), **problems(404)}


def list_responses(name: str, description: str) -> dict[Any, Any]:
    return {200: OpenApiResponse(page_schema(name), description=description), **problems(400)}
