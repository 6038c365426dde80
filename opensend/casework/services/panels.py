"""A SEND panel: set up, its members and attendance, and the cases listed for a decision
whether to assess (the decision itself is `decisions.assessment_decision_record`)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework.models import AssessmentRequest, Panel, PanelCase, Stage, StepKind
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


@transaction.atomic
def panel_list_case(*, actor: Actor, panel: Panel, case: AssessmentRequest) -> PanelCase:
    case = locked_at(actor, case, Stage.REQUESTED)
    if panel.held_on < case.received_on:
        raise ValidationError("The panel is before the request was received")
    listing, created = PanelCase.objects.get_or_create(panel=panel, request=case)
    if created:
        record_step(
            case,
            kind=StepKind.PANEL_LISTED,
            on=min(panel.held_on, timezone.localdate()),
            actor=actor,
            summary=str(panel),
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
