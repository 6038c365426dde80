"""What every disputes service shares: recording a step for the timeline (with the queue's next
date and the audit trail), and the checks and messages more than one workflow uses."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Model

from opensend.audit.services import audit_step
from opensend.casework.models import AssessmentRequest
from opensend.core.clocks import next_open_clock
from opensend.core.types import Actor
from opensend.disputes.clocks import record_clocks
from opensend.disputes.models import (
    Appeal,
    Complaint,
    DisputeStep,
    DisputeStepKind,
    MediationCase,
)
from opensend.people.models import Child

REQUEST_NOT_FOR_CHILD = "Choose an assessment request for this child"
REVIEW_NOT_FOR_CHILD = "Choose a decided annual review of this child's plan"
ALREADY_DONE = "This step has already been recorded"


def record_step(
    *,
    kind: DisputeStepKind,
    on: date,
    actor: Actor,
    complaint: Complaint | None = None,
    mediation: MediationCase | None = None,
    appeal: Appeal | None = None,
    summary: str = "",
    reasons: str = "",
) -> DisputeStep:
    """One step on one record, for its timeline; keeps the queue's next date and audits it."""
    step = DisputeStep.objects.create(
        complaint=complaint,
        mediation=mediation,
        appeal=appeal,
        kind=kind,
        occurred_on=on,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        summary=summary[:300],
        reasons=reasons,
    )
    obj = complaint or mediation or appeal
    assert obj is not None  # noqa: S101 - the check constraint says the same
    refresh_next_due(obj)
    audit_step(actor, obj, step, child_id=getattr(obj, "child_id", None))
    return step


def refresh_next_due(record: Complaint | MediationCase | Appeal) -> date | None:
    """Keep the queue's copy of the record's next open date in step with its clocks. Every
    service calls it (through `record_step`) after changing a record."""
    upcoming = next_open_clock(record_clocks(record))
    record.next_due_on = upcoming.due_on if upcoming else None
    type(record).objects.filter(pk=record.pk).update(next_due_on=record.next_due_on)
    return record.next_due_on


def check_request(child: Child | None, assessment_request: AssessmentRequest | None) -> None:
    """A record may be about one of its child's assessment requests, never another child's."""
    if assessment_request is not None and (
        child is None or assessment_request.child_id != child.pk
    ):
        raise ValidationError({"assessment_request": [REQUEST_NOT_FOR_CHILD]})


def check_review(child: Child, review: Model | None) -> None:
    """A record may be about the decision after one of its child's annual reviews (CFA 2014
    s51(2)(e), (f)): that child's, and decided. The review is read through the child, so
    disputes never imports the reviews app above it."""
    if review is not None and not (
        child.reviews.filter(pk=review.pk).exclude(decision="").exists()
    ):
        raise ValidationError({"review": [REVIEW_NOT_FOR_CHILD]})
