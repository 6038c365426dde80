"""Complaints under our customer charter: received, replied to at each stage, escalated to the
next, and closed with an outcome. The complainant hears about each step (by the family user who
made it online, or at the email address we were given)."""

import logging
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from opensend.accounts.permissions import Capability, check_capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework.models import AssessmentRequest
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import DATE_IN_FUTURE, REASON_REQUIRED, check_date
from opensend.disputes.clocks import charter_due
from opensend.disputes.models import (
    DEFAULT_CHARTER_WORKING_DAYS,
    NEXT_STAGE,
    CharterStandard,
    Complaint,
    ComplaintOutcome,
    ComplaintStage,
    ComplaintStageRecord,
    ComplaintStatus,
    DisputeStepKind,
)
from opensend.disputes.services._shared import check_request, record_step
from opensend.notify.services import (
    Recipient,
    notification_send,
    notification_send_to_address,
    recipient_for_family_member,
)
from opensend.people.models import Child

logger = logging.getLogger(__name__)

SUMMARY_REQUIRED = "Tell us what the complaint is about"
COMPLAINANT_REQUIRED = "Enter the name of the person making the complaint"
COMPLAINT_CLOSED = "This complaint is closed"
ALREADY_RESPONDED = "We have already replied at this stage"
RESPONSE_REQUIRED = "Enter our reply"
OUTCOME_REQUIRED = "Choose the outcome"
RESPOND_BEFORE_ESCALATING = "Record our reply at {stage} before escalating the complaint"
LAST_STAGE = "The complaint is already with the Ombudsman: it cannot be escalated further"
RESPOND_BEFORE_CLOSING = "Record our reply first, or close the complaint as withdrawn"


def charter_working_days(stage: str) -> int:
    """Working days to reply at this stage, from the charter table (or the default)."""
    standard = CharterStandard.objects.filter(stage=stage).first()
    return standard.working_days if standard else DEFAULT_CHARTER_WORKING_DAYS[stage]


def _complainant(complaint: Complaint) -> Recipient | None:
    """Who hears about the complaint: the family user who made it, or the email we were given."""
    user = complaint.made_by
    if user is not None:
        member = getattr(user, "family_member", None)
        if member is not None and not member.is_closed:
            return recipient_for_family_member(member)
        if getattr(user, "young_person_record", None) is not None and user.email:
            return Recipient(name=complaint.complainant_name, channel="email", address=user.email)
    if complaint.complainant_email:
        return Recipient(
            name=complaint.complainant_name, channel="email", address=complaint.complainant_email
        )
    return None


def _tell_complainant(
    actor: Actor, complaint: Complaint, template: str, personalisation: dict[str, object]
) -> None:
    recipient = _complainant(complaint)
    if recipient is None:
        logger.info("No contact details to tell the complainant on complaint %s", complaint.pk)
        return
    if complaint.child is not None:
        notification_send(
            actor=actor,
            template=template,
            child=complaint.child,
            personalisation=personalisation,
            recipients=[recipient],
        )
    else:
        notification_send_to_address(
            actor=actor,
            template=template,
            to_address=recipient.address,
            recipient_name=recipient.name,
            personalisation=personalisation,
        )


def _start_stage(complaint: Complaint, stage: str, on: date, reason: str = "") -> date:
    record = ComplaintStageRecord.objects.create(
        complaint=complaint,
        stage=stage,
        started_on=on,
        charter_working_days=charter_working_days(stage),
        escalation_reason=reason,
    )
    return charter_due(record.started_on, record.charter_working_days)


def _current_stage(complaint: Complaint) -> ComplaintStageRecord:
    return ComplaintStageRecord.objects.select_for_update(of=("self",)).get(
        complaint=complaint, stage=complaint.stage
    )


