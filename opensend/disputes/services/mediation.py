"""Mediation after a decision the family may appeal (CFA s52-55, SEND Regulations 2014 regs
32-42): the adviser, the family's choice, holding it (by us, or by the health body when it is
only about health care), how it ended, the certificate, and acting on an agreement."""

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
from opensend.core.validation import REASON_REQUIRED, check_date, check_not_future
from opensend.disputes.models import (
    ORDER_KINDS_FOR_AGREEMENTS,
    DisputeStepKind,
    MediationCase,
    MediationEnd,
)
from opensend.disputes.services._shared import (
    ALREADY_DONE,
    check_request,
    check_review,
    record_step,
    refresh_next_due,
)
from opensend.notify.services import notification_send
from opensend.people.models import Child

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
HEALTH_NOT_WANTED = "Record first that the family wants mediation"
NOT_AN_AGREEMENT = "Record first that the mediation ended in an agreement"
AGREEMENT_KIND = "Choose what the agreement requires us to do"
NOT_HEALTH_ONLY = "Only the health body tells us of an agreement, in mediation about health only"


def _locked_mediation(case: MediationCase) -> MediationCase:
    case = (
        MediationCase.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=case.pk)
    )
    if case.closed_on is not None:
        raise ValidationError(MEDIATION_CLOSED)
    return case


def _wanted_on(case: MediationCase, message: str) -> date:
    """The day we were told the family wants mediation: the steps that follow need it."""
    if not case.wants_mediation or case.told_wants_mediation_on is None:
        raise ValidationError(message)
    return case.told_wants_mediation_on


def _record_date(
    actor: Actor,
    case: MediationCase,
    attr: str,
    on: date,
    kind: DisputeStepKind,
    *,
    today: date | None,
    field: str,
    after: date,
    what: str,
) -> MediationCase:
    """A step that is one date on the case: checked (not future, not before `after`), saved
    and recorded for the timeline."""
    check_date(on, today=today_or_local(today), field=field, after=after, what=what)
    setattr(case, attr, on)
    case.save(update_fields=[attr, "updated_at"])
    record_step(mediation=case, kind=kind, on=on, actor=actor)
    return case


@transaction.atomic
def mediation_create(
    *,
    actor: Actor,
    child: Child,
    decision_notice_on: date,
    about: str,
    assessment_request: AssessmentRequest | None = None,
    review: Model | None = None,
    adviser_contacted_on: date | None = None,
    today: date | None = None,
) -> MediationCase:
    """Open a mediation case after a decision notice; the family has 2 months to contact the
    mediation adviser (reg 33)."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    today = today_or_local(today)
    check_not_future(decision_notice_on, today=today, field="decision_notice_on")
    if not about.strip():
        raise ValidationError({"about": ["Enter what the disagreement is about"]})
    check_request(child, assessment_request)
    check_review(child, review)
    if adviser_contacted_on is not None:
        check_date(
            adviser_contacted_on,
            today=today,
            field="adviser_contacted_on",
            after=decision_notice_on,
            what="the decision notice",
        )
    case = MediationCase.objects.create(
        child=child,
        assessment_request=assessment_request,
        review_id=review.pk if review is not None else None,
        decision_notice_on=decision_notice_on,
        about=about.strip(),
        adviser_contacted_on=adviser_contacted_on,
    )
    audit_record(actor=actor, action=Action.CREATE, obj=case, child_id=child.pk)
    record_step(
        mediation=case,
        kind=DisputeStepKind.MEDIATION_OPENED,
        on=decision_notice_on,
        actor=actor,
        summary=case.about,
    )
    if adviser_contacted_on is not None:
        record_step(
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
    return _record_date(
        actor,
        case,
        "adviser_contacted_on",
        contacted_on,
        DisputeStepKind.ADVISER_CONTACTED,
        today=today,
        field="contacted_on",
        after=case.decision_notice_on,
        what="the decision notice",
    )


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
    check_date(
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
    record_step(
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
    told = _wanted_on(case, NOT_WANTED)
    if case.held_on is not None or case.ended_on is not None:
        raise ValidationError(ALREADY_DONE)
    return _record_date(
        actor,
        case,
        "held_on",
        held_on,
        DisputeStepKind.MEDIATION_HELD,
        today=today,
        field="held_on",
        after=told,
        what="we were told the family wants mediation",
    )


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
    told = _wanted_on(case, NOT_WANTED)
    if case.ended_on is not None:
        raise ValidationError(ALREADY_DONE)
    if result not in MediationEnd.values:
        raise ValidationError({"result": ["Choose how the mediation ended"]})
    if result != MediationEnd.COULD_NOT_ARRANGE and case.held_on is None:
        raise ValidationError({"result": [HELD_FIRST]})
    after = case.held_on or told
    check_date(
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
    record_step(
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
    _record_date(
        actor,
        case,
        "certificate_issued_on",
        issued_on,
        DisputeStepKind.CERTIFICATE_ISSUED,
        today=today,
        field="issued_on",
        after=trigger,
        what="mediation ended or was declined",
    )
    notification_send(
        actor=actor,
        template="mediation_certificate_issued",
        child=case.child,
        personalisation={
            "appeal_due": statutory.appeal_deadline_explained(case.decision_notice_on, issued_on),
        },
    )
    return case


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
    told = _wanted_on(case, HEALTH_NOT_WANTED)
    if health_body_told_on is not None:
        check_date(
            health_body_told_on,
            today=today_or_local(today),
            field="health_body_told_on",
            after=told,
            what="we were told the family wants mediation",
        )
    case.includes_health = True
    case.health_only = health_only
    case.health_body_told_on = health_body_told_on
    case.save(update_fields=["includes_health", "health_only", "health_body_told_on", "updated_at"])
    summary = "About health care only" if health_only else "Includes health care"
    if health_body_told_on is not None:
        summary += f"; health body told {health_body_told_on.isoformat()}"
    record_step(
        mediation=case,
        kind=DisputeStepKind.MEDIATION_WANTED,
        on=told,
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
        check_date(
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
    return _record_date(
        actor,
        case,
        "agreement_actioned_on",
        on,
        DisputeStepKind.AGREEMENT_ACTIONED,
        today=today,
        field="on",
        after=case.ended_on,
        what="the agreement",
    )


@transaction.atomic
def mediation_close(
    *, actor: Actor, case: MediationCase, closed_on: date, reason: str, today: date | None = None
) -> MediationCase:
    """Close without going further (for example the family did not take it up)."""
    check_capability(actor, Capability.MANAGE_DISPUTES)
    case = _locked_mediation(case)
    check_date(
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
    record_step(
        mediation=case,
        kind=DisputeStepKind.MEDIATION_CLOSED,
        on=closed_on,
        actor=actor,
        reasons=reason,
    )
    return case
