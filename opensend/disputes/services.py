"""Every change to a complaint, mediation case or appeal: validated, atomic, audited, and
recorded as a `DisputeStep` for the timeline.

Each function checks the step is allowed now (dates in order, not done twice) and raises a
ValidationError with a message a caseworker can act on; nothing changes when it does. The
family hears about each step that matters to them in plain English through
`opensend.notify`, with dates from `opensend.statutory`.
"""

import logging
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework.models import AssessmentRequest
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.disputes.clocks import charter_due, next_open_clock, order_clocks, record_clocks
from opensend.disputes.models import (
    DEFAULT_CHARTER_WORKING_DAYS,
    NEXT_STAGE,
    NOT_OPPOSED_KINDS,
    OUTCOMES_NEEDING_HEARING,
    OUTCOMES_WITH_ORDER,
    Appeal,
    AppealOutcome,
    AppealType,
    CharterStandard,
    Complaint,
    ComplaintOutcome,
    ComplaintStage,
    ComplaintStageRecord,
    ComplaintStatus,
    DisputeStep,
    DisputeStepKind,
    MediationCase,
    MediationEnd,
    OrderStep,
    OrderStepException,
    OrderType,
)
from opensend.notify.services import Recipient, notification_send, recipient_for_family_member
from opensend.people.models import Child

logger = logging.getLogger(__name__)

DATE_IN_FUTURE = "The date cannot be in the future"
BEFORE = "The date cannot be before {what} ({on})"
SUMMARY_REQUIRED = "Tell us what the complaint is about"
COMPLAINANT_REQUIRED = "Enter the name of the person making the complaint"
REQUEST_NOT_FOR_CHILD = "Choose an assessment request for this child"
COMPLAINT_CLOSED = "This complaint is closed"
ALREADY_RESPONDED = "We have already replied at this stage"
RESPONSE_REQUIRED = "Enter our reply"
OUTCOME_REQUIRED = "Choose the outcome"
RESPOND_BEFORE_ESCALATING = "Record our reply at {stage} before escalating the complaint"
LAST_STAGE = "The complaint is already with the Ombudsman: it cannot be escalated further"
REASON_REQUIRED = "Enter the reason"
RESPOND_BEFORE_CLOSING = "Record our reply first, or close the complaint as withdrawn"
ALREADY_DONE = "This step has already been recorded"
MEDIATION_CLOSED = "This mediation case is closed"
CONTACT_FIRST = "Record when the family contacted the mediation adviser first"
CHOICE_ALREADY = "The family's choice about mediation has already been recorded"
NOT_WANTED = "The family did not ask for mediation"
HELD_FIRST = "Record when the mediation was held first"
NO_CERTIFICATE_YET = (
    "A certificate is issued once the family declines mediation, or mediation ends or "
    "cannot be arranged"
)
NO_AGREEMENT_CLOCK = "There is no agreement on a non-appealable matter to act on"
APPEAL_DECIDED = "The outcome of this appeal has already been recorded"
HEARING_FIRST = "Record the hearing date before a decision made at the hearing"
NO_ORDER_FOR_OUTCOME = "An order follows an appeal that was allowed or conceded"
ORDER_ALREADY = "The order has already been recorded"
RULE_NOT_IN_ORDER = "That step is not part of this order"
ORDER_TYPE_REQUIRED = "Choose what the order says we must do"

# Plain English for the family's message when an order arrives.
ORDER_IN_WORDS = {
    OrderType.ASSESS: "carry out an EHC needs assessment",
    OrderType.MAKE_PLAN: "make an EHC plan",
    OrderType.AMEND: "change the EHC plan",
    OrderType.AMEND_SECTION_I: "change the school or setting named in the EHC plan",
}
FIRST_STEP_IN_WORDS = {
    "order_assess_notify": "tell you that we are carrying out the assessment",
    "order_make_plan_draft": "send you a draft EHC plan",
    "order_amend_plan": "send you the changed EHC plan",
    "order_amend_section_i": "send you the EHC plan with the new school or setting",
    "unopposed_assess_notify": "tell you that we are carrying out the assessment",
    "unopposed_amend_plan": "send you the changed EHC plan",
}


def _check_date(on: date, *, today: date, field: str, after: date, what: str) -> None:
    if on > today:
        raise ValidationError({field: [DATE_IN_FUTURE]})
    if on < after:
        raise ValidationError({field: [BEFORE.format(what=what, on=statutory.long_date(after))]})


