"""The steps on an EHC needs assessment case, each declared once (core.steps).

Each step names its form, the service it calls, its heading, its success message and
`allowed(case, user)`: whether the button shows on the case page and the step's page opens.
`allowed` follows the case's stage as the case page always has (acknowledge and decide whether
to assess while the request is new; ask for advice and decide whether to issue while
assessing; assign, record an exception, record the family's views and withdraw while the case
is open). The services stay the real guard: a step that is allowed but given bad dates answers
400 with the service's message next to the field. Every step needs `Capability.MANAGE_CASES`
(the workflow's `who`).
"""

from typing import Any

from django.urls import reverse

from opensend.accounts.permissions import Capability, user_can
from opensend.casework import selectors
from opensend.casework.forms import (
    AcknowledgeForm,
    AdviceRequestForm,
    AssignForm,
    DecisionForm,
    ExceptionForm,
    FamilyViewsForm,
    WithdrawForm,
)
from opensend.casework.models import AssessmentRequest, Stage
from opensend.casework.services import advice, decisions, exceptions, requests
from opensend.core.steps import Step, Workflow
from opensend.core.types import Actor


def manages_cases(user: Actor) -> bool:
    """SENAR staff who run the EHC journey (every case step's gate)."""
    return user_can(user, Capability.MANAGE_CASES)


def may_manage_case(case: AssessmentRequest, user: Actor) -> bool:
    """May this user change this case now: a SENAR caseworker, and the case still open."""
    return manages_cases(user) and case.is_open


def _open(case: AssessmentRequest, _user: Actor) -> bool:
    return case.is_open


def _at(stage: Stage) -> Any:
    return lambda case, _user: case.stage == stage


def _may_acknowledge(case: AssessmentRequest, _user: Actor) -> bool:
    return case.stage == Stage.REQUESTED and case.acknowledged_on is None


def _form(form_class: Any) -> Any:
    return lambda data, _case: form_class(data)


def _decision_form(question: str) -> Any:
    return lambda data, _case: DecisionForm(data, question=question)


def _family_views_form(data: Any, case: AssessmentRequest) -> FamilyViewsForm:
    existing = getattr(case, "family_views", None)
    initial = {f: getattr(existing, f) for f in FamilyViewsForm.base_fields} if existing else None
    return FamilyViewsForm(data, initial=initial)


CASE = Workflow(
    name="case",
    pk_kwarg="request_id",
    get=lambda user, pk: selectors.request_get_for_user(user=user, request_id=pk),
    detail_url=lambda case: reverse("casework:case_detail", args=[case.pk]),
    who=manages_cases,
    caption=lambda case: case.child.full_name,
    steps=(
        Step(
            name="acknowledge",
            url_name="casework:acknowledge",
            label="Acknowledge",
            heading="Acknowledge the request",
            form=_form(AcknowledgeForm),
            service=lambda actor, case, d: requests.request_acknowledge(
                actor=actor, case=case, **d
            ),
            success="Request acknowledged",
            allowed=_may_acknowledge,
            secondary=True,
        ),
        Step(
            name="decide_assessment",
            url_name="casework:decide_assessment",
            label="Decide whether to assess",
            heading="Decide whether to assess",
            form=_decision_form("Will we carry out an EHC needs assessment?"),
            service=lambda actor, case, d: decisions.assessment_decision_record(
                actor=actor,
                case=case,
                assess=d["decision"] == "yes",
                decided_on=d["decided_on"],
                reasons=d["reasons"],
            ),
            success="Decision recorded",
            allowed=_at(Stage.REQUESTED),
        ),
        Step(
            name="advice_request_create",
            url_name="casework:advice_request_create",
            label="Ask for advice",
            heading="Ask for advice",
            form=_form(AdviceRequestForm),
            service=lambda actor, case, d: advice.advice_request_send(actor=actor, case=case, **d),
            success="Advice requested. They have 6 weeks to reply.",
            allowed=_at(Stage.ASSESSING),
            secondary=True,
        ),
        Step(
            name="decide_issue",
            url_name="casework:decide_issue",
            label="Decide whether to issue a plan",
            heading="Decide whether to issue a plan",
            form=_decision_form("Will we issue an EHC plan?"),
            service=lambda actor, case, d: decisions.issue_decision_record(
                actor=actor,
                case=case,
                issue=d["decision"] == "yes",
                decided_on=d["decided_on"],
                reasons=d["reasons"],
            ),
            success="Decision recorded",
            allowed=_at(Stage.ASSESSING),
        ),
        Step(
            name="assign",
            url_name="casework:assign",
            label="Assign caseworker",
            heading="Assign a caseworker",
            form=lambda data, case: AssignForm(data, initial={"caseworker": case.caseworker_id}),
            service=lambda actor, case, d: requests.request_assign(actor=actor, case=case, **d),
            success="Caseworker assigned",
            allowed=_open,
            secondary=True,
        ),
        Step(
            name="exception_create",
            url_name="casework:exception_create",
            label="Record an exception",
            heading="Record an exception to a time limit",
            form=_form(ExceptionForm),
            service=lambda actor, case, d: exceptions.clock_exception_record(
                actor=actor, case=case, **d
            ),
            success="Exception recorded. The case shows which limit it lifts.",
            allowed=_open,
            secondary=True,
        ),
        Step(
            name="withdraw",
            url_name="casework:withdraw",
            label="Withdraw",
            heading="Withdraw the request",
            form=_form(WithdrawForm),
            service=lambda actor, case, d: requests.request_withdraw(actor=actor, case=case, **d),
            success="Request withdrawn",
            allowed=_open,
        ),
        Step(
            name="family_views",
            url_name="casework:family_views",
            label="Record the family's views",
            heading="The family's views (section A)",
            form=_family_views_form,
            service=lambda actor, case, d: requests.family_views_record(
                actor=actor, case=case, **d
            ),
            success="Views saved. Every adviser will see them, so nobody needs to ask again.",
            allowed=_open,
        ),
    ),
)
