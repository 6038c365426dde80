"""Every change to a cease decision: validated against the law, atomic, audited, told.

The steps follow SEND Regulations 2014, reg 31: tell and consult the family and the setting,
decide and send the notice (with the right of appeal, its deadline from
`statutory.appeal_deadline`, and mediation), then cease. While an appeal is pending the plan
stays maintained (CFA s45(3)): it is ceased only once the time to appeal has passed with no
appeal, or the appeal was dismissed or withdrawn. Whether a reason is allowed at the child's
age comes from `opensend.statutory.cease_check`.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability
from opensend.casework.services import MEDIATION_CONTACT
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import check_date
from opensend.disputes.models import Appeal, AppealOutcome, AppealType
from opensend.notify.services import notification_send, notification_send_to_organisation
from opensend.people.codes import SettingKind
from opensend.people.models import Child, Enrolment, Setting
from opensend.plans.models import EHCPlan, PlanStatus
from opensend.reviews.codes import (
    OPEN_AMENDMENT_STATUSES,
    OPEN_CESSATION_STATUSES,
    OPEN_REVIEW_STAGES,
    AmendmentStatus,
    CeaseReason,
    CessationStatus,
    ReviewStage,
)
from opensend.reviews.models import Amendment, AnnualReview, Cessation, PhaseTransfer
from opensend.reviews.shared import audit_change, create_once, locked
from opensend.statutory.ceasing import ADULT_AGE

NOT_FINAL = "Only a final EHC plan that is being maintained can be ceased"
ALREADY_OPEN = "We are already considering ceasing this plan"
CEASE_REASON_REQUIRED = "Choose the reason for ceasing the plan"
DETAILS_REQUIRED = "Explain why the plan is no longer needed"
REVIEW_FIRST = (
    "Hold a review first. For a young person aged 18 or over who has left education or "
    "training, we may stop the plan only after a review that finds they do not want to go "
    "back, or that going back would not be right for them (SEND Regulations 2014, reg 30)"
)
REVIEW_NOT_THIS_PLAN = "Choose a review of this plan"
NOT_OPEN = "This cease decision is closed"
ALREADY_CONSULTED = "The consultation has already been recorded"
SETTING_DATE_REQUIRED = "Enter the date we consulted the setting named in the plan"
CONSULT_FIRST = "Record the consultation with the family and the setting before deciding"
ALREADY_DECIDED = "The decision has already been sent"
DECIDE_FIRST = "Send the decision notice before recording an appeal"
APPEAL_ALREADY = "An appeal is already linked to this decision"
APPEAL_NOT_THIS_CHILD = "Choose a ceasing appeal for this child"
APPEAL_BEFORE_DECISION = "The appeal cannot be about a decision sent before this one"
APPEAL_PENDING = (
    "The appeal has not been decided. The plan must be kept while the appeal is pending "
    "(Children and Families Act 2014, s45(3))"
)
APPEAL_ALLOWED = (
    "The Tribunal did not agree that the plan should stop ({outcome}). Record that the plan "
    "continues instead"
)
APPEAL_WINDOW_OPEN = (
    "The family can still appeal until {due}. The plan can be ceased from the day after"
)
NOT_DECIDED = "Decide and send the notice before ceasing the plan"
CLOSE_REASON_REQUIRED = "Enter why the plan is not being ceased"
CLOSE_WAIT_FOR_APPEAL = "Record the appeal's outcome first"

ENDED_APPEAL = {AppealOutcome.DISMISSED, AppealOutcome.WITHDRAWN}
ALLOWED_APPEAL = {AppealOutcome.ALLOWED, AppealOutcome.CONCEDED}


def _locked(cessation: Cessation) -> Cessation:
    return locked(cessation, "plan", "child", "appeal", "plan__named_setting")


def _check_open(cessation: Cessation) -> None:
    if not cessation.is_open:
        raise ValidationError(NOT_OPEN)


def _save(cessation: Cessation, fields: list[str]) -> None:
    cessation.save(update_fields=[*fields, "updated_at"])


def reasons_in_words(cessation: Cessation) -> str:
    """The SEN2 reason and the details, for letters and screens."""
    details = cessation.details.strip().rstrip(".")
    return f"{cessation.get_reason_display()}. {details}."


def _named_setting(cessation: Cessation) -> Setting | None:
    return cessation.plan.named_setting


def _review_held_as_adult(plan: EHCPlan, review: AnnualReview | None) -> bool:
    dob = plan.child.date_of_birth
    reviews = (
        [review]
        if review is not None
        else list(AnnualReview.objects.filter(plan=plan).exclude(held_on=None))
    )
    return any(
        r.held_on is not None and statutory.age_on(dob, r.held_on) >= ADULT_AGE for r in reviews
    )


@transaction.atomic
def attends_further_education(child: Child) -> bool:
    """Whether the child's main placement now is a college (an institution in the further
    education sector), whose academic year ends on 31 July for s46 (reg 46)."""
    return Enrolment.objects.filter(
        child=child, is_main=True, ended_on__isnull=True, setting__kind=SettingKind.COLLEGE
    ).exists()


def cease_check_for(child: Child, reason: str, on: date) -> statutory.CeaseCheck:
    """The legal test for this child, with the right academic year end (reg 46)."""
    return statutory.cease_check(
        reason,
        child.date_of_birth,
        on,
        further_education=attends_further_education(child),
    )


def cessation_start(
    *,
    actor: Actor,
    plan: EHCPlan,
    reason: str,
    details: str,
    review: AnnualReview | None = None,
    today: date | None = None,
) -> Cessation:
    """Start considering ceasing a plan, after checking the reason is lawful at the child's age.

    Called from a review decision of "cease" (with the review) or from the plan's page.
    """
    check_capability(actor, Capability.MANAGE_REVIEWS)
    today = today_or_local(today)
    plan = locked(plan, "child")
    if plan.status != PlanStatus.FINAL:
        raise ValidationError(NOT_FINAL)
    if reason not in CeaseReason.values:
        raise ValidationError({"reason": [CEASE_REASON_REQUIRED]})
    if not details.strip():
        raise ValidationError({"details": [DETAILS_REQUIRED]})
    if review is not None and review.plan_id != plan.pk:
        raise ValidationError({"review": [REVIEW_NOT_THIS_PLAN]})
    check = cease_check_for(plan.child, reason, today)
    if not check.allowed:
        raise ValidationError({"reason": [check.cited]})
    if check.review_required and not _review_held_as_adult(plan, review):
        raise ValidationError({"reason": [REVIEW_FIRST]})
    if Cessation.objects.filter(plan=plan, status__in=OPEN_CESSATION_STATUSES).exists():
        raise ValidationError(ALREADY_OPEN)
    cessation = create_once(
        Cessation,
        ALREADY_OPEN,
        plan=plan,
        child=plan.child,
        review=review,
        reason=reason,
        details=details.strip(),
        caseworker_id=plan.child.caseworker_id,
    )
    summary = f"Considering ceasing: {cessation.get_reason_display()}"
    audit_change(actor, cessation, summary, create=True)
    return cessation


@transaction.atomic
def cessation_consultation_record(
    *,
    actor: Actor,
    cessation: Cessation,
    family_consulted_on: date,
    setting_consulted_on: date | None = None,
    consultation_notes: str = "",
    today: date | None = None,
) -> Cessation:
    """We told the family and the setting we are thinking of ceasing, and asked their views
    (reg 31(1)). The family gets the plain-English letter; the setting an email."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    today = today_or_local(today)
    cessation = _locked(cessation)
    _check_open(cessation)
    if cessation.family_consulted_on is not None:
        raise ValidationError(ALREADY_CONSULTED)
    check_date(family_consulted_on, today=today, field="family_consulted_on")
    setting = _named_setting(cessation)
    if setting_consulted_on is None and setting is not None:
        raise ValidationError({"setting_consulted_on": [SETTING_DATE_REQUIRED]})
    if setting_consulted_on is not None:
        check_date(setting_consulted_on, today=today, field="setting_consulted_on")
    cessation.family_consulted_on = family_consulted_on
    cessation.setting_consulted_on = setting_consulted_on
    cessation.consultation_notes = consultation_notes.strip()
    _save(cessation, ["family_consulted_on", "setting_consulted_on", "consultation_notes"])
    audit_change(actor, cessation, "Family and setting consulted")
    reasons = reasons_in_words(cessation)
    notification_send(
        actor=actor,
        template="cessation_proposed",
        child=cessation.child,
        personalisation={"reasons": reasons},
    )
    if setting is not None:
        notification_send_to_organisation(
            actor=actor,
            template="cessation_setting_consulted",
            organisation=setting,
            child=cessation.child,
            personalisation={"setting_name": setting.name, "reasons": reasons},
        )
    return cessation


