"""The amendments API (/api/v1/amendments/): read-only, with the family's comments and the
clocks, and the same visibility as the pages (staff holding `view_reviews` see the amendments of
children they may see). Errors are problem details (the project's handler).
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from opensend.accounts.permissions import Capability, check_capability
from opensend.core.api_helpers import ERRORS, ClockOutput, clock_rows, list_schema, paginated
from opensend.reviews.amendments import selectors
from opensend.reviews.amendments.clocks import amendment_clocks
from opensend.reviews.models import Amendment, AmendmentRepresentation
from opensend.reviews.shared import audit_page


class AmendmentOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Amendment
        fields = [
            "id",
            "plan",
            "child",
            "source",
            "review",
            "appeal",
            "status",
            "caseworker",
            "meeting_on",
            "proposed_on",
            "base_version",
            "issued_on",
            "issued_version",
            "closed_on",
            "next_due_on",
        ]


class AmendmentRepresentationOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = AmendmentRepresentation
        fields = ["made_on", "made_by", "comments", "preferred_setting", "wants_meeting"]


class AmendmentDetailOutput(AmendmentOutput):
    representations = AmendmentRepresentationOutput(many=True, read_only=True)
    clocks = serializers.SerializerMethodField()

    class Meta(AmendmentOutput.Meta):
        fields = [
            *AmendmentOutput.Meta.fields,
            "summary",
            "evidence",
            "closed_reason",
            "representations",
            "clocks",
        ]

    @extend_schema(responses=ClockOutput(many=True))  # type: ignore[misc]
    def get_clocks(self, amendment: Amendment) -> Any:
        return ClockOutput(clock_rows(amendment_clocks(amendment)), many=True).data


class AmendmentListApi(APIView):
    @list_schema(AmendmentOutput, operation_id="amendments_list")
    def get(self, request: Request) -> Response:
        check_capability(request.user, Capability.VIEW_REVIEWS)
        qs = selectors.amendment_list_for_user(user=request.user).order_by("-created_at", "-pk")
        return paginated(self, request, qs, AmendmentOutput, on_page=audit_page(request))


class AmendmentDetailApi(APIView):
    @extend_schema(
        operation_id="amendments_retrieve", responses={200: AmendmentDetailOutput, **ERRORS}
    )
    def get(self, request: Request, amendment_id: int) -> Response:
        """One amendment with the family's comments and its clocks (8 and 12 weeks)."""
        check_capability(request.user, Capability.VIEW_REVIEWS)
        amendment = selectors.amendment_get_for_user(user=request.user, amendment_id=amendment_id)
        return Response(AmendmentDetailOutput(amendment).data)
