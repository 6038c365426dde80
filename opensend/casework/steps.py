"""The steps on an EHC needs assessment case, each declared once (core.steps).

Each step names its form, the service it calls, its heading, its success message and
`allowed(case, user)`: whether the button shows on the case page and the step's page opens.
`allowed` follows the case's stage as the case page always has (acknowledge and decide whether
to assess while the request is new; ask for advice and decide whether to issue while
assessing; assign, record an exception, record the family's views and withdraw while the case
is open). The services stay the real guard: a step that is allowed but given bad dates answers
400 with the service's message next to the field. Every step needs `Capability.MANAGE_CASES`
(the workflow's `who`). The case page's "Next steps" show when any step is allowed (a SENAR
caseworker and the case still open). `form_of`, `calls` and `step_in` are shared with
`plans.steps`.
"""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from opensend.accounts.permissions import Capability, user_can
from opensend.casework import selectors
from opensend.casework.forms import (
    AcknowledgeForm,
    AdviceRequestForm,
    AllAdviceForm,
    AssignForm,
    DecisionForm,
    ExceptionForm,
    FamilyViewsForm,
    WithdrawForm,
)
from opensend.casework.models import AssessmentRequest, Stage
from opensend.casework.services import advice, decisions, exceptions, requests
from opensend.core.steps import Step, Workflow, calls, posted, step
from opensend.core.types import Actor


def manages_cases(user: Actor) -> bool:
    """SENAR staff who run the EHC journey (every case step's gate)."""
    return user_can(user, Capability.MANAGE_CASES)


def _open(case: AssessmentRequest, _user: Actor) -> bool:
    return case.is_open


def _at(stage: Stage) -> Any:
    return lambda case, _user: case.stage == stage


def _may_acknowledge(case: AssessmentRequest, _user: Actor) -> bool:
    return case.stage == Stage.REQUESTED and case.acknowledged_on is None


def _decision_form(question: str) -> Any:
    return lambda data, _case: DecisionForm(data, question=question)


def _family_views_form(data: Any, case: AssessmentRequest) -> FamilyViewsForm:
    existing = getattr(case, "family_views", None)
    initial = {f: getattr(existing, f) for f in FamilyViewsForm.base_fields} if existing else None
    return FamilyViewsForm(data, initial=initial)


def _decides(service: Any, answer: str) -> Any:
    """A yes/no decision form's answer passed on as the service's `answer` (assess, issue)."""
    return lambda actor, case, d: service(
        actor=actor,
        case=case,
        **{answer: d["decision"] == "yes"},
        decided_on=d["decided_on"],
        reasons=d["reasons"],
    )


def _ask_all(actor: Actor, case: AssessmentRequest, data: dict[str, Any]) -> Any:
    asks = [
        (kind, data[f"{kind}_organisation"])
        for kind in selectors.STATUTORY_ADVICE
        if data.get(f"ask_{kind}")
    ]
    return advice.advice_request_all(
        actor=actor,
        case=case,
        asks=asks,
        requested_on=data["requested_on"],
        questions=data["questions"],
    )


def case_step(name: str, label: str, **options: Any) -> Step:
    """A case step, served at the URL named `casework:<name>`."""
    return step(f"casework:{name}", name, label, **options)


CASE = Workflow(
    name="case",
    pk_kwarg="request_id",
    get=lambda user, pk: selectors.request_get_for_user(user=user, request_id=pk),
    detail_url=lambda case: reverse("casework:case_detail", args=[case.pk]),
    who=manages_cases,
    caption=lambda case: case.child.full_name,
    steps=(
        case_step(
            "acknowledge",
            "Acknowledge",
            heading="Acknowledge the request",
            form=posted(AcknowledgeForm),
            service=calls(requests.request_acknowledge, "case"),
            success="Request acknowledged",
            allowed=_may_acknowledge,
            secondary=True,
        ),
        case_step(
            "decide_assessment",
            "Decide whether to assess",
            form=_decision_form("Will we carry out an EHC needs assessment?"),
            service=_decides(decisions.assessment_decision_record, "assess"),
            success="Decision recorded",
            allowed=_at(Stage.REQUESTED),
        ),
        case_step(
            "advice_request_create",
            "Ask for advice",
            form=posted(AdviceRequestForm),
            service=calls(advice.advice_request_send, "case"),
            success="Advice requested. They have 6 weeks to reply.",
            allowed=_at(Stage.ASSESSING),
            secondary=True,
        ),
        case_step(
            "advice_request_all",
            "Ask all the statutory advisers",
            heading="Ask for advice from everyone the law names",
            intro=(
                "Each organisation below is pre-filled from what we know of the child: their "
                "school or setting and the services already working with them. Untick any you "
                "do not need, or change who is asked. Each has 6 weeks to reply."
            ),
            form=lambda data, case: AllAdviceForm(
                data, suggestions=selectors.advisers_for(case), today=timezone.localdate()
            ),
            service=_ask_all,
            success=lambda asked: (
                f"Advice requested from {len(asked)} "
                f"{'organisation' if len(asked) == 1 else 'organisations'}. "
                "Each has 6 weeks to reply."
            ),
            allowed=_at(Stage.ASSESSING),
            offer=lambda case: bool(selectors.advisers_for(case)),
            submit_label="Send the requests",
        ),
        case_step(
            "decide_issue",
            "Decide whether to issue a plan",
            form=_decision_form("Will we issue an EHC plan?"),
            service=_decides(decisions.issue_decision_record, "issue"),
            success="Decision recorded",
            allowed=_at(Stage.ASSESSING),
        ),
        case_step(
            "assign",
            "Assign caseworker",
            heading="Assign a caseworker",
            form=lambda data, case: AssignForm(data, initial={"caseworker": case.caseworker_id}),
            service=calls(requests.request_assign, "case"),
            success=lambda case: f"Assigned to {case.caseworker}",
            allowed=_open,
            secondary=True,
        ),
        case_step(
            "exception_create",
            "Record an exception",
            heading="Record an exception to a time limit",
            form=posted(ExceptionForm),
            service=calls(exceptions.clock_exception_record, "case"),
            success="Exception recorded. The case shows which limit it lifts.",
            allowed=_open,
            secondary=True,
        ),
        case_step(
            "withdraw",
            "Withdraw",
            heading="Withdraw the request",
            form=posted(WithdrawForm),
            service=calls(requests.request_withdraw, "case"),
            success="Request withdrawn",
            allowed=_open,
        ),
        case_step(
            "family_views",
            "Record the family's views",
            heading="The family's views (section A)",
            form=_family_views_form,
            service=calls(requests.family_views_record, "case"),
            success="Views saved. Every adviser will see them, so nobody needs to ask again.",
            allowed=_open,
        ),
    ),
)
