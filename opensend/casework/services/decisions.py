"""The decisions on a case: whether to assess (reg 4–5), whether to issue a plan (reg 10), and
the plan milestones the plans app records on the case (draft served, final issued)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability
from opensend.casework.models import AssessmentRequest, PanelCase, Stage, StepKind
from opensend.casework.services._shared import (
    ALREADY_DECIDED,
    appeal_rights,
    check_stage,
    check_step_date,
    locked,
    locked_at,
    record_step,
    refresh_clocks,
)
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.notify.services import notification_send

REASONS_REQUIRED = "Enter the reasons for the decision"


@transaction.atomic
def assessment_decision_record(
    *,
    actor: Actor,
    case: AssessmentRequest,
    assess: bool,
    decided_on: date,
    reasons: str,
    panel_case: PanelCase | None = None,
    today: date | None = None,
) -> AssessmentRequest:
    """Record the decision whether to assess (reg 4–5). A refusal must give reasons."""
    case = _decide(
        actor,
        case,
        Decision(
            field="assess_decision_on",
            stage=Stage.REQUESTED,
            then=Stage.ASSESSING if assess else Stage.NOT_ASSESSING,
            step=StepKind.DECIDED_TO_ASSESS if assess else StepKind.DECIDED_NOT_TO_ASSESS,
            panel=PanelCase.Decision.ASSESS if assess else PanelCase.Decision.DO_NOT_ASSESS,
        ),
        decided_on=decided_on,
        reasons=reasons,
        panel_case=panel_case,
        today=today,
    )
    _tell_family_about_assessment(actor, case, assess=assess, reasons=reasons, on=decided_on)
    refresh_clocks(case)
    return case


@dataclass(frozen=True)
class Decision:
    """What one of the two decisions changes: the date field it fills, the stage it needs and
    the stage it leads to, the timeline step and the panel's record of it."""

    field: str
    stage: Stage
    then: Stage
    step: StepKind
    panel: str


def _decide(
    actor: Actor,
    case: AssessmentRequest,
    decision: Decision,
    *,
    decided_on: date,
    reasons: str,
    panel_case: PanelCase | None,
    today: date | None,
    after: tuple[str, str] | None = None,
) -> AssessmentRequest:
    """The checks and records both decisions share: once only, at the right stage, a date
    inside the case (not before the date field `after` names), reasons given; the panel's
    record kept with it."""
    check_capability(actor, Capability.MANAGE_CASES)
    case = locked(case)
    if getattr(case, decision.field) is not None:
        raise ValidationError(ALREADY_DECIDED)
    check_stage(case, decision.stage)
    check_step_date(case, decided_on, today=today_or_local(today), field="decided_on")
    if after is not None:
        earliest, message = getattr(case, after[0]), after[1]
        if earliest and decided_on < earliest:
            raise ValidationError({"decided_on": [message]})
    if not reasons.strip():
        raise ValidationError({"reasons": [REASONS_REQUIRED]})
    setattr(case, decision.field, decided_on)
    case.stage = decision.then
    case.save(update_fields=[decision.field, "stage", "updated_at"])
    if panel_case is not None:
        panel_case.decision = decision.panel
        panel_case.reasons = reasons
        panel_case.save(update_fields=["decision", "reasons"])
    record_step(case, kind=decision.step, on=decided_on, actor=actor, reasons=reasons)
    return case


def _tell_family_about_assessment(
    actor: Actor, case: AssessmentRequest, *, assess: bool, reasons: str, on: date
) -> None:
    """Say what we decided and what happens next, with the dates from the rules engine."""
    if assess:
        notification_send(
            actor=actor,
            template="decided_to_assess",
            child=case.child,
            personalisation={
                "no_plan_due": statutory.due("notify_decision_not_to_issue", case.received_on),
                "final_plan_due": statutory.due("issue_final_plan", case.received_on),
            },
        )
    else:
        _tell_family_about_refusal(actor, case, "decided_not_to_assess", reasons=reasons, on=on)


def _tell_family_about_refusal(
    actor: Actor, case: AssessmentRequest, template: str, *, reasons: str, on: date
) -> None:
    """A refusal: the reasons, the right of appeal and its deadline, and mediation."""
    notification_send(
        actor=actor,
        template=template,
        child=case.child,
        personalisation={
            "reasons": reasons,
            **appeal_rights(on),
        },
    )


@transaction.atomic
def issue_decision_record(
    *,
    actor: Actor,
    case: AssessmentRequest,
    issue: bool,
    decided_on: date,
    reasons: str,
    panel_case: PanelCase | None = None,
    today: date | None = None,
) -> AssessmentRequest:
    """Decide whether to issue a plan after the assessment (reg 10)."""
    case = _decide(
        actor,
        case,
        Decision(
            field="issue_decision_on",
            stage=Stage.ASSESSING,
            then=Stage.DRAFTING if issue else Stage.NOT_ISSUING,
            step=StepKind.DECIDED_TO_ISSUE if issue else StepKind.DECIDED_NOT_TO_ISSUE,
            panel=PanelCase.Decision.ISSUE if issue else PanelCase.Decision.DO_NOT_ISSUE,
        ),
        decided_on=decided_on,
        reasons=reasons,
        panel_case=panel_case,
        today=today,
        after=("assess_decision_on", "The date cannot be before the decision to assess"),
    )
    if not issue:
        _tell_family_about_refusal(
            actor, case, "decided_not_to_issue", reasons=reasons, on=decided_on
        )
    refresh_clocks(case)
    return case


@transaction.atomic
def case_record_draft_issued(
    *, actor: Actor, case: AssessmentRequest, on: date, today: date | None = None
) -> AssessmentRequest:
    """Called by the plans app when the draft plan is served: the 15-day window starts."""
    case = locked_at(actor, case, Stage.DRAFTING)
    check_step_date(case, on, today=today_or_local(today), field="issued_on")
    if case.issue_decision_on and on < case.issue_decision_on:
        raise ValidationError(
            {"issued_on": ["The draft cannot be issued before the decision to issue"]}
        )
    case.draft_issued_on = on
    case.stage = Stage.DRAFT_ISSUED
    case.save(update_fields=["draft_issued_on", "stage", "updated_at"])
    record_step(case, kind=StepKind.DRAFT_ISSUED, on=on, actor=actor)
    refresh_clocks(case)
    return case


@transaction.atomic
def case_record_final_issued(
    *, actor: Actor, case: AssessmentRequest, on: date, today: date | None = None
) -> AssessmentRequest:
    """Called by the plans app when the final plan is issued: the journey's last step."""
    case = locked_at(actor, case, Stage.DRAFT_ISSUED)
    check_step_date(case, on, today=today_or_local(today), field="issued_on")
    if case.draft_issued_on and on < case.draft_issued_on:
        raise ValidationError({"issued_on": ["The final plan cannot be issued before the draft"]})
    case.final_issued_on = on
    case.stage = Stage.FINAL_ISSUED
    case.save(update_fields=["final_issued_on", "stage", "updated_at"])
    record_step(case, kind=StepKind.FINAL_ISSUED, on=on, actor=actor)
    refresh_clocks(case)
    return case
