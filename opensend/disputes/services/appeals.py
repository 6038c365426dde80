"""Appeals to the First-tier Tribunal (SEND): lodged, the hearing date, and the outcome. What
the Tribunal's order (or an appeal we do not oppose) then requires is in `orders`."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework.models import AssessmentRequest
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import check_date, check_not_future
from opensend.disputes.models import (
    OUTCOMES_NEEDING_HEARING,
    Appeal,
    AppealOutcome,
    AppealType,
    DisputeStepKind,
    MediationCase,
)
from opensend.disputes.services._shared import check_request, check_review, record_step
from opensend.people.models import Child

APPEAL_DECIDED = "The outcome of this appeal has already been recorded"
HEARING_FIRST = "Record the hearing date before a decision made at the hearing"


def locked_appeal(appeal: Appeal) -> Appeal:
    return Appeal.objects.select_for_update(of=("self",)).select_related("child").get(pk=appeal.pk)


@transaction.atomic
def appeal_lodge(
    *,
    actor: Actor,
    child: Child,
    appeal_type: str,
    decision_sent_on: date,
    lodged_on: date,
    certificate_issued_on: date | None = None,
    mediation: MediationCase | None = None,
    assessment_request: AssessmentRequest | None = None,
    review: Model | None = None,
    sections: str = "",
    grounds: str = "",
    tribunal_reference: str = "",
    today: date | None = None,
) -> Appeal:
    """Record an appeal lodged with the Tribunal. The certificate date comes from the mediation
    case when one is linked; the deadline is shown from `statutory.appeal_deadline`."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    today = today_or_local(today)
    if appeal_type not in AppealType.values:
        raise ValidationError({"appeal_type": ["Choose the type of appeal"]})
    check_not_future(decision_sent_on, today=today, field="decision_sent_on")
    check_request(child, assessment_request)
    check_review(child, review)
    if mediation is not None:
        if mediation.child_id != child.pk:
            raise ValidationError({"mediation": ["Choose a mediation case for this child"]})
        certificate_issued_on = certificate_issued_on or mediation.certificate_issued_on
    if certificate_issued_on is not None:
        check_date(
            certificate_issued_on,
            today=today,
            field="certificate_issued_on",
            after=decision_sent_on,
            what="the decision notice",
        )
    check_date(
        lodged_on,
        today=today,
        field="lodged_on",
        after=decision_sent_on,
        what="the decision notice",
    )
    appeal = Appeal.objects.create(
        child=child,
        assessment_request=assessment_request,
        review_id=review.pk if review is not None else None,
        mediation=mediation,
        appeal_type=appeal_type,
        sections=sections.strip(),
        grounds=grounds.strip(),
        tribunal_reference=tribunal_reference.strip(),
        decision_sent_on=decision_sent_on,
        certificate_issued_on=certificate_issued_on,
        lodged_on=lodged_on,
    )
    audit_record(actor=actor, action=Action.CREATE, obj=appeal, child_id=child.pk)
    deadline = statutory.appeal_deadline(decision_sent_on, certificate_issued_on)
    record_step(
        appeal=appeal,
        kind=DisputeStepKind.APPEAL_LODGED,
        on=lodged_on,
        actor=actor,
        summary=appeal.get_appeal_type_display()
        + (" (after the deadline)" if lodged_on > deadline else ""),
        reasons=appeal.grounds,
    )
    return appeal


@transaction.atomic
def appeal_hearing_record(
    *, actor: Actor, appeal: Appeal, hearing_on: date, today: date | None = None
) -> Appeal:
    """Set (or move) the hearing date; it can be in the future, but not before lodging."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    appeal = locked_appeal(appeal)
    if appeal.outcome:
        raise ValidationError(APPEAL_DECIDED)
    # A hearing may be listed for a future day: only its order after lodging is checked.
    check_date(
        hearing_on,
        today=None,
        field="hearing_on",
        after=appeal.lodged_on,
        what="the appeal was lodged",
    )
    appeal.hearing_on = hearing_on
    appeal.save(update_fields=["hearing_on", "updated_at"])
    record_step(
        appeal=appeal,
        kind=DisputeStepKind.HEARING_LISTED,
        on=min(hearing_on, today_or_local(today)),
        actor=actor,
        summary=f"Hearing on {statutory.long_date(hearing_on)}",
    )
    return appeal


@transaction.atomic
def appeal_outcome_record(
    *,
    actor: Actor,
    appeal: Appeal,
    outcome: str,
    outcome_on: date,
    notes: str = "",
    today: date | None = None,
) -> Appeal:
    """Dismissed or allowed at a hearing (so not before it); conceded or withdrawn at any time."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    appeal = locked_appeal(appeal)
    if appeal.outcome:
        raise ValidationError(APPEAL_DECIDED)
    if outcome not in AppealOutcome.values:
        raise ValidationError({"outcome": ["Choose the outcome"]})
    after, what = appeal.lodged_on, "the appeal was lodged"
    if outcome in OUTCOMES_NEEDING_HEARING:
        if appeal.hearing_on is None:
            raise ValidationError({"outcome": [HEARING_FIRST]})
        after, what = appeal.hearing_on, "the hearing"
    check_date(outcome_on, today=today_or_local(today), field="outcome_on", after=after, what=what)
    appeal.outcome = outcome
    appeal.outcome_on = outcome_on
    appeal.outcome_notes = notes.strip()
    appeal.save(update_fields=["outcome", "outcome_on", "outcome_notes", "updated_at"])
    record_step(
        appeal=appeal,
        kind=DisputeStepKind.APPEAL_DECIDED,
        on=outcome_on,
        actor=actor,
        summary=appeal.get_outcome_display(),
        reasons=appeal.outcome_notes,
    )
    return appeal