@transaction.atomic
def cessation_decide(
    *, actor: Actor, cessation: Cessation, decided_on: date, today: date | None = None
) -> Cessation:
    """Decide to cease and send the notice: the reasons, the right of appeal with its deadline,
    and mediation (reg 31(2)–(3)). The plan stays in place until the appeal time has passed."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    today = today_or_local(today)
    cessation = _locked(cessation)
    _check_open(cessation)
    if cessation.status != CessationStatus.PROPOSED:
        raise ValidationError(ALREADY_DECIDED)
    if cessation.family_consulted_on is None:
        raise ValidationError(CONSULT_FIRST)
    consulted = max(d for d in (cessation.family_consulted_on, cessation.setting_consulted_on) if d)
    check_date(
        decided_on, today=today, field="decided_on", after=consulted, what="the consultation"
    )
    appeal_due = statutory.appeal_deadline_explained(decided_on)
    cessation.status = CessationStatus.DECIDED
    cessation.decided_on = decided_on
    cessation.next_due_on = appeal_due.last_day
    _save(cessation, ["status", "decided_on", "next_due_on"])
    audit_change(actor, cessation, f"Decided to cease; notice sent {decided_on.isoformat()}")
    reasons = reasons_in_words(cessation)
    notification_send(
        actor=actor,
        template="cessation_decided",
        child=cessation.child,
        personalisation={
            "reasons": reasons,
            "appeal_due": appeal_due,
            "mediation_contact": MEDIATION_CONTACT,
        },
    )
    setting = _named_setting(cessation)
    if setting is not None:
        notification_send_to_organisation(
            actor=actor,
            template="cessation_decided_setting",
            organisation=setting,
            child=cessation.child,
            personalisation={"appeal_due": appeal_due},
        )
    return cessation


def _link(actor: Actor, cessation: Cessation, appeal: Appeal) -> Cessation:
    cessation.appeal = appeal
    cessation.status = CessationStatus.APPEALED
    cessation.next_due_on = appeal.hearing_on
    _save(cessation, ["appeal", "status", "next_due_on"])
    audit_change(actor, cessation, "Appealed: the plan is kept while the appeal is decided")
    return cessation


def _check_can_link(cessation: Cessation) -> None:
    _check_open(cessation)
    if cessation.appeal_id is not None:
        raise ValidationError(APPEAL_ALREADY)
    if cessation.status != CessationStatus.DECIDED or cessation.decided_on is None:
        raise ValidationError(DECIDE_FIRST)


@transaction.atomic
def cessation_appeal_lodge(
    *,
    actor: Actor,
    cessation: Cessation,
    lodged_on: date,
    grounds: str = "",
    tribunal_reference: str = "",
    today: date | None = None,
) -> Cessation:
    """Record the family's appeal against the decision (a disputes Appeal of type "ceasing")."""
    from opensend.disputes.services import appeal_lodge

    check_capability(actor, Capability.MANAGE_REVIEWS)
    cessation = _locked(cessation)
    _check_can_link(cessation)
    assert cessation.decided_on is not None  # noqa: S101 - checked above
    appeal = appeal_lodge(
        actor=actor,
        child=cessation.child,
        appeal_type=AppealType.CEASING,
        decision_sent_on=cessation.decided_on,
        lodged_on=lodged_on,
        grounds=grounds,
        tribunal_reference=tribunal_reference,
        today=today,
    )
    return _link(actor, cessation, appeal)


