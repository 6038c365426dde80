"""The disputes API (/api/v1/): complaints, mediation cases and appeals, with their clocks.

Read-only for now, with the same permission rules as the pages (a parent or young person
sees only the complaints they made). Errors are problem details (the project's handler).
"""

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.services import audit_record_list
from opensend.core.api_helpers import ERRORS, ClockOutput, clock_rows, list_schema, paginated
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


class ComplaintListApi(APIView):
    @list_schema(ComplaintOutput, operation_id="complaints_list")
    def get(self, request: Request) -> Response:
        """Complaints you may see: all visible ones for SENAR, your own for a family."""
        check_capability(request.user, Capability.COMPLAIN)
        qs = selectors.complaint_list_for_user(user=request.user).order_by("-received_on", "-pk")
        return paginated(self, request, qs, ComplaintOutput, on_page=_audit(request))


class ComplaintDetailApi(APIView):
    @extend_schema(
        operation_id="complaints_retrieve", responses={200: ComplaintDetailOutput, **ERRORS}
    )
    def get(self, request: Request, complaint_id: int) -> Response:
        check_capability(request.user, Capability.COMPLAIN)
        complaint = selectors.complaint_get_for_user(user=request.user, complaint_id=complaint_id)
        return Response(ComplaintDetailOutput(complaint).data)


class MediationListApi(APIView):
    @list_schema(MediationOutput, operation_id="mediation_cases_list")
    def get(self, request: Request) -> Response:
        check_capability(request.user, Capability.MANAGE_DISPUTES)
        qs = selectors.mediation_list_for_user(user=request.user).order_by("-decision_notice_on")
        return paginated(self, request, qs, MediationOutput, on_page=_audit(request))


class MediationDetailApi(APIView):
    @extend_schema(
        operation_id="mediation_cases_retrieve", responses={200: MediationOutput, **ERRORS}
    )
    def get(self, request: Request, mediation_id: int) -> Response:
        check_capability(request.user, Capability.MANAGE_DISPUTES)
        case = selectors.mediation_get_for_user(user=request.user, mediation_id=mediation_id)
        return Response(MediationOutput(case).data)


class AppealListApi(APIView):
    @list_schema(AppealOutput, operation_id="appeals_list")
    def get(self, request: Request) -> Response:
        check_capability(request.user, Capability.MANAGE_DISPUTES)
        qs = selectors.appeal_list_for_user(user=request.user).order_by("-lodged_on", "-pk")
        return paginated(self, request, qs, AppealOutput, on_page=_audit(request))


class AppealDetailApi(APIView):
    @extend_schema(operation_id="appeals_retrieve", responses={200: AppealDetailOutput, **ERRORS})
    def get(self, request: Request, appeal_id: int) -> Response:
        """The appeal with its clocks: the appeal deadline and each order compliance clock."""
        check_capability(request.user, Capability.MANAGE_DISPUTES)
        appeal = selectors.appeal_get_for_user(user=request.user, appeal_id=appeal_id)
        return Response(AppealDetailOutput(appeal).data)


def _audit(request: Request, child_id_attr: str = "child_id") -> Callable[[list[Any]], int]:
    """`on_page` for a list endpoint: every record on the page, in the audit trail."""
    return lambda page: audit_record_list(
        actor=request.user, objects=page, child_id_attr=child_id_attr, summary=request.path
    )