def _open_complaint(complaint: Complaint) -> tuple[Complaint, ComplaintStageRecord]:
    """The complaint, locked, and the stage it is at; a closed complaint takes no more steps."""
    complaint = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("child", "made_by")
        .get(pk=complaint.pk)
    )
    if not complaint.is_open:
        raise ValidationError(COMPLAINT_CLOSED)
    return complaint, _current_stage(complaint)


@transaction.atomic
def complaint_create(
    *,
    actor: Actor,
    summary: str,
    complainant_name: str = "",
    received_on: date | None = None,
    child: Child | None = None,
    assessment_request: AssessmentRequest | None = None,
    about_step: str = "",
    outcome_wanted: str = "",
    complainant_email: str = "",
    today: date | None = None,
) -> Complaint:
    """Record a complaint at stage 1; the charter clock starts from the day it was received.

    A parent or young person complaining online is the complainant, and it is received today.
    """
    check_capability(actor, Capability.COMPLAIN)
    today = today_or_local(today)
    family = not user_can(actor, Capability.MANAGE_DISPUTES)
    if family:
        if child is not None and not Child.objects.visible_to(actor).filter(pk=child.pk).exists():
            raise PermissionDenied
        received_on = today
        complainant_name = complainant_name.strip() or actor.get_full_name() or actor.email
    errors: dict[str, list[str]] = {}
    if not summary.strip():
        errors["summary"] = [SUMMARY_REQUIRED]
    if not complainant_name.strip():
        errors["complainant_name"] = [COMPLAINANT_REQUIRED]
    if received_on is None:
        errors["received_on"] = ["Enter the date the complaint was received"]
    elif received_on > today:
        errors["received_on"] = [DATE_IN_FUTURE]
    if errors:
        raise ValidationError(errors)
    assert received_on is not None  # noqa: S101 - checked above
    check_request(child, assessment_request)
    complaint = Complaint.objects.create(
        child=child,
        assessment_request=assessment_request,
        about_step=about_step.strip(),
        summary=summary.strip(),
        outcome_wanted=outcome_wanted.strip(),
        complainant_name=complainant_name.strip(),
        complainant_email=complainant_email.strip(),
        made_by=actor if family else None,
        received_on=received_on,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=complaint,
        child_id=child.pk if child else None,
    )
    reply_due = _start_stage(complaint, ComplaintStage.STAGE_1, received_on)
    record_step(
        complaint=complaint,
        kind=DisputeStepKind.COMPLAINT_RECEIVED,
        on=received_on,
        actor=actor,
        summary=f"From {complaint.complainant_name}",
    )
    _tell_complainant(
        actor,
        complaint,
        "complaint_received",
        {"reply_due": reply_due, "stage_name": "stage 1"},
    )
    return complaint


