"""The EHC plan API (/api/v1/plans/): plans the user may see, each with its content and checks.

Same permission rules as the pages (`plans.selectors`); reads are audited. Read-only for now:
plans are written through the pages and their services.
"""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from opensend.accounts.api_endpoints import RecordDetailApi, RecordListApi
from opensend.accounts.permissions import Capability
from opensend.plans import selectors
from opensend.plans.models import EHCPlan, Need, Outcome, Provision
from opensend.plans.services._shared import PROVISION_FIELDS


class PlanSummaryOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = EHCPlan
        fields = [
            "id",
            "child",
            "request",
            "status",
            "version",
            "draft_issued_on",
            "issued_on",
            "placement_type",
            "named_setting",
            "preferred_setting",
        ]


class NeedOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Need
        fields = ["id", "section", "area", "description"]


class OutcomeOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Outcome
        fields = ["id", "description", "by_when", "preparing_for_adulthood_area", "needs"]


class ProvisionOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Provision
        # What a caseworker writes of a provision (less the reason it is not quantified,
        # which is the caseworker's note), with its id and the outcomes it serves.
        fields = [
            "id",
            *(name for name in PROVISION_FIELDS if name != "unquantified_reason"),
            "outcomes",
        ]


class WarningOutput(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField()
    message = serializers.CharField()
    blocks = serializers.BooleanField(help_text="True when this stops the plan being issued")
    section = serializers.CharField()


class PlanOutput(PlanSummaryOutput):
    needs = NeedOutput(many=True, read_only=True)
    outcomes = OutcomeOutput(many=True, read_only=True)
    provision = ProvisionOutput(many=True, read_only=True, source="provisions")
    warnings = serializers.SerializerMethodField()

    class Meta(PlanSummaryOutput.Meta):
        fields = [
            *PlanSummaryOutput.Meta.fields,
            "about_me",
            "what_matters",
            "aspirations",
            "communication",
            "personal_budget_amount",
            "personal_budget_description",
            "needs",
            "outcomes",
            "provision",
            "warnings",
        ]

    @extend_schema_field(WarningOutput(many=True))
    def get_warnings(self, plan: EHCPlan) -> list[dict[str, Any]]:
        warnings = selectors.plan_warnings_for(plan, on=timezone.localdate())
        return [WarningOutput(w).data for w in warnings]


class PlanListApi(RecordListApi):
    capability = Capability.VIEW_CHILDREN
    output = PlanSummaryOutput
    operation_id = "plans_list"

    def rows(self, user: Any) -> Any:
        """Plans for the children you may see (drafts once served, unless you are SENAR staff)."""
        return selectors.plan_list_for_user(user=user)


class PlanDetailApi(RecordDetailApi):
    capability = Capability.VIEW_CHILDREN
    output = PlanOutput
    operation_id = "plans_retrieve"

    def record(self, user: Any, *, plan_id: int) -> Any:
        """One plan: every section, the golden thread as ids, and the quality checks."""
        return selectors.plan_get_for_user(user=user, plan_id=plan_id)
