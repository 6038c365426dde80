"""The cease decisions API (/api/v1/cessations/): read-only, same visibility as the pages.

Each decision says whether the plan is still maintained (it is, while an appeal may be made or
is pending) and the family's appeal deadline from `statutory.appeal_deadline`.
"""

from datetime import date
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from opensend import statutory
from opensend.accounts.api_endpoints import RecordDetailApi, RecordListApi
from opensend.accounts.permissions import Capability
from opensend.core.api_helpers import ClockOutput, clock_rows
from opensend.plans.models import PlanStatus
from opensend.reviews.ceasing import selectors
from opensend.reviews.ceasing.clocks import cessation_clocks
from opensend.reviews.models import Cessation


class CessationClockOutput(ClockOutput):
    """The same clock fields as every other API (named apart for the schema)."""


class CessationOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    appeal_due = serializers.SerializerMethodField(
        help_text="The last day the family can appeal (from the decision notice)."
    )
    plan_maintained = serializers.SerializerMethodField(
        help_text="True while the plan is still maintained (including while an appeal is pending)."
    )

    class Meta:
        model = Cessation
        fields = [
            "id",
            "plan",
            "child",
            "review",
            "reason",
            "status",
            "family_consulted_on",
            "setting_consulted_on",
            "decided_on",
            "appeal_due",
            "appeal",
            "ceased_on",
            "plan_maintained",
            "caseworker",
            "next_due_on",
        ]

    def get_appeal_due(self, cessation: Cessation) -> date | None:
        if cessation.decided_on is None:
            return None
        return statutory.appeal_deadline(cessation.decided_on)

    def get_plan_maintained(self, cessation: Cessation) -> bool:
        return cessation.plan.status == PlanStatus.FINAL


class CessationDetailOutput(CessationOutput):
    clocks = serializers.SerializerMethodField()

    class Meta(CessationOutput.Meta):
        fields = [
            *CessationOutput.Meta.fields,
            "details",
            "consultation_notes",
            "closed_reason",
            "clocks",
        ]

    @extend_schema_field(CessationClockOutput(many=True))
    def get_clocks(self, cessation: Cessation) -> Any:
        return CessationClockOutput(clock_rows(cessation_clocks(cessation)), many=True).data


class CessationListApi(RecordListApi):
    capability = Capability.VIEW_REVIEWS
    output = CessationOutput
    operation_id = "cessations_list"

    def rows(self, user: Any) -> Any:
        """Cease decisions about the children you may see, newest first."""
        rows = selectors.cessation_list_for_user(user=user).select_related("plan")
        return rows.order_by("-created_at", "-pk")


class CessationDetailApi(RecordDetailApi):
    capability = Capability.VIEW_REVIEWS
    output = CessationDetailOutput
    operation_id = "cessations_retrieve"

    def record(self, user: Any, *, cessation_id: int) -> Any:
        return selectors.cessation_get_for_user(user=user, cessation_id=cessation_id)
