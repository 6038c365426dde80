"""A SEND panel: set up, its members and attendance, and the cases listed for it, each for
one question: whether to assess and whether to issue a plan (decided through
`decisions.assessment_decision_record` and `decisions.issue_decision_record`, which keep the
clocks), or a placement or funding (the panel's own decision, `panel_decision_record`)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework.models import (
    OPEN_STAGES,
    AssessmentRequest,
    Panel,
    PanelCase,
    Stage,
    StepKind,
)
from opensend.casework.services._shared import locked_at, record_step
from opensend.core.types import Actor


@transaction.atomic
def panel_create(
    *,
    actor: Actor,
    held_on: date,
    name: str = "SEND panel",
    members: list[dict[str, Any]] | None = None,
) -> Panel:
    check_capability(actor, Capability.MANAGE_CASES)
    panel = Panel.objects.create(held_on=held_on, name=name or "SEND panel", chair=actor)
    for member in members or []:
        panel.members.create(**member)
    audit_record(actor=actor, action=Action.CREATE, obj=panel)
    return panel


# The stage a case must be at for each question: whether to assess while the request is new;
# whether to issue while assessing; placement and funding while the case is open.
QUESTION_STAGES = {
    PanelCase.Question.ASSESS: (Stage.REQUESTED,),
    PanelCase.Question.ISSUE: (Stage.ASSESSING,),
    PanelCase.Question.PLACEMENT: OPEN_STAGES,
    PanelCase.Question.FUNDING: OPEN_STAGES,
}
DETAILS_REQUIRED = "Say what the panel is asked to agree (the placement, or the funding asked for)"
PANEL_DECISIONS = {
    PanelCase.Question.PLACEMENT: (PanelCase.Decision.AGREED, PanelCase.Decision.NOT_AGREED),
    PanelCase.Question.FUNDING: (PanelCase.Decision.AGREED, PanelCase.Decision.NOT_AGREED),
}


@transaction.atomic
def panel_list_case(
    *,
    actor: Actor,
    panel: Panel,
    case: AssessmentRequest,
    question: str = PanelCase.Question.ASSESS,
    details: str = "",
) -> PanelCase:
    """List a case for the panel to decide one question."""
    if question not in QUESTION_STAGES:
        raise ValidationError({"question": ["Choose what the panel is asked to decide"]})
    case = locked_at(actor, case, *QUESTION_STAGES[PanelCase.Question(question)])
    if panel.held_on < case.received_on:
        raise ValidationError("The panel is before the request was received")
    if question in PANEL_DECISIONS and not details.strip():
        raise ValidationError({"details": [DETAILS_REQUIRED]})
    listing, created = PanelCase.objects.get_or_create(
        panel=panel, request=case, question=question, defaults={"details": details.strip()}
    )
    if created:
        record_step(
            case,
            kind=StepKind.PANEL_LISTED,
            on=min(panel.held_on, timezone.localdate()),
            actor=actor,
            summary=f"{panel}: {listing.get_question_display().lower()}",
        )
    return listing


@transaction.atomic
def panel_decision_record(
    *, actor: Actor, listing: PanelCase, decision: str, reasons: str, decided_on: date
) -> PanelCase:
    """The panel's own decision on a placement or funding (agreed, not agreed, deferred), with
    reasons; the statutory decisions go through `decisions` with their clocks instead."""
    check_capability(actor, Capability.MANAGE_CASES)
    listing = PanelCase.objects.select_for_update().select_related("request").get(pk=listing.pk)
    allowed = (*PANEL_DECISIONS.get(PanelCase.Question(listing.question), ()), "defer")
    if listing.question not in PANEL_DECISIONS:
        raise ValidationError("Record this decision on the case, where its time limit is kept")
    if listing.decision and listing.decision != PanelCase.Decision.DEFER:
        raise ValidationError("The panel's decision is already recorded")
    if decision not in allowed:
        raise ValidationError({"decision": ["Choose the panel's decision"]})
    if not reasons.strip():
        raise ValidationError({"reasons": ["Enter the reasons for the decision"]})
    if decided_on < listing.request.received_on or decided_on > timezone.localdate():
        raise ValidationError({"decided_on": ["The date must be between the request and today"]})
    listing.decision, listing.reasons = decision, reasons.strip()
    listing.save(update_fields=["decision", "reasons"])
    record_step(
        listing.request,
        kind=StepKind.PANEL_DECIDED,
        on=decided_on,
        actor=actor,
        summary=f"{listing.get_question_display()}: {listing.get_decision_display().lower()}",
        reasons=listing.reasons,
    )
    return listing


@transaction.atomic
def panel_member_add(*, actor: Actor, panel: Panel, name: str, organisation: Any = None) -> Any:
    check_capability(actor, Capability.MANAGE_CASES)
    if not name.strip():
        raise ValidationError({"name": ["Enter the member's name"]})
    member = panel.members.create(name=name.strip(), organisation=organisation, attended=True)
    audit_record(actor=actor, action=Action.UPDATE, obj=panel, summary=f"Member added: {member}")
    return member


@transaction.atomic
def panel_attendance_record(*, actor: Actor, panel: Panel, attended_ids: set[int]) -> None:
    """Record who attended; a panel decision is only as good as the agencies in the room."""
    check_capability(actor, Capability.MANAGE_CASES)
    for member in panel.members.all():
        attended = member.pk in attended_ids
        if member.attended != attended:
            member.attended = attended
            member.save(update_fields=["attended"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=panel,
        summary=f"Attendance: {len(attended_ids)} of {panel.members.count()} present",
    )
