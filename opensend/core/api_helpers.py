"""What every app's API views share: the documented error responses, pagination, clock rows."""

from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

PROBLEM = OpenApiResponse(description="Problem details (application/problem+json)")
ERRORS = {401: PROBLEM, 403: PROBLEM, 404: PROBLEM}
INPUT_ERRORS = {400: PROBLEM, **ERRORS}


def paginated(
    view: APIView,
    request: Request,
    items: Any,
    serializer: Any,
    *,
    on_page: Callable[[list[Any]], Any] | None = None,
) -> Response:
    """One page of `items` in the standard envelope; `on_page` sees the page (e.g. to audit it)."""
    paginator = PageNumberPagination()
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
