"""What every app's API views share: the documented error responses, pagination, clock rows.

The schema says what the API does: list endpoints answer with the page envelope (`page_of`),
and every error is a problem-details body (`ProblemOutput`, `application/problem+json`) with one
of the statuses listed here. Use `ERRORS` on reads, `INPUT_ERRORS` where the request has a body
or a search, and `list_schema` on every paginated list.
"""

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

PROBLEM_MEDIA_TYPE = "application/problem+json"


# RFC 9457 problem details: every error the API answers with. (Built inline: a serializer
# class cannot have a field called `errors`.)
ProblemOutput = inline_serializer(
    name="Problem",
    fields={
        "type": serializers.CharField(help_text='Always "about:blank": the status says it all.'),
        "title": serializers.CharField(help_text="A short, plain-English title for the status."),
        "status": serializers.IntegerField(help_text="The HTTP status code, repeated."),
        "detail": serializers.CharField(required=False, help_text="What went wrong."),
        "errors": serializers.DictField(
            child=serializers.JSONField(),
            required=False,
            help_text="For a 400: each field that is not valid, with its messages.",
        ),
    },
)


_MEANINGS = {
    400: "The request is not valid: see `errors` for each field.",
    403: "You are not signed in (the API uses the web session), your role may not do this, "
    "or the CSRF token is missing.",
    404: "No such record, or one you may not see (the two look the same); or no such page.",
    415: "The body is not JSON, a form or multipart data.",
}


def problems(*statuses: int) -> dict[Any, Any]:
    """Problem-details responses for these statuses, for `extend_schema(responses=...)`."""
    return {
        (status, PROBLEM_MEDIA_TYPE): OpenApiResponse(
            response=ProblemOutput, description=_MEANINGS[status]
        )
        for status in statuses
    }


# Reads of one record; writes with a body; lists (a page past the end is a 404).
ERRORS = problems(403, 404)
INPUT_ERRORS = problems(400, 403, 404, 415)
SEARCH_ERRORS = problems(400, 403, 404)


class PagePagination(PageNumberPagination):
    """The one page envelope: `count`, `next`, `previous` and `results` (settings' PAGE_SIZE)."""


PAGE_PARAMETER = OpenApiParameter(
    "page",
    int,
    OpenApiParameter.QUERY,
    required=False,
    description="Page number, from 1. A page past the last one is a 404.",
)


@cache
def page_of(serializer_class: type[serializers.BaseSerializer]) -> Any:  # type: ignore[type-arg]
    """The schema of one page of `serializer_class` rows, as `paginated()` sends it."""
    return inline_serializer(
        name=f"Paginated{serializer_class.__name__.removesuffix('Output')}List",
        fields={
            "count": serializers.IntegerField(help_text="How many rows there are in all."),
            "next": serializers.URLField(allow_null=True, help_text="The next page, if any."),
            "previous": serializers.URLField(
                allow_null=True, help_text="The previous page, if any."
            ),
            "results": serializer_class(many=True),
        },
    )


def list_schema(
    serializer_class: type[serializers.BaseSerializer],  # type: ignore[type-arg]
    *,
    parameters: list[Any] | None = None,
    **kwargs: Any,
) -> Callable[[Any], Any]:
    """`extend_schema` for a paginated list: the page parameter, the envelope and the errors."""
    errors = SEARCH_ERRORS if parameters else ERRORS
    return extend_schema(
        parameters=[*(parameters or []), PAGE_PARAMETER],
        responses={200: page_of(serializer_class), **errors},  # type: ignore[arg-type]
        **kwargs,
    )


def paginated(
    view: APIView,
    request: Request,
    items: Any,
    serializer: Any,
    *,
    on_page: Callable[[list[Any]], Any] | None = None,
) -> Response:
    """One page of `items` in the standard envelope; `on_page` sees the page (e.g. to audit it)."""
    paginator = PagePagination()
    page = paginator.paginate_queryset(items, request, view=view) or []
    if on_page is not None:
        on_page(page)
    return paginator.get_paginated_response(serializer(page, many=True).data)


class ClockOutput(serializers.Serializer):  # type: ignore[type-arg]
    rule_id = serializers.CharField()
    title = serializers.CharField()
    trigger_on = serializers.DateField()
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    explanation = serializers.CharField()
    family_step = serializers.BooleanField()
    exception_ground = serializers.CharField(
        allow_null=True, help_text="A recorded exception (e.g. reg 44(3)) that lifts this limit."
    )


def clock_rows(clocks: Iterable[Any]) -> list[dict[str, Any]]:
    """`core.clocks.Clock`s as ClockOutput rows, with today's status."""
    today = timezone.localdate()
    return [
        {
            "rule_id": c.rule_id,
            "title": c.title,
            "trigger_on": c.trigger_on,
            "due_on": c.due_on,
            "done_on": c.done_on,
            "status": c.status_label(today),
            "explanation": c.explanation,
            "family_step": c.family_step,
            "exception_ground": c.exception.ground if c.exception else None,
        }
        for c in clocks
    ]