@transaction.atomic
def complaint_respond(
    *,
    actor: Actor,
    complaint: Complaint,
    responded_on: date,
    response: str,
    outcome: str,
    remedy: str = "",
    learning: str = "",
    today: date | None = None,
) -> ComplaintStageRecord:
    """Record our reply at the current stage: the outcome, any remedy, and what we learned."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    complaint, record = _open_complaint(complaint)
    if record.responded_on is not None:
        raise ValidationError(ALREADY_RESPONDED)
    check_date(
        responded_on,
        today=today_or_local(today),
        field="responded_on",
        after=record.started_on,
        what=f"the complaint reached {record.get_stage_display().lower()}",
    )
    if not response.strip():
        raise ValidationError({"response": [RESPONSE_REQUIRED]})
    if outcome not in ComplaintOutcome.values or outcome == ComplaintOutcome.WITHDRAWN:
        raise ValidationError({"outcome": [OUTCOME_REQUIRED]})
    record.responded_on = responded_on
    record.response = response.strip()
    record.outcome = outcome
    record.remedy = remedy.strip()
    record.learning = learning.strip()
    record.responded_by = actor
    record.save()
    complaint.status = ComplaintStatus.RESPONDED
    complaint.save(update_fields=["status", "updated_at"])
    record_step(
        complaint=complaint,
        kind=DisputeStepKind.COMPLAINT_RESPONDED,
        on=responded_on,
        actor=actor,
        summary=f"{record.get_stage_display()}: {record.get_outcome_display()}",
        reasons=record.response,
    )
    next_stage = NEXT_STAGE.get(complaint.stage)
    _tell_complainant(
        actor,
        complaint,
        "complaint_response_sent",
        {
            "stage_name": record.get_stage_display().lower(),
            "outcome": record.get_outcome_display().lower(),
            "next_step": (
                f"If you are not happy with our reply, you can ask us to look at it again at "
                f"{ComplaintStage(next_stage).label.lower()}."
                if next_stage == ComplaintStage.STAGE_2
                else "If you are still not happy, you can ask the Local Government and Social "
                "Care Ombudsman to look at your complaint."
                if next_stage
                else "This is the last step of our complaints process."
            ),
        },
    )
    return record


@transaction.atomic
def complaint_escalate(
    *,
    actor: Actor,
    complaint: Complaint,
    escalated_on: date,
    reason: str,
    today: date | None = None,
) -> ComplaintStageRecord:
    """Move the complaint to the next stage; that stage's charter clock starts on `escalated_on`."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    complaint, record = _open_complaint(complaint)
    next_stage = NEXT_STAGE.get(complaint.stage)
    if next_stage is None:
        raise ValidationError(LAST_STAGE)
    if record.responded_on is None:
        raise ValidationError(
            RESPOND_BEFORE_ESCALATING.format(stage=record.get_stage_display().lower())
        )
    check_date(
        escalated_on,
        today=today_or_local(today),
        field="escalated_on",
        after=record.responded_on,
        what="our reply",
    )
    if not reason.strip():
        raise ValidationError({"reason": [REASON_REQUIRED]})
    complaint.stage = next_stage
    complaint.status = ComplaintStatus.OPEN
    complaint.save(update_fields=["stage", "status", "updated_at"])
    reply_due = _start_stage(complaint, next_stage, escalated_on, reason.strip())
    record_step(
        complaint=complaint,
        kind=DisputeStepKind.COMPLAINT_ESCALATED,
        on=escalated_on,
        actor=actor,
        summary=f"To {ComplaintStage(next_stage).label}",
        reasons=reason,
    )
    _tell_complainant(
        actor,
        complaint,
        "complaint_escalated",
        {"stage_name": ComplaintStage(next_stage).label, "reply_due": reply_due},
    )
    return _current_stage(complaint)


@transaction.atomic
def complaint_close(
    *,
    actor: Actor,
    complaint: Complaint,
    closed_on: date,
    outcome: str,
    reason: str = "",
    today: date | None = None,
) -> Complaint:
    """Close the complaint with its final outcome (withdrawn if we never replied)."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    complaint, record = _open_complaint(complaint)
    if outcome not in ComplaintOutcome.values:
        raise ValidationError({"outcome": [OUTCOME_REQUIRED]})
    if record.responded_on is None and outcome != ComplaintOutcome.WITHDRAWN:
        raise ValidationError({"outcome": [RESPOND_BEFORE_CLOSING]})
    check_date(
        closed_on,
        today=today_or_local(today),
        field="closed_on",
        after=record.responded_on or record.started_on,
        what="the last step on the complaint",
    )
    if outcome == ComplaintOutcome.WITHDRAWN and not reason.strip():
        raise ValidationError({"reason": [REASON_REQUIRED]})
    complaint.status = ComplaintStatus.CLOSED
    complaint.outcome = outcome
    complaint.closed_on = closed_on
    complaint.closed_reason = reason.strip()
    complaint.save(update_fields=["status", "outcome", "closed_on", "closed_reason", "updated_at"])
    record_step(
        complaint=complaint,
        kind=DisputeStepKind.COMPLAINT_CLOSED,
        on=closed_on,
        actor=actor,
        summary=complaint.get_outcome_display(),
        reasons=reason,
    )
    return complaint