@transaction.atomic
def cessation_appeal_link(
    *, actor: Actor, cessation: Cessation, appeal: Appeal, today: date | None = None
) -> Cessation:
    """Link an appeal already recorded in disputes."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    cessation = _locked(cessation)
    _check_can_link(cessation)
    assert cessation.decided_on is not None  # noqa: S101 - checked above
    if appeal.child_id != cessation.child_id or appeal.appeal_type != AppealType.CEASING:
        raise ValidationError({"appeal": [APPEAL_NOT_THIS_CHILD]})
    if appeal.decision_sent_on < cessation.decided_on:
        raise ValidationError({"appeal": [APPEAL_BEFORE_DECISION]})
    return _link(actor, cessation, appeal)


def cease_blocker(cessation: Cessation, on: date) -> str:
    """Why the plan cannot be ceased on ``on`` ("" when it can)."""
    if not cessation.is_open:
        return NOT_OPEN
    if cessation.decided_on is None:
        return NOT_DECIDED
    appeal = cessation.appeal
    if appeal is not None:
        if not appeal.outcome:
            return APPEAL_PENDING
        if appeal.outcome in ALLOWED_APPEAL:
            return APPEAL_ALLOWED.format(outcome=appeal.get_outcome_display().lower())
        return ""
    due = statutory.appeal_deadline(cessation.decided_on)
    if on <= due:
        return APPEAL_WINDOW_OPEN.format(due=statutory.long_date(due))
    return ""


def _close_open_work(actor: Actor, plan: EHCPlan, why: str, on: date) -> None:
    """A ceased plan has no open reviews, transfers or amendments: close each, audited."""
    for review in AnnualReview.objects.filter(plan=plan, stage__in=OPEN_REVIEW_STAGES):
        old = review.stage
        AnnualReview.objects.filter(pk=review.pk).update(
            stage=ReviewStage.CANCELLED, cancelled_reason=why, next_due_on=None
        )
        audit_change(actor, review, "Review cancelled: plan ceased", {"stage": [old, "cancelled"]})
    for transfer in PhaseTransfer.objects.filter(plan=plan, not_transferring_reason="").exclude(
        amendment__status=AmendmentStatus.ISSUED
    ):
        PhaseTransfer.objects.filter(pk=transfer.pk).update(not_transferring_reason=why)
        audit_change(actor, transfer, "Transfer closed: plan ceased")
    for amendment in Amendment.objects.filter(plan=plan, status__in=OPEN_AMENDMENT_STATUSES):
        old = amendment.status
        Amendment.objects.filter(pk=amendment.pk).update(
            status=AmendmentStatus.WITHDRAWN, closed_on=on, closed_reason=why, next_due_on=None
        )
        audit_change(
            actor, amendment, "Amendment withdrawn: plan ceased", {"status": [old, "withdrawn"]}
        )


@transaction.atomic
def cessation_cease(
    *, actor: Actor, cessation: Cessation, ceased_on: date, today: date | None = None
) -> Cessation:
    """Cease the plan: only once no appeal is pending. The family is told."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    today = today_or_local(today)
    cessation = _locked(cessation)
    _check_open(cessation)
    if cessation.decided_on is None:
        raise ValidationError(NOT_DECIDED)
    after, what = cessation.decided_on, "the decision"
    if cessation.appeal is not None and cessation.appeal.outcome_on is not None:
        after, what = cessation.appeal.outcome_on, "the appeal was decided"
    check_date(ceased_on, today=today, field="ceased_on", after=after, what=what)
    blocker = cease_blocker(cessation, ceased_on)
    if blocker:
        raise ValidationError(blocker)
    cessation.status = CessationStatus.CEASED
    cessation.ceased_on = ceased_on
    cessation.next_due_on = None
    _save(cessation, ["status", "ceased_on", "next_due_on"])
    audit_change(actor, cessation, f"Plan ceased on {ceased_on.isoformat()}")
    plan = locked(cessation.plan)
    plan.status = PlanStatus.CEASED
    plan.save(update_fields=["status", "updated_at"])
    audit_change(
        actor,
        plan,
        f"Plan ceased: {cessation.get_reason_display()}",
        {"status": [PlanStatus.FINAL.label, PlanStatus.CEASED.label]},
    )
    _close_open_work(
        actor, plan, f"The plan was ceased on {statutory.long_date(ceased_on)}", ceased_on
    )
    notification_send(
        actor=actor,
        template="plan_ceased",
        child=cessation.child,
        personalisation={"ceased_on": ceased_on},
    )
    return cessation


@transaction.atomic
def cessation_close(
    *, actor: Actor, cessation: Cessation, reason: str, today: date | None = None
) -> Cessation:
    """Not ceasing after all: the council changed its mind, or the appeal was allowed. The plan
    carries on, and the family is told."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    cessation = _locked(cessation)
    _check_open(cessation)
    if cessation.appeal is not None and not cessation.appeal.outcome:
        raise ValidationError(CLOSE_WAIT_FOR_APPEAL)
    if not reason.strip():
        raise ValidationError({"reason": [CLOSE_REASON_REQUIRED]})
    cessation.status = CessationStatus.NOT_CEASED
    cessation.closed_reason = reason.strip()
    cessation.next_due_on = None
    _save(cessation, ["status", "closed_reason", "next_due_on"])
    audit_change(actor, cessation, "Not ceasing: the plan continues")
    if cessation.family_consulted_on is not None:
        notification_send(
            actor=actor,
            template="cessation_withdrawn",
            child=cessation.child,
            personalisation={"reasons": cessation.closed_reason},
        )
    return cessation