def _step(
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
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=obj,
        child_id=getattr(obj, "child_id", None),
        summary=f"{step.get_kind_display()} ({on.isoformat()})",
    )
    return step


def refresh_next_due(record: Complaint | MediationCase | Appeal) -> date | None:
    """Keep the queue's copy of the record's next open date in step with its clocks. Every
    service calls it (through `_step`) after changing a record."""
    upcoming = next_open_clock(record_clocks(record))
    record.next_due_on = upcoming.due_on if upcoming else None
    type(record).objects.filter(pk=record.pk).update(next_due_on=record.next_due_on)
    return record.next_due_on


def _check_request(child: Child | None, request: AssessmentRequest | None) -> None:
    if request is not None and (child is None or request.child_id != child.pk):
        raise ValidationError({"assessment_request": [REQUEST_NOT_FOR_CHILD]})


# ---------------------------------------------------------------------------- complaints


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
        from opensend.notify.services import notification_send_to_address

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


def _locked_complaint(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("child", "made_by")
        .get(pk=complaint.pk)
    )


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
    _check_request(child, assessment_request)
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
    _step(
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
    complaint = _locked_complaint(complaint)
    if not complaint.is_open:
        raise ValidationError(COMPLAINT_CLOSED)
    record = _current_stage(complaint)
    if record.responded_on is not None:
        raise ValidationError(ALREADY_RESPONDED)
    _check_date(
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
    _step(
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
    complaint = _locked_complaint(complaint)
    if not complaint.is_open:
        raise ValidationError(COMPLAINT_CLOSED)
    next_stage = NEXT_STAGE.get(complaint.stage)
    if next_stage is None:
        raise ValidationError(LAST_STAGE)
    record = _current_stage(complaint)
    if record.responded_on is None:
        raise ValidationError(
            RESPOND_BEFORE_ESCALATING.format(stage=record.get_stage_display().lower())
        )
    _check_date(
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
    _step(
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
    complaint = _locked_complaint(complaint)
    if not complaint.is_open:
        raise ValidationError(COMPLAINT_CLOSED)
    record = _current_stage(complaint)
    if outcome not in ComplaintOutcome.values:
        raise ValidationError({"outcome": [OUTCOME_REQUIRED]})
    if record.responded_on is None and outcome != ComplaintOutcome.WITHDRAWN:
        raise ValidationError({"outcome": [RESPOND_BEFORE_CLOSING]})
    _check_date(
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
    _step(
        complaint=complaint,
        kind=DisputeStepKind.COMPLAINT_CLOSED,
        on=closed_on,
        actor=actor,
        summary=complaint.get_outcome_display(),
        reasons=reason,
    )
    return complaint


# ---------------------------------------------------------------------------- mediation


def _locked_mediation(case: MediationCase) -> MediationCase:
    case = (
        MediationCase.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=case.pk)
    )
    if case.closed_on is not None:
        raise ValidationError(MEDIATION_CLOSED)
    return case


@transaction.atomic
def mediation_create(
    *,
    actor: Actor,
    child: Child,
    decision_notice_on: date,
    about: str,
    assessment_request: AssessmentRequest | None = None,
    adviser_contacted_on: date | None = None,
    today: date | None = None,
) -> MediationCase:
    """Open a mediation case after a decision notice; the family has 2 months to contact the
    mediation adviser (reg 33)."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    today = today_or_local(today)
    if decision_notice_on > today:
        raise ValidationError({"decision_notice_on": [DATE_IN_FUTURE]})
    if not about.strip():
        raise ValidationError({"about": ["Enter what the disagreement is about"]})
    _check_request(child, assessment_request)
    if adviser_contacted_on is not None:
        _check_date(
            adviser_contacted_on,
            today=today,
            field="adviser_contacted_on",
            after=decision_notice_on,
            what="the decision notice",
        )
    case = MediationCase.objects.create(
        child=child,
        assessment_request=assessment_request,
        decision_notice_on=decision_notice_on,
        about=about.strip(),
        adviser_contacted_on=adviser_contacted_on,
    )
    audit_record(actor=actor, action=Action.CREATE, obj=case, child_id=child.pk)
    _step(
        mediation=case,
        kind=DisputeStepKind.MEDIATION_OPENED,
        on=decision_notice_on,
        actor=actor,
        summary=case.about,
    )
    if adviser_contacted_on is not None:
        _step(
            mediation=case,
            kind=DisputeStepKind.ADVISER_CONTACTED,
            on=adviser_contacted_on,
            actor=actor,
        )
    return case


@transaction.atomic
def mediation_adviser_contact_record(
    *, actor: Actor, case: MediationCase, contacted_on: date, today: date | None = None
) -> MediationCase:
    check_capability(actor, Capability.MANAGE_DISPUTES)
    case = _locked_mediation(case)
    if case.adviser_contacted_on is not None:
        raise ValidationError(ALREADY_DONE)
    _check_date(
        contacted_on,
        today=today_or_local(today),
        field="contacted_on",
        after=case.decision_notice_on,
        what="the decision notice",
    )
    case.adviser_contacted_on = contacted_on
    case.save(update_fields=["adviser_contacted_on", "updated_at"])
    _step(mediation=case, kind=DisputeStepKind.ADVISER_CONTACTED, on=contacted_on, actor=actor)
    return case


@transaction.atomic
def mediation_choice_record(
    *,
    actor: Actor,
    case: MediationCase,
    wants_mediation: bool,
    on: date,
    today: date | None = None,
) -> MediationCase:
    """The family wants mediation (we must hold it within 30 days, reg 37) or declines it (the
    certificate is due within 3 working days, reg 34)."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    case = _locked_mediation(case)
    if case.adviser_contacted_on is None:
        raise ValidationError(CONTACT_FIRST)
    if case.wants_mediation is not None:
        raise ValidationError(CHOICE_ALREADY)
    _check_date(
        on,
        today=today_or_local(today),
        field="on",
        after=case.adviser_contacted_on,
        what="the family contacted the adviser",
    )
    case.wants_mediation = wants_mediation
    if wants_mediation:
        case.told_wants_mediation_on = on
    else:
        case.declined_on = on
    case.save(
        update_fields=["wants_mediation", "told_wants_mediation_on", "declined_on", "updated_at"]
    )
    _step(
        mediation=case,
        kind=(
            DisputeStepKind.MEDIATION_WANTED
            if wants_mediation
            else DisputeStepKind.MEDIATION_DECLINED
        ),
        on=on,
        actor=actor,
    )
    return case


@transaction.atomic
def mediation_held_record(
    *, actor: Actor, case: MediationCase, held_on: date, today: date | None = None
) -> MediationCase:
    check_capability(actor, Capability.MANAGE_DISPUTES)
    case = _locked_mediation(case)
    if not case.wants_mediation or case.told_wants_mediation_on is None:
        raise ValidationError(NOT_WANTED)
    if case.held_on is not None or case.ended_on is not None:
        raise ValidationError(ALREADY_DONE)
    _check_date(
        held_on,
        today=today_or_local(today),
        field="held_on",
        after=case.told_wants_mediation_on,
        what="we were told the family wants mediation",
    )
    case.held_on = held_on
    case.save(update_fields=["held_on", "updated_at"])
    _step(mediation=case, kind=DisputeStepKind.MEDIATION_HELD, on=held_on, actor=actor)
    return case


@transaction.atomic
def mediation_end_record(
    *,
    actor: Actor,
    case: MediationCase,
    ended_on: date,
    result: str,
    agreement_summary: str = "",
    agreement_non_appealable: bool = False,
    today: date | None = None,
) -> MediationCase:
    """Mediation ended (with or without agreement) or could not be arranged: the certificate is
    due within 3 working days (reg 39); an agreement on a non-appealable matter has 2 weeks."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    case = _locked_mediation(case)
    if not case.wants_mediation or case.told_wants_mediation_on is None:
        raise ValidationError(NOT_WANTED)
    if case.ended_on is not None:
        raise ValidationError(ALREADY_DONE)
    if result not in MediationEnd.values:
        raise ValidationError({"result": ["Choose how the mediation ended"]})
    if result != MediationEnd.COULD_NOT_ARRANGE and case.held_on is None:
        raise ValidationError({"result": [HELD_FIRST]})
    after = case.held_on or case.told_wants_mediation_on
    _check_date(
        ended_on, today=today_or_local(today), field="ended_on", after=after, what="the last step"
    )
    if result == MediationEnd.AGREEMENT and not agreement_summary.strip():
        raise ValidationError({"agreement_summary": ["Enter what was agreed"]})
    if result != MediationEnd.AGREEMENT and agreement_non_appealable:
        raise ValidationError(
            {"agreement_non_appealable": ["Only an agreement can need action within 2 weeks"]}
        )
    case.ended_on = ended_on
    case.end_result = result
    case.agreement_summary = agreement_summary.strip()
    case.agreement_non_appealable = agreement_non_appealable
    case.save()
    _step(
        mediation=case,
        kind=DisputeStepKind.MEDIATION_ENDED,
        on=ended_on,
        actor=actor,
        summary=case.get_end_result_display(),
        reasons=case.agreement_summary,
    )
    return case


@transaction.atomic
def mediation_certificate_issue(
    *, actor: Actor, case: MediationCase, issued_on: date, today: date | None = None
) -> MediationCase:
    """Record the certificate; the family is told the new last day to appeal."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    case = _locked_mediation(case)
    trigger = case.certificate_trigger_on
    if trigger is None:
        raise ValidationError(NO_CERTIFICATE_YET)
    if case.certificate_issued_on is not None:
        raise ValidationError(ALREADY_DONE)
    _check_date(
        issued_on,
        today=today_or_local(today),
        field="issued_on",
        after=trigger,
        what="mediation ended or was declined",
    )
    case.certificate_issued_on = issued_on
    case.save(update_fields=["certificate_issued_on", "updated_at"])
    _step(mediation=case, kind=DisputeStepKind.CERTIFICATE_ISSUED, on=issued_on, actor=actor)
    notification_send(
        actor=actor,
        template="mediation_certificate_issued",
        child=case.child,
        personalisation={
            "appeal_due": statutory.appeal_deadline_explained(case.decision_notice_on, issued_on),
        },
    )
    return case


HEALTH_NOT_WANTED = "Record first that the family wants mediation"
HEALTH_ONLY_NEEDS_HEALTH = "Mediation only about health care must include health care"
NOT_AN_AGREEMENT = "Record first that the mediation ended in an agreement"
AGREEMENT_KIND = "Choose what the agreement requires us to do"
NOT_HEALTH_ONLY = "Only the health body tells us of an agreement, in mediation about health only"


@transaction.atomic
def mediation_health_record(
    *,
    actor: Actor,
    case: MediationCase,
    health_only: bool,
    health_body_told_on: date | None = None,
    today: date | None = None,
) -> MediationCase:
    """The disagreement is or includes health care provision (reg 36): we tell the health
    commissioning body within 3 working days; if it is only about health care, the health body
    arranges the mediation within 30 days of being told (our own 30-day clock then drops)."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    case = _locked_mediation(case)
    if not case.wants_mediation or case.told_wants_mediation_on is None:
        raise ValidationError(HEALTH_NOT_WANTED)
    if health_body_told_on is not None:
        _check_date(
            health_body_told_on,
            today=today_or_local(today),
            field="health_body_told_on",
            after=case.told_wants_mediation_on,
            what="we were told the family wants mediation",
        )
    case.includes_health = True
    case.health_only = health_only
    case.health_body_told_on = health_body_told_on
    case.save(update_fields=["includes_health", "health_only", "health_body_told_on", "updated_at"])
    summary = "About health care only" if health_only else "Includes health care"
    if health_body_told_on is not None:
        summary += f"; health body told {health_body_told_on.isoformat()}"
    _step(
        mediation=case,
        kind=DisputeStepKind.MEDIATION_WANTED,
        on=case.told_wants_mediation_on,
        actor=actor,
        summary=summary,
    )
    return case


@transaction.atomic
def mediation_agreement_terms_record(
    *,
    actor: Actor,
    case: MediationCase,
    order_type: str = "",
    other_timescale: str = "",
    council_told_on: date | None = None,
    today: date | None = None,
) -> MediationCase:
    """What an agreement on an appealable matter requires (reg 42(2): reg 44's limits from the
    agreement), a different timescale agreed in writing (42(5)), and the day the health body told
    us of an agreement we were not party to (42(4))."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    case = _locked_mediation(case)
    if case.end_result != MediationEnd.AGREEMENT or case.ended_on is None:
        raise ValidationError(NOT_AN_AGREEMENT)
    if order_type and order_type not in ORDER_KINDS_FOR_AGREEMENTS:
        raise ValidationError({"order_type": [AGREEMENT_KIND]})
    if council_told_on is not None:
        if not case.health_only:
            raise ValidationError({"council_told_on": [NOT_HEALTH_ONLY]})
        _check_date(
            council_told_on,
            today=today_or_local(today),
            field="council_told_on",
            after=case.ended_on,
            what="the agreement",
        )
    case.agreement_order_type = "" if case.agreement_non_appealable else order_type
    case.agreement_other_timescale = other_timescale.strip()
    case.council_told_of_agreement_on = council_told_on
    case.save(
        update_fields=[
            "agreement_order_type",
            "agreement_other_timescale",
            "council_told_of_agreement_on",
            "updated_at",
        ]
    )
    refresh_next_due(case)
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=case,
        child_id=case.child_id,
        summary="Mediation agreement: what it requires and by when",
    )
    return case


@transaction.atomic
def mediation_agreement_actioned(
    *, actor: Actor, case: MediationCase, on: date, today: date | None = None
) -> MediationCase:
    check_capability(actor, Capability.MANAGE_DISPUTES)
    case = _locked_mediation(case)
    if not case.agreement_has_clock or case.ended_on is None:
        raise ValidationError(NO_AGREEMENT_CLOCK)
    if case.agreement_actioned_on is not None:
        raise ValidationError(ALREADY_DONE)
    _check_date(
        on, today=today_or_local(today), field="on", after=case.ended_on, what="the agreement"
    )
    case.agreement_actioned_on = on
    case.save(update_fields=["agreement_actioned_on", "updated_at"])
    _step(mediation=case, kind=DisputeStepKind.AGREEMENT_ACTIONED, on=on, actor=actor)
    return case


@transaction.atomic
def mediation_close(
    *, actor: Actor, case: MediationCase, closed_on: date, reason: str, today: date | None = None
) -> MediationCase:
    """Close without going further (for example the family did not take it up)."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    case = _locked_mediation(case)
    _check_date(
        closed_on,
        today=today_or_local(today),
        field="closed_on",
        after=case.decision_notice_on,
        what="the decision notice",
    )
    if not reason.strip():
        raise ValidationError({"reason": [REASON_REQUIRED]})
    case.closed_on = closed_on
    case.closed_reason = reason.strip()
    case.save(update_fields=["closed_on", "closed_reason", "updated_at"])
    _step(
        mediation=case,
        kind=DisputeStepKind.MEDIATION_CLOSED,
        on=closed_on,
        actor=actor,
        reasons=reason,
    )
    return case


# ---------------------------------------------------------------------------- appeals


def _locked_appeal(appeal: Appeal) -> Appeal:
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
    if decision_sent_on > today:
        raise ValidationError({"decision_sent_on": [DATE_IN_FUTURE]})
    _check_request(child, assessment_request)
    if mediation is not None:
        if mediation.child_id != child.pk:
            raise ValidationError({"mediation": ["Choose a mediation case for this child"]})
        certificate_issued_on = certificate_issued_on or mediation.certificate_issued_on
    if certificate_issued_on is not None:
        _check_date(
            certificate_issued_on,
            today=today,
            field="certificate_issued_on",
            after=decision_sent_on,
            what="the decision notice",
        )
    _check_date(
        lodged_on,
        today=today,
        field="lodged_on",
        after=decision_sent_on,
        what="the decision notice",
    )
    appeal = Appeal.objects.create(
        child=child,
        assessment_request=assessment_request,
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
    _step(
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
    appeal = _locked_appeal(appeal)
    if appeal.outcome:
        raise ValidationError(APPEAL_DECIDED)
    if hearing_on < appeal.lodged_on:
        raise ValidationError(
            {
                "hearing_on": [
                    BEFORE.format(
                        what="the appeal was lodged", on=statutory.long_date(appeal.lodged_on)
                    )
                ]
            }
        )
    appeal.hearing_on = hearing_on
    appeal.save(update_fields=["hearing_on", "updated_at"])
    _step(
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
    appeal = _locked_appeal(appeal)
    if appeal.outcome:
        raise ValidationError(APPEAL_DECIDED)
    if outcome not in AppealOutcome.values:
        raise ValidationError({"outcome": ["Choose the outcome"]})
    after, what = appeal.lodged_on, "the appeal was lodged"
    if outcome in OUTCOMES_NEEDING_HEARING:
        if appeal.hearing_on is None:
            raise ValidationError({"outcome": [HEARING_FIRST]})
        after, what = appeal.hearing_on, "the hearing"
    _check_date(outcome_on, today=today_or_local(today), field="outcome_on", after=after, what=what)
    appeal.outcome = outcome
    appeal.outcome_on = outcome_on
    appeal.outcome_notes = notes.strip()
    appeal.save(update_fields=["outcome", "outcome_on", "outcome_notes", "updated_at"])
    _step(
        appeal=appeal,
        kind=DisputeStepKind.APPEAL_DECIDED,
        on=outcome_on,
        actor=actor,
        summary=appeal.get_outcome_display(),
        reasons=appeal.outcome_notes,
    )
    return appeal


@transaction.atomic
def appeal_order_record(
    *,
    actor: Actor,
    appeal: Appeal,
    order_type: str,
    order_on: date,
    details: str = "",
    today: date | None = None,
) -> Appeal:
    """Record the Tribunal's order: its compliance clocks (Regs 44(2)) start on `order_on`."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    appeal = _locked_appeal(appeal)
    if appeal.outcome not in OUTCOMES_WITH_ORDER:
        raise ValidationError(NO_ORDER_FOR_OUTCOME)
    if appeal.order_type:
        raise ValidationError(ORDER_ALREADY)
    if order_type not in OrderType.values:
        raise ValidationError({"order_type": [ORDER_TYPE_REQUIRED]})
    _check_date(
        order_on,
        today=today_or_local(today),
        field="order_on",
        after=appeal.hearing_on or appeal.lodged_on,
        what="the hearing" if appeal.hearing_on else "the appeal was lodged",
    )
    appeal.order_type = order_type
    appeal.order_on = order_on
    appeal.order_details = details.strip()
    appeal.save(update_fields=["order_type", "order_on", "order_details", "updated_at"])
    _step(
        appeal=appeal,
        kind=DisputeStepKind.ORDER_RECEIVED,
        on=order_on,
        actor=actor,
        summary=appeal.get_order_type_display(),
        reasons=appeal.order_details,
    )
    _tell_family_of_order(actor, appeal)
    return appeal


def _tell_family_of_order(actor: Actor, appeal: Appeal) -> None:
    clocks = order_clocks(appeal, done={}, exceptions={})
    if clocks:
        first = clocks[0]
        notification_send(
            actor=actor,
            template="tribunal_order_received",
            child=appeal.child,
            personalisation={
                "order_summary": ORDER_IN_WORDS[OrderType(appeal.order_type)],
                "first_step": FIRST_STEP_IN_WORDS[first.rule_id],
                "first_due": first.due_on,
            },
        )


NOT_OPPOSED_TYPE = "Choose what the council will now do"
ORDER_KINDS_FOR_AGREEMENTS = (
    OrderType.ASSESS,
    OrderType.MAKE_PLAN,
    OrderType.AMEND,
    OrderType.AMEND_SECTION_I,
)


@transaction.atomic
def appeal_not_opposed_record(
    *,
    actor: Actor,
    appeal: Appeal,
    told_on: date,
    order_type: str,
    details: str = "",
    today: date | None = None,
) -> Appeal:
    """We told the Tribunal we will not oppose the appeal (reg 45, as substituted by SI
    2015/359). The appeal is conceded, and reg 45's limits (2, 10 and 14 weeks for an
    assessment; 5 weeks for an amended plan) run from `told_on`. Kinds reg 45 does not time
    are recorded as "conceded" with the Tribunal's order instead (`NOT_OPPOSED_KINDS`)."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    appeal = _locked_appeal(appeal)
    if appeal.outcome:
        raise ValidationError(APPEAL_DECIDED)
    if order_type not in NOT_OPPOSED_KINDS:
        raise ValidationError({"order_type": [NOT_OPPOSED_TYPE]})
    _check_date(
        told_on,
        today=today_or_local(today),
        field="told_on",
        after=appeal.lodged_on,
        what="the appeal was lodged",
    )
    appeal.outcome = AppealOutcome.CONCEDED
    appeal.outcome_on = told_on
    appeal.unopposed_on = told_on
    appeal.order_type = order_type
    appeal.order_details = details.strip()
    appeal.save(
        update_fields=[
            "outcome",
            "outcome_on",
            "unopposed_on",
            "order_type",
            "order_details",
            "updated_at",
        ]
    )
    _step(
        appeal=appeal,
        kind=DisputeStepKind.APPEAL_DECIDED,
        on=told_on,
        actor=actor,
        summary=f"Not opposed: {appeal.get_order_type_display()}",
        reasons=appeal.order_details,
    )
    _tell_family_of_order(actor, appeal)
    return appeal


@transaction.atomic
def order_step_done(
    *,
    actor: Actor,
    appeal: Appeal,
    rule_id: str,
    done_on: date,
    notes: str = "",
    today: date | None = None,
) -> OrderStep:
    """Record one step of the order done; when every step that applies is done, the appeal is
    complied with."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    appeal = _locked_appeal(appeal)
    started = appeal.compliance_from
    if started is None or rule_id not in appeal.compliance_rules:
        raise ValidationError({"rule_id": [RULE_NOT_IN_ORDER]})
    applicable = {c.rule_id: c for c in order_clocks(appeal)}
    if rule_id not in applicable:
        raise ValidationError({"rule_id": [RULE_NOT_IN_ORDER]})
    if applicable[rule_id].done_on is not None:
        raise ValidationError(ALREADY_DONE)
    _check_date(
        done_on,
        today=today_or_local(today),
        field="done_on",
        after=started,
        what="the order" if started == appeal.order_on else "we told the Tribunal",
    )
    step = OrderStep.objects.create(
        appeal=appeal, rule_id=rule_id, done_on=done_on, notes=notes.strip(), recorded_by=actor
    )
    _step(
        appeal=appeal,
        kind=DisputeStepKind.ORDER_STEP_DONE,
        on=done_on,
        actor=actor,
        summary=statutory.get_rule(rule_id).title,
        reasons=step.notes,
    )
    remaining = [c for c in order_clocks(appeal) if c.is_open]
    if not remaining:
        appeal.compliant_on = done_on
        appeal.save(update_fields=["compliant_on", "updated_at"])
    return step


EXCEPTION_NOT_FOR_ORDER = "That reason does not lift the order's time limits (regulation 44(3))"
EXCEPTION_ALREADY = "An exception is already recorded for this step"
END_BEFORE_START = "The end date must be on or after the start date"
EVIDENCE_REQUIRED = "Describe the evidence for the exception"
START_BEFORE_ORDER = "The exception cannot start before the order ({on})"


@transaction.atomic
def order_exception_record(
    *,
    actor: Actor,
    appeal: Appeal,
    rule_id: str,
    ground: str,
    starts_on: date,
    evidence: str,
    ends_on: date | None = None,
    today: date | None = None,
) -> OrderStepException:
    """Record a reg 44(3) exception on one step of the order: complying within the time limit
    was impractical because of exceptional personal circumstances, absence from the area for
    2 weeks or more, or the school or college being closed. The appeal shows the limit lifted
    and why; reports count such steps apart. Nothing is lifted silently."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    appeal = _locked_appeal(appeal)
    started = appeal.compliance_from
    if started is None:
        raise ValidationError({"rule_id": [RULE_NOT_IN_ORDER]})
    applicable = {c.rule_id: c for c in order_clocks(appeal)}
    if rule_id not in applicable:
        raise ValidationError({"rule_id": [RULE_NOT_IN_ORDER]})
    rule = statutory.get_rule(rule_id)
    if ground not in {g.code.value for g in rule.exceptions}:
        raise ValidationError({"ground": [EXCEPTION_NOT_FOR_ORDER]})
    if applicable[rule_id].exception is not None:
        raise ValidationError(EXCEPTION_ALREADY)
    today = today_or_local(today)
    if starts_on < started:
        raise ValidationError(
            {"starts_on": [START_BEFORE_ORDER.format(on=statutory.long_date(started))]}
        )
    if starts_on > today:
        raise ValidationError({"starts_on": [DATE_IN_FUTURE]})
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": [END_BEFORE_START]})
    if not evidence.strip():
        raise ValidationError({"evidence": [EVIDENCE_REQUIRED]})
    exception = OrderStepException.objects.create(
        appeal=appeal,
        rule_id=rule_id,
        ground=ground,
        starts_on=starts_on,
        ends_on=ends_on,
        evidence=evidence.strip(),
        recorded_by=actor,
    )
    _step(
        appeal=appeal,
        kind=DisputeStepKind.ORDER_EXCEPTION,
        on=starts_on,
        actor=actor,
        summary=f"{rule.title}: {statutory.StatutoryException(ground).label}",
        reasons=exception.evidence,
    )
    return exception
