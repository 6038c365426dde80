"""The EHC journey API (/api/v1/): requests, decisions, advice requests and timelines.

Same permission rules as the pages; writes go through `casework.services`.
"""

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from opensend.accounts.api_endpoints import RecordDetailApi
from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.services import audit_record_list
from opensend.casework import selectors
from opensend.casework.clocks import clocks_for
from opensend.casework.models import AdviceKind, AdviceRequest, AssessmentRequest, RequestSource
from opensend.casework.services.advice import advice_request_send, advice_submit
from opensend.casework.services.decisions import assessment_decision_record, issue_decision_record
from opensend.casework.services.requests import request_create
from opensend.core.api_helpers import (
    ERRORS,
    INPUT_ERRORS,
    ClockOutput,
    clock_rows,
    list_schema,
    paginated,
)
from opensend.people.models import Setting
from opensend.people.selectors import child_get_for_user


class RequestClockOutput(ClockOutput):
    """A clock on an EHC needs assessment case: core's clock shape, and `exception` (the
    recorded ground, the same as `exception_ground`) kept for the clients that read it."""

    exception = serializers.CharField(
        allow_null=True, help_text="The same as `exception_ground` (kept for existing clients)."
    )


class RequestOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = AssessmentRequest
        fields = [
            "id",
            "child",
            "received_on",
            "source",
            "requested_by_setting",
            "caseworker",
            "stage",
            "is_repeat",
            "acknowledged_on",
            "assess_decision_on",
            "issue_decision_on",
            "draft_issued_on",
            "final_issued_on",
            "closed_on",
            "closed_reason",
            "next_due_on",
            "next_due_rule",
        ]


class RequestInput(serializers.Serializer):  # type: ignore[type-arg]
    child = serializers.IntegerField()
    received_on = serializers.DateField()
    source = serializers.ChoiceField(choices=RequestSource.choices)  # type: ignore[assignment]
    requested_by_setting = serializers.PrimaryKeyRelatedField(
        queryset=Setting.objects.all(), required=False, allow_null=True
    )
    requester_name = serializers.CharField(required=False, default="", allow_blank=True)
    needs_summary = serializers.CharField(required=False, default="", allow_blank=True)
    support_tried = serializers.CharField(required=False, default="", allow_blank=True)
    outcomes_so_far = serializers.CharField(required=False, default="", allow_blank=True)
    advice_so_far = serializers.CharField(required=False, default="", allow_blank=True)


class DecisionInput(serializers.Serializer):  # type: ignore[type-arg]
    decision = serializers.ChoiceField(choices=[("yes", "yes"), ("no", "no")])
    decided_on = serializers.DateField()
    reasons = serializers.CharField()


class AdviceOutput(serializers.ModelSerializer):  # type: ignore[type-arg]
    due_on = serializers.SerializerMethodField()

    class Meta:
        model = AdviceRequest
        fields = [
            "id",
            "request",
            "kind",
            "organisation",
            "requested_on",
            "due_on",
            "questions",
            "received_on",
            "needs",
            "outcomes",
            "provision",
            "no_needs",
            "reused_from",
            "withdrawn_on",
        ]

    def get_due_on(self, advice: AdviceRequest) -> str:
        from opensend import statutory

        return statutory.due("provide_advice", advice.requested_on).isoformat()


class AdviceRequestInput(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=AdviceKind.choices)
    organisation = serializers.IntegerField()
    requested_on = serializers.DateField()
    questions = serializers.CharField(required=False, default="", allow_blank=True)


class AdviceSubmitInput(serializers.Serializer):  # type: ignore[type-arg]
    needs = serializers.CharField(required=False, default="", allow_blank=True)
    outcomes = serializers.CharField(required=False, default="", allow_blank=True)
    provision = serializers.CharField(required=False, default="", allow_blank=True)
    no_needs = serializers.BooleanField(
        required=False, default=False, help_text="No needs found in the adviser's area"
    )


class RequestListApi(APIView):
    @list_schema(RequestOutput, operation_id="requests_list")
    def get(self, request: Request) -> Response:
        check_capability(request.user, Capability.VIEW_CASELOAD)
        qs = selectors.request_list_for_user(user=request.user).order_by("next_due_on", "pk")
        return paginated(self, request, qs, RequestOutput, on_page=_audit(request, "child_id"))

    @extend_schema(
        operation_id="requests_create",
        request=RequestInput,
        responses={201: RequestOutput, **INPUT_ERRORS},
    )
    def post(self, request: Request) -> Response:
        check_capability(request.user, Capability.REQUEST_ASSESSMENT)
        data = RequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        child = child_get_for_user(user=request.user, child_id=values.pop("child"))
        case = request_create(actor=request.user, child=child, **values)
        return Response(RequestOutput(case).data, status=status.HTTP_201_CREATED)


