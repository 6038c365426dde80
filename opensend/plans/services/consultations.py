"""Consulting a school or college about being named in the plan (CFA s39): asked, and its
reply (15 days)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.models import Action
from opensend.audit.services import apply_changes, audit_record
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import check_not_future
from opensend.notify.services import notification_send_to_organisation
from opensend.people.models import Setting
from opensend.plans.models import CanMeetNeeds, Consultation, EHCPlan, PlanStatus
from opensend.plans.services._shared import locked

PLAN_CEASED = "This plan has ceased: no setting can be consulted about it"
OPEN_CONSULTATION = "We are already waiting for {setting} to reply"
CONSULTATION_BEFORE_DECISION = "The consultation cannot be before the decision to issue ({on})"
ALREADY_RESPONDED = "This reply has already been recorded"
RESPONSE_BEFORE_SENT = "The reply cannot be before we asked ({sent})"


@transaction.atomic
def consultation_send(
    *,
    actor: Actor,
    plan: EHCPlan,
    setting: Setting,
    sent_on: date,
    today: date | None = None,
    template: str = "consultation_request",
    personalisation: dict[str, Any] | None = None,
    summary: str = "",
) -> Consultation:
    """Ask a school or college whether it can be named in the plan (CFA s39); it has 15 days.

    A draft's consultations are part of writing it; a final plan's are for naming a new setting
    (a phase transfer or an amendment), so they use their own message `template`."""
    check_capability(actor, Capability.MANAGE_CASES)
    today = today_or_local(today)
    plan = locked(plan)
    if plan.status == PlanStatus.CEASED:
        raise ValidationError(PLAN_CEASED)
    check_not_future(sent_on, today=today, field="sent_on")
    decided = plan.request.issue_decision_on if plan.request else None
    if decided is not None and sent_on < decided:
        raise ValidationError(
            {"sent_on": [CONSULTATION_BEFORE_DECISION.format(on=statutory.long_date(decided))]}
        )
    if plan.consultations.filter(setting=setting, responded_on__isnull=True).exists():
        raise ValidationError({"setting": [OPEN_CONSULTATION.format(setting=setting)]})
    consultation = Consultation.objects.create(
        plan=plan, setting=setting, sent_on=sent_on, sent_by=actor
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=consultation,
        child_id=plan.child_id,
        summary=summary,
    )
    notification_send_to_organisation(
        actor=actor,
        template=template,
        organisation=setting,
        child=plan.child,
        personalisation={
            "setting_name": setting.name,
            "response_due": statutory.due("consultation_response", sent_on),
            "plan_link": f"/plans/{plan.pk}/",
            **(personalisation or {}),
        },
    )
    return consultation


@transaction.atomic
def consultation_response_record(
    *,
    actor: Actor,
    consultation: Consultation,
    responded_on: date,
    can_meet_needs: str,
    response_notes: str = "",
    today: date | None = None,
) -> Consultation:
    check_capability(actor, Capability.MANAGE_CASES)
    today = today_or_local(today)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.responded_on is not None:
        raise ValidationError(ALREADY_RESPONDED)
    check_not_future(responded_on, today=today, field="responded_on")
    if responded_on < consultation.sent_on:
        raise ValidationError(
            {
                "responded_on": [
                    RESPONSE_BEFORE_SENT.format(sent=statutory.long_date(consultation.sent_on))
                ]
            }
        )
    if can_meet_needs not in CanMeetNeeds.values:
        raise ValidationError({"can_meet_needs": ["Choose whether they can meet the needs"]})
    reply = {
        "responded_on": responded_on,
        "can_meet_needs": can_meet_needs,
        "response_notes": response_notes.strip(),
    }
    changes = apply_changes(consultation, reply)
    consultation.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=consultation,
        child_id=consultation.plan.child_id,
        changes=changes,
    )
    return consultation
