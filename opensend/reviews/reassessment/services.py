"""Every write on a re-assessment: the request, the decision, the plan issued. Each step checks
its dates, keeps `next_due_on` in step with the clocks, is audited, and tells the family.

Clocks (all from `opensend.statutory`): decide within 15 days of the request (reg 25(1)); after a
decision to re-assess, the amended or replaced plan within 14 weeks of telling the family (reg
27(2)); after a refusal, the family's time to appeal (CFA s51(2)(d); Tribunal rules 20 and 12).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability
from opensend.casework.services import appeal_rights
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import check_date
from opensend.notify.services import notification_send
from opensend.plans.models import EHCPlan, PlanStatus
from opensend.reviews.models import (
    OPEN_REASSESSMENT_STATUSES,
    Reassessment,
    ReassessmentStatus,
)
from opensend.reviews.reassessment.clocks import reassessment_clocks
from opensend.reviews.shared import audit_change, create_once, locked, save_with_next_due

NOT_FINAL = "Only a final plan can be re-assessed"
ALREADY_OPEN = "A re-assessment request for this plan is already open"
NOT_WAITING = "The decision on this request has already been made"
NOT_REASSESSING = "Record the decision to re-assess first"
REASONS_REQUIRED = "Explain the decision, in words the family will understand"
WHY_REQUIRED = "Say why they asked for a re-assessment"
WHO_REQUIRED = "Say who asked for the re-assessment"


def _refresh(reassessment: Reassessment) -> None:
    fields = ["status", "decided_on", "decision_reasons", "plan_issued_on"]
    save_with_next_due(reassessment, fields, reassessment_clocks(reassessment))


@transaction.atomic
def reassessment_request(
    *,
    actor: Actor,
    plan: EHCPlan,
    requested_by: str,
    received_on: date,
    why: str,
    today: date | None = None,
) -> Reassessment:
    """Record a request to re-assess (from the family, the young person or the setting)."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    today = today_or_local(today)
    plan = locked(plan, "child")
    if plan.status != PlanStatus.FINAL:
        raise ValidationError(NOT_FINAL)
    if not requested_by.strip():
        raise ValidationError({"requested_by": [WHO_REQUIRED]})
    if not why.strip():
        raise ValidationError({"why": [WHY_REQUIRED]})
    check_date(
        received_on,
        today=today,
        field="received_on",
        after=plan.issued_on,
        what="the plan was issued",
    )
    if Reassessment.objects.filter(plan=plan, status__in=OPEN_REASSESSMENT_STATUSES).exists():
        raise ValidationError(ALREADY_OPEN)
    reassessment = create_once(
        Reassessment,
        ALREADY_OPEN,
        plan=plan,
        child=plan.child,
        requested_by=requested_by.strip(),
        received_on=received_on,
        why=why.strip(),
        caseworker_id=plan.child.caseworker_id,
        next_due_on=statutory.due("decide_whether_to_reassess", received_on),
    )
    summary = f"Re-assessment requested by {requested_by}"
    audit_change(actor, reassessment, summary, create=True)
    return reassessment


@transaction.atomic
def reassessment_decide(
    *,
    actor: Actor,
    reassessment: Reassessment,
    reassess: bool,
    decided_on: date,
    reasons: str,
    today: date | None = None,
) -> Reassessment:
    """Tell the family whether we will re-assess (reg 25(1)). A refusal carries the right of
    appeal and its real last day; agreeing starts the 14 weeks to the plan (reg 27(2))."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    reassessment = locked(reassessment, "plan", "child")
    if reassessment.status != ReassessmentStatus.REQUESTED:
        raise ValidationError(NOT_WAITING)
    if not reasons.strip():
        raise ValidationError({"reasons": [REASONS_REQUIRED]})
    check_date(
        decided_on,
        today=today_or_local(today),
        field="decided_on",
        after=reassessment.received_on,
        what="the request was received",
    )
    reassessment.status = ReassessmentStatus.REASSESSING if reassess else ReassessmentStatus.REFUSED
    reassessment.decided_on = decided_on
    reassessment.decision_reasons = reasons.strip()
    _refresh(reassessment)
    audit_change(actor, reassessment, reassessment.get_status_display())
    if reassess:
        notification_send(
            actor=actor,
            template="reassessment_agreed",
            child=reassessment.child,
            personalisation={"plan_due": statutory.due("issue_reassessed_plan", decided_on)},
        )
    else:
        notification_send(
            actor=actor,
            template="reassessment_refused",
            child=reassessment.child,
            personalisation={
                "reasons": reassessment.decision_reasons,
                **appeal_rights(decided_on),
            },
        )
    return reassessment


@transaction.atomic
def reassessment_plan_issued(
    *, actor: Actor, reassessment: Reassessment, issued_on: date, today: date | None = None
) -> Reassessment:
    """The amended or replaced plan was sent (reg 27(2)); the re-assessment is complete."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    reassessment = locked(reassessment, "plan", "child")
    if reassessment.status != ReassessmentStatus.REASSESSING:
        raise ValidationError(NOT_REASSESSING)
    check_date(
        issued_on,
        today=today_or_local(today),
        field="issued_on",
        after=reassessment.decided_on,
        what="we decided to re-assess",
    )
    reassessment.status = ReassessmentStatus.COMPLETED
    reassessment.plan_issued_on = issued_on
    _refresh(reassessment)
    late = issued_on > statutory.due("issue_reassessed_plan", reassessment.decided_on)  # type: ignore[arg-type]
    audit_change(actor, reassessment, f"Plan issued after re-assessment{' (late)' if late else ''}")
    return reassessment
