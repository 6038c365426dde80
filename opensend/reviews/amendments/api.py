"""The amendments API (/api/v1/amendments/): read-only, with the family's comments and the
clocks, and the same visibility as the pages (staff holding `view_reviews` see the amendments of
children they may see). Errors are problem details (the project's handler).
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from opensend.accounts.api_endpoints import RecordDetailApi, RecordListApi
from opensend.accounts.permissions import Capability
from opensend.core.api_helpers import ClockOutput, clock_rows
from opensend.reviews.amendments import selectors
from opensend.reviews.amendments.clocks import amendment_clocks
from opensend.reviews.models import Amendment, AmendmentRepresentation


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


class AmendmentListApi(RecordListApi):
    capability = Capability.VIEW_REVIEWS
    output = AmendmentOutput
    operation_id = "amendments_list"

    def rows(self, user: Any) -> Any:
        return selectors.amendment_list_for_user(user=user).order_by("-created_at", "-pk")


class AmendmentDetailApi(RecordDetailApi):
    capability = Capability.VIEW_REVIEWS
    output = AmendmentDetailOutput
    operation_id = "amendments_retrieve"

    def record(self, user: Any, *, amendment_id: int) -> Any:
        """One amendment with the family's comments and its clocks (8 and 12 weeks)."""
        return selectors.amendment_get_for_user(user=user, amendment_id=amendment_id)
