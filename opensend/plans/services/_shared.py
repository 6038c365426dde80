"""What every plan service shares: the messages, locking the plan, the checks that it is a
draft (or being amended) and can be issued, and auditing a change to it."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.models import Action
from opensend.audit.services import apply_changes, audit_record
from opensend.core.types import Actor
from opensend.plans.checks import blocking
from opensend.plans.models import EHCPlan, PlanStatus
from opensend.plans.selectors import plan_is_amending, plan_warnings_for

NOT_A_DRAFT = (
    "This plan has been issued as a final plan: its content can only change through a "
    "review or amendment"
)
DRAFT_NOT_ISSUED = "The draft plan has not been issued yet"
NO_REQUEST = "Only a plan started from an assessment can be issued here"
CANNOT_ISSUE = "The plan cannot be issued yet: {problems}"
SECTION_A = ["about_me", "what_matters", "aspirations", "communication"]
PROVISION_FIELDS = [
    "section",
    "description",
    "provided_by",
    "frequency",
    "duration",
    "group_size",
    "location",
    "unquantified_reason",
]


def locked(plan: EHCPlan) -> EHCPlan:
    return (
        EHCPlan.objects.select_for_update(of=("self",))
        .select_related("child", "request", "named_setting")
        .get(pk=plan.pk)
    )


def locked_editable(actor: Actor, plan: EHCPlan) -> EHCPlan:
    """The plan, locked for a SENAR change to its content (a draft, or being amended)."""
    check_capability(actor, Capability.MANAGE_CASES)
    plan = locked(plan)
    check_editable(plan)
    return plan


def plan_lock(plan: EHCPlan) -> EHCPlan:
    """The plan, locked for update (for other apps' services that change it)."""
    return locked(plan)


def check_draft(plan: EHCPlan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(NOT_A_DRAFT)


def check_editable(plan: EHCPlan) -> None:
    """A draft, or a final plan with an amendment open: issued versions stay as they were."""
    if plan.status != PlanStatus.DRAFT and not plan_is_amending(plan):
        raise ValidationError(NOT_A_DRAFT)


def audit_plan(actor: Actor, plan: EHCPlan, *, summary: str, changes: Any = None) -> None:
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=plan,
        child_id=plan.child_id,
        summary=summary,
        changes=changes,
    )


def update_plan(actor: Actor, plan: EHCPlan, summary: str, values: Mapping[str, Any]) -> None:
    """Set `values` on the locked plan, save just those fields, and audit what each was and
    became."""
    changes = apply_changes(plan, values)
    plan.save(update_fields=[*values, "updated_at"])
    audit_plan(actor, plan, summary=summary, changes=changes)


def check_issuable(plan: EHCPlan, *, on: date, final: bool = False) -> None:
    hard = blocking(plan_warnings_for(plan, on=on), final=final)
    if hard:
        raise ValidationError(CANNOT_ISSUE.format(problems="; ".join(w.message for w in hard)))