class RequestDetailApi(RecordDetailApi):
    capability = Capability.VIEW_CASELOAD
    output = RequestOutput
    operation_id = "requests_retrieve"

    def record(self, user: Any, *, request_id: int) -> Any:
        return selectors.request_get_for_user(user=user, request_id=request_id)


class TimelineApi(APIView):
    @extend_schema(
        operation_id="requests_timeline", responses={200: RequestClockOutput(many=True), **ERRORS}
    )
    def get(self, request: Request, request_id: int) -> Response:
        """Every statutory clock on the case: due date, done date, status and the rule."""
        check_capability(request.user, Capability.VIEW_CASELOAD)
        case = selectors.request_get_for_user(user=request.user, request_id=request_id)
        rows = clock_rows(clocks_for(case))
        rows = [{**row, "exception": row["exception_ground"]} for row in rows]
        return Response(RequestClockOutput(rows, many=True).data)


def _decision_api(operation_id: str, record: Callable[..., AssessmentRequest], answer: str) -> Any:
    """An API for one of the case's two yes/no decisions: `record(actor=, case=, <answer>=...)`
    (whether to assess, whether to issue a plan)."""

    class DecisionApi(APIView):
        @extend_schema(
            operation_id=operation_id,
            request=DecisionInput,
            responses={200: RequestOutput, **INPUT_ERRORS},
        )
        def post(self, request: Request, request_id: int) -> Response:
            check_capability(request.user, Capability.MANAGE_CASES)
            case = selectors.request_get_for_user(user=request.user, request_id=request_id)
            data = DecisionInput(data=request.data)
            data.is_valid(raise_exception=True)
            d = data.validated_data
            case = record(
                actor=request.user,
                case=case,
                **{answer: d["decision"] == "yes"},
                decided_on=d["decided_on"],
                reasons=d["reasons"],
            )
            return Response(RequestOutput(case).data)

    return DecisionApi


AssessmentDecisionApi = _decision_api(
    "requests_decide_assessment", assessment_decision_record, "assess"
)
IssueDecisionApi = _decision_api("requests_decide_issue", issue_decision_record, "issue")


class CaseAdviceApi(APIView):
    @extend_schema(
        operation_id="requests_advice_create",
        request=AdviceRequestInput,
        responses={201: AdviceOutput, **INPUT_ERRORS},
    )
    def post(self, request: Request, request_id: int) -> Response:
        from opensend.accounts.models import Organisation

        check_capability(request.user, Capability.MANAGE_CASES)
        case = selectors.request_get_for_user(user=request.user, request_id=request_id)
        data = AdviceRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organisation = Organisation.objects.open().filter(pk=values.pop("organisation")).first()
        if organisation is None:
            raise serializers.ValidationError({"organisation": ["No such organisation"]})
        advice = advice_request_send(
            actor=request.user, case=case, organisation=organisation, **values
        )
        return Response(AdviceOutput(advice).data, status=status.HTTP_201_CREATED)


class AdviceListApi(APIView):
    @list_schema(AdviceOutput, operation_id="advice_requests_list")
    def get(self, request: Request) -> Response:
        """Advice requests sent to your organisations."""
        check_capability(request.user, Capability.ADVICE_WORKSPACE)
        qs = selectors.advice_list_for_user(user=request.user)
        return paginated(
            self, request, qs, AdviceOutput, on_page=_audit(request, "request.child_id")
        )


class AdviceSubmitApi(APIView):
    @extend_schema(
        operation_id="advice_requests_submit",
        request=AdviceSubmitInput,
        responses={200: AdviceOutput, **INPUT_ERRORS},
    )
    def post(self, request: Request, advice_id: int) -> Response:
        check_capability(request.user, Capability.ADVICE_WORKSPACE)
        advice = selectors.advice_get_for_user(user=request.user, advice_id=advice_id)
        data = AdviceSubmitInput(data=request.data)
        data.is_valid(raise_exception=True)
        advice = advice_submit(actor=request.user, advice=advice, **data.validated_data)
        return Response(AdviceOutput(advice).data)


def _audit(request: Request, child_id_attr: str = "child_id") -> Callable[[list[Any]], int]:
    """`on_page` for a list endpoint: every record on the page, in the audit trail."""
    return lambda page: audit_record_list(
        actor=request.user, objects=page, child_id_attr=child_id_attr, summary=request.path
    )
