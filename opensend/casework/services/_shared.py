"""What every casework service shares: the messages, the checks on a step's date and the case's
stage, recording a `CaseStep`, and keeping the stored next statutory date in step."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.services import audit_step
from opensend.casework.clocks import clocks_for
from opensend.casework.models import AssessmentRequest, CaseStep, Stage, StepKind
from opensend.core.clocks import next_open_clock
from opensend.core.types import Actor
from opensend.core.validation import check_date

WRONG_STAGE = "This step cannot be done now: the case is at “{stage}”"
ALREADY_DECIDED = "A decision has already been recorded for this case"
MEDIATION_CONTACT = "the independent mediation service named in your decision letter"


def appeal_rights(decided_on: date) -> dict[str, Any]:
    """What every letter with a right of appeal tells the family (the deadline from
    `statutory.appeal_deadline_explained`, and where to get mediation), for its personalisation."""
    return {
        "appeal_due": statutory.appeal_deadline_explained(decided_on),
        "mediation_contact": MEDIATION_CONTACT,
    }


def check_step_date(case: AssessmentRequest, on: date, *, today: date, field: str) -> None:
    """A step's date: not in the future, not before the request was received."""
    check_date(
        on, today=today, field=field, after=case.received_on, what="the request was received"
    )


def check_stage(case: AssessmentRequest, *allowed: Stage) -> None:
    if case.stage not in allowed:
        raise ValidationError(WRONG_STAGE.format(stage=case.get_stage_display()))


def record_step(
    case: AssessmentRequest,
    *,
    kind: StepKind,
    on: date,
    actor: Actor,
    summary: str = "",
    reasons: str = "",
) -> CaseStep:
    step = CaseStep.objects.create(
        request=case,
        kind=kind,
        occurred_on=on,
        recorded_by=actor if actor else None,
        summary=summary[:300],
        reasons=reasons,
    )
    audit_step(actor, case, step, child_id=case.child_id)
    return step


def refresh_clocks(case: AssessmentRequest) -> None:
    """Keep the queue's copy of the next statutory date in step with the case."""
    upcoming = next_open_clock(clocks_for(case))
    case.next_due_on = upcoming.due_on if upcoming else None
    case.next_due_rule = upcoming.rule_id if upcoming else ""
    case.save(update_fields=["next_due_on", "next_due_rule", "updated_at"])


def locked(case: AssessmentRequest) -> AssessmentRequest:
    return (
        AssessmentRequest.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=case.pk)
    )


def locked_at(actor: Actor, case: AssessmentRequest, *stages: Stage) -> AssessmentRequest:
    """The case, locked for a SENAR step that is done only at one of `stages`."""
    check_capability(actor, Capability.MANAGE_CASES)
    case = locked(case)
    check_stage(case, *stages)
    return case
