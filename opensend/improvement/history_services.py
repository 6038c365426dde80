"""The dated history of actions, milestones and risks (docs/improvement.md, "Packs for past
meetings"): each time one is added or changed, a row says how it stood from that day on. Rows are
added, never changed. Called by the services that change them, in the same transaction."""

from datetime import date

from django.utils import timezone

from opensend.core.types import Actor
from opensend.improvement.models import (
    ActionChange,
    Milestone,
    MilestoneChange,
    PlanAction,
    Risk,
    RiskChange,
)


def action_snapshot(
    action: PlanAction, *, actor: Actor | None, reason: str, on: date | None = None
) -> ActionChange:
    return ActionChange.objects.create(
        action=action,
        on=on or timezone.localdate(),
        owner=action.owner,
        organisation=action.organisation,
        starts_on=action.starts_on,
        due_on=action.due_on,
        reason=reason,
        recorded_by=actor,
    )


def milestone_snapshot(
    milestone: Milestone, *, actor: Actor | None, on: date | None = None
) -> MilestoneChange:
    return MilestoneChange.objects.create(
        milestone=milestone,
        on=on or timezone.localdate(),
        due_on=milestone.due_on,
        status=milestone.status,
        recorded_by=actor,
    )


def risk_snapshot(
    risk: Risk, *, actor: Actor | None, reason: str = "", on: date | None = None
) -> RiskChange:
    return RiskChange.objects.create(
        risk=risk,
        on=on or timezone.localdate(),
        inherent_likelihood=risk.inherent_likelihood,
        inherent_impact=risk.inherent_impact,
        residual_likelihood=risk.residual_likelihood,
        residual_impact=risk.residual_impact,
        appetite=risk.appetite,
        trend=risk.trend,
        is_open=risk.closed_on is None,
        reason=reason,
        recorded_by=actor,
    )
