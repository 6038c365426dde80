"""The disputes API (/api/v1/): complaints, mediation cases and appeals, with their clocks.

Read-only for now, with the same permission rules as the pages (a parent or young person
sees only the complaints they made). Errors are problem details (the project's handler).
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from opensend.accounts.api_endpoints import RecordDetailApi, RecordListApi
from opensend.accounts.permissions import Capability
from opensend.core.api_helpers import ClockOutput, clock_rows
from opensend.disputes import selectors
from opensend.disputes.clocks import appeal_clocks, complaint_clocks, mediation_clocks
from opensend.disputes.models import Appeal, Complaint, ComplaintStageRecord, MediationCase


class ComplaintStageOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = ComplaintStageRecord
        fields = [
            "stage",
            "started_on",
            "charter_working_days",
            "responded_on",
            "outcome",
            "remedy",
            "learning",
        ]


class ComplaintOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Complaint
        fields = [
            "id",
            "child",
            "assessment_request",
            "about_step",
            "received_on",
            "stage",
            "status",
            "outcome",
            "closed_on",
        ]


class ComplaintDetailOutput(ComplaintOutput):
    stages = ComplaintStageOutput(many=True, read_only=True)
    clocks = serializers.SerializerMethodField()

    class Meta(ComplaintOutput.Meta):
        fields = [*ComplaintOutput.Meta.fields, "summary", "outcome_wanted", "stages", "clocks"]

    @extend_schema(responses=ClockOutput(many=True))  # type: ignore[misc]
    def get_clocks(self, complaint: Complaint) -> Any:
        return ClockOutput(clock_rows(complaint_clocks(complaint)), many=True).data


class MediationOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    clocks = serializers.SerializerMethodField()

    class Meta:
        model = MediationCase
        fields = [
            "id",
            "child",
            "assessment_request",
            "review",
            "about",
            "decision_notice_on",
            "adviser_contacted_on",
            "wants_mediation",
            "told_wants_mediation_on",
            "declined_on",
            "held_on",
            "ended_on",
            "end_result",
            "certificate_issued_on",
            "agreement_non_appealable",
            "agreement_order_type",
            "includes_health",
            "health_only",
            "health_body_told_on",
            "agreement_actioned_on",
            "closed_on",
            "clocks",
        ]

    @extend_schema(responses=ClockOutput(many=True))  # type: ignore[misc]
    def get_clocks(self, case: MediationCase) -> Any:
        return ClockOutput(clock_rows(mediation_clocks(case)), many=True).data


class AppealOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Appeal
        fields = [
            "id",
            "child",
            "assessment_request",
            "review",
            "mediation",
            "appeal_type",
            "sections",
            "tribunal_reference",
            "decision_sent_on",
            "certificate_issued_on",
            "lodged_on",
            "hearing_on",
            "outcome",
            "outcome_on",
            "order_type",
            "order_on",
            "unopposed_on",
            "compliant_on",
        ]


class AppealDetailOutput(AppealOutput):
    clocks = serializers.SerializerMethodField()

    class Meta(AppealOutput.Meta):
        fields = [*AppealOutput.Meta.fields, "grounds", "clocks"]

    @extend_schema(responses=ClockOutput(many=True))  # type: ignore[misc]
    def get_clocks(self, appeal: Appeal) -> Any:
        return ClockOutput(clock_rows(appeal_clocks(appeal)), many=True).data


class ComplaintListApi(RecordListApi):
    capability = Capability.COMPLAIN
    output = ComplaintOutput
    operation_id = "complaints_list"

    def rows(self, user: Any) -> Any:
        """Complaints you may see: all visible ones for SENAR, your own for a family."""
        return selectors.complaint_list_for_user(user=user).order_by("-received_on", "-pk")


class ComplaintDetailApi(RecordDetailApi):
    capability = Capability.COMPLAIN
    output = ComplaintDetailOutput
    operation_id = "complaints_retrieve"

    def record(self, user: Any, *, complaint_id: int) -> Any:
        return selectors.complaint_get_for_user(user=user, complaint_id=complaint_id)


class MediationListApi(RecordListApi):
    capability = Capability.MANAGE_DISPUTES
    output = MediationOutput
    operation_id = "mediation_cases_list"

    def rows(self, user: Any) -> Any:
        return selectors.mediation_list_for_user(user=user).order_by("-decision_notice_on")


class MediationDetailApi(RecordDetailApi):
    capability = Capability.MANAGE_DISPUTES
    output = MediationOutput
    operation_id = "mediation_cases_retrieve"

    def record(self, user: Any, *, mediation_id: int) -> Any:
        return selectors.mediation_get_for_user(user=user, mediation_id=mediation_id)


class AppealListApi(RecordListApi):
    capability = Capability.MANAGE_DISPUTES
    output = AppealOutput
    operation_id = "appeals_list"

    def rows(self, user: Any) -> Any:
        return selectors.appeal_list_for_user(user=user).order_by("-lodged_on", "-pk")


class AppealDetailApi(RecordDetailApi):
    capability = Capability.MANAGE_DISPUTES
    output = AppealDetailOutput
    operation_id = "appeals_retrieve"

    def record(self, user: Any, *, appeal_id: int) -> Any:
        """The appeal with its clocks: the appeal deadline and each order compliance clock."""
        return selectors.appeal_get_for_user(user=user, appeal_id=appeal_id)
