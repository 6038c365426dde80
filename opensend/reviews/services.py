"""Every change to an annual review: validated, atomic and audited.

Each function checks the step is allowed now (in order, not twice, dates that make sense) and
raises a ValidationError a caseworker or SENCO can act on; nothing changes when it does. Every
date comes from `opensend.statutory` through `reviews.annual_clocks`, and every service keeps the
`next_due_on` cache up to date so queues sort in SQL. The family hears about each step in plain
English (`opensend.notify`).

A final plan always has exactly one open review: the first is planned when the final plan is
issued (`final_plan_issue`, which issues it through `plans.services.final_issue` and schedules
the review in one transaction) and each decision plans the next. A decision to amend starts an
amendment (`reviews.amendments.services`); a decision to cease starts a cease decision
(`reviews.ceasing.services`).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from opensend import statutory
from opensend.accounts.models import Organisation
from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.models import Action
from opensend.audit.services import audit_record, field_changes, snapshot
from opensend.casework.services import appeal_rights
from opensend.core import uploads
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import DATE_IN_FUTURE, check_date
from opensend.notify.services import family_recipients, notification_send
from opensend.plans import services as plan_services
from opensend.plans.models import AdulthoodArea, EHCPlan
from opensend.reviews.access import may_lead
from opensend.reviews.amendments.services import (
    SUMMARY_REQUIRED,
    amendment_propose,
    amendment_start,
)
from opensend.reviews.annual_clocks import review_clocks
from opensend.reviews.ceasing.services import cessation_start
from opensend.reviews.codes import (
    AmendmentSource,
    ContributionKind,
    ReviewDecision,
    ReviewLead,
    ReviewStage,
)
from opensend.reviews.models import (
    AnnualReview,
    OutcomeProgress,
    ProgressRating,
    ReviewContribution,
    ReviewInvitation,
)
from opensend.reviews.scheduling import (  # final_plan_issue, review_schedule_first: re-exported
    final_plan_issue,  # noqa: F401
    review_create,
    review_schedule_first,  # noqa: F401
)
from opensend.reviews.shared import audit_change, locked, save_with_next_due, update_audited

REVIEW_CANCELLED = "This review was cancelled: it cannot change now"
MEETING_ALREADY_HELD = "The meeting has already been held"
MEETING_FIRST = "Set the date of the review meeting first"
INVITATIONS_ALREADY = "The invitations have already been sent"
INVITATIONS_FIRST = "Send the invitations before recording the meeting"
INVITE_AFTER_MEETING = "Invitations must be sent before the meeting ({on})"
HELD_FIRST = "Record the review meeting first"
REPORT_ALREADY = "The review report has already been sent"
DECIDED_ALREADY = "The decision has already been made"
DECISION_BEFORE_MEETING = "The council decides after the review meeting has been held"
CHOOSE_DECISION = "Choose the decision"
CHOOSE_RECOMMENDATION = "Choose what the meeting recommends"
REASONS_REQUIRED = "Enter the reasons"
VIEWS_REQUIRED = "Write the views or advice, or upload a document"
GIVEN_BY_REQUIRED = "Enter who gave the views or advice"
CHOOSE_KIND = "Choose whose views or advice these are"
NAME_REQUIRED = "Enter the name of the person to invite"
PFA_REPORT_REQUIRED = (
    "From Year 9 the review must cover preparing for adulthood: write about {area}"
)
PFA_OUTCOMES_MISSING = (
    "From Year 9 the plan must have a preparing-for-adulthood outcome for {areas}. The plan "
    "cannot be kept as it is: decide to amend it"
)
CEASE_DETAILS_REQUIRED = "Choose the reason for ceasing and explain it"

ADULTHOOD_FIELDS = {
    AdulthoodArea.EMPLOYMENT: "adulthood_employment",
    AdulthoodArea.INDEPENDENT_LIVING: "adulthood_independent_living",
    AdulthoodArea.COMMUNITY: "adulthood_community",
    AdulthoodArea.HEALTH: "adulthood_health",
}
PFA_YEAR = 9
REPORT_FIELDS = [
    "child_views",
    "family_views",
    "progress",
    "adulthood_notes",
    *ADULTHOOD_FIELDS.values(),
    "recommendation",
    "recommended_changes",
    "report_sent_on",
]


def _require_lead(actor: Actor, review: AnnualReview) -> None:
    if not may_lead(review, actor):
        raise PermissionDenied


def _locked_review(review: AnnualReview) -> AnnualReview:
    return locked(review, "plan", "child", "setting")


def _check_open(review: AnnualReview) -> None:
    if review.stage == ReviewStage.DECIDED:
        raise ValidationError(DECIDED_ALREADY)
    if not review.is_open:
        raise ValidationError(REVIEW_CANCELLED)


def _save_review(review: AnnualReview, fields: Sequence[str]) -> None:
    save_with_next_due(review, fields, review_clocks(review))


# ---------------------------------------------------------------------------- review steps


@transaction.atomic
def review_meeting_set(
    *, actor: Actor, review: AnnualReview, meeting_on: date, today: date | None = None
) -> AnnualReview:
    """Set (or move) the meeting date; the invitation clock starts from it."""
    _require_lead(actor, review)
    review = _locked_review(review)
    _check_open(review)
    if review.held_on is not None:
        raise ValidationError(MEETING_ALREADY_HELD)
    issued = review.plan.issued_on
    check_date(meeting_on, today=None, field="meeting_on", after=issued, what="the plan was issued")
    update_audited(
        actor, review, "Review meeting date set", {"meeting_on": meeting_on}, save=_save_review
    )
    return review


@dataclass(frozen=True)
class Invitee:
    name: str
    role: str
    email: str = ""
    organisation: Organisation | None = None


@transaction.atomic
def review_invitations_send(
    *,
    actor: Actor,
    review: AnnualReview,
    sent_on: date,
    invitees: Iterable[Invitee] = (),
    today: date | None = None,
) -> list[ReviewInvitation]:
    """Invite the family (always) and everyone chosen; late is allowed, and shown as late."""
    _require_lead(actor, review)
    review = _locked_review(review)
    _check_open(review)
    if review.meeting_on is None:
        raise ValidationError(MEETING_FIRST)
    if review.invitations_sent_on is not None:
        raise ValidationError(INVITATIONS_ALREADY)
    check_date(sent_on, today=today_or_local(today), field="sent_on")
    if sent_on >= review.meeting_on:
        raise ValidationError(
            {"sent_on": [INVITE_AFTER_MEETING.format(on=statutory.long_date(review.meeting_on))]}
        )
    chosen = list(invitees)
    for invitee in chosen:
        if not invitee.name.strip():
            raise ValidationError({"other_name": [NAME_REQUIRED]})
    family = [
        Invitee(
            name=r.name, role=ContributionKind.FAMILY, email=r.address if "@" in r.address else ""
        )
        for r in family_recipients(review.child, today=sent_on)
    ] or [Invitee(name=f"The family of {review.child.full_name}", role=ContributionKind.FAMILY)]
    invitations = ReviewInvitation.objects.bulk_create(
        [
            ReviewInvitation(
                review=review,
                name=i.name.strip()[:200],
                role=i.role,
                email=i.email.strip(),
                organisation=i.organisation,
                sent_on=sent_on,
            )
            for i in [*family, *chosen]
        ]
    )
    review.invitations_sent_on = sent_on
    review.stage = ReviewStage.INVITED
    _save_review(review, ["invitations_sent_on", "stage"])
    audit_change(
        actor, review, f"Invitations sent to {len(invitations)} people ({sent_on.isoformat()})"
    )
    notification_send(
        actor=actor,
        template="review_invitation",
        child=review.child,
        personalisation={
            "meeting_on": review.meeting_on,
            "led_by": review.setting.name
            if review.led_by == ReviewLead.SETTING and review.setting
            else "the SEND team",
            "report_due": statutory.due("review_report", review.meeting_on),
            "decision_due": statutory.due("review_decision", review.meeting_on),
        },
    )
    return invitations


@transaction.atomic
def review_contribution_add(
    *,
    actor: Actor,
    review: AnnualReview,
    kind: str,
    given_by: str,
    received_on: date,
    text: str = "",
    document: UploadedFile | uploads.CheckedUpload | None = None,
    today: date | None = None,
) -> ReviewContribution:
    """Views or advice for the review, as text, an uploaded document, or both."""
    _require_lead(actor, review)
    review = _locked_review(review)
    _check_open(review)
    errors: dict[str, list[str]] = {}
    if kind not in ContributionKind.values:
        errors["kind"] = [CHOOSE_KIND]
    if not given_by.strip():
        errors["given_by"] = [GIVEN_BY_REQUIRED]
    try:
        checked = uploads.checked_or_error(document)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        checked = None
    if not text.strip() and not document:
        errors["text"] = [VIEWS_REQUIRED]
    if received_on > today_or_local(today):
        errors["received_on"] = [DATE_IN_FUTURE]
    if errors:
        raise ValidationError(errors)
    contribution = ReviewContribution(
        review=review,
        kind=kind,
        given_by=given_by.strip()[:200],
        received_on=received_on,
        text=text.strip(),
        recorded_by=actor,
    )
    if checked:
        uploads.attach_document(contribution, checked)
    try:
        contribution.save()
    except Exception:
        uploads.delete_stored(contribution.document)
        raise
    audit_record(actor=actor, action=Action.CREATE, obj=contribution, child_id=review.child_id)
    return contribution


@transaction.atomic
def review_meeting_held(
    *,
    actor: Actor,
    review: AnnualReview,
    held_on: date,
    attended_ids: Iterable[int] = (),
    today: date | None = None,
) -> AnnualReview:
    """The meeting took place: who came. The report and decision clocks count from this day."""
    _require_lead(actor, review)
    review = _locked_review(review)
    _check_open(review)
    if review.held_on is not None:
        raise ValidationError(MEETING_ALREADY_HELD)
    if review.invitations_sent_on is None:
        raise ValidationError(INVITATIONS_FIRST)
    check_date(
        held_on,
        today=today_or_local(today),
        field="held_on",
        after=review.invitations_sent_on,
        what="the invitations were sent",
    )
    came = {int(i) for i in attended_ids}
    invitations = list(review.invitations.all())
    for invitation in invitations:
        invitation.attended = invitation.pk in came
    ReviewInvitation.objects.bulk_update(invitations, ["attended"])
    update_audited(
        actor,
        review,
        f"Review meeting held ({held_on.isoformat()}), {len(came)} attended",
        {"meeting_on": held_on, "held_on": held_on, "stage": ReviewStage.HELD},
        save=_save_review,
    )
    return review


def pfa_required(review: AnnualReview) -> bool:
    """Year 9 and later on the meeting date: preparing for adulthood must be covered."""
    on = review.meeting_on or review.due_by
    return statutory.national_curriculum_year(review.child.date_of_birth, on) >= PFA_YEAR


@transaction.atomic
def review_report_submit(
    *,
    actor: Actor,
    review: AnnualReview,
    report_sent_on: date,
    recommendation: str,
    child_views: str = "",
    family_views: str = "",
    progress: str = "",
    recommended_changes: str = "",
    adulthood_notes: str = "",
    adulthood_employment: str = "",
    adulthood_independent_living: str = "",
    adulthood_community: str = "",
    adulthood_health: str = "",
    outcome_progress: Sequence[tuple[Any, str, str]] = (),
    today: date | None = None,
) -> AnnualReview:
    """The report goes to everyone invited (2 weeks after the meeting) and the family is told.
    `outcome_progress`: (outcome, rating, note) for the plan's outcomes, kept with the words of
    each outcome as they stood (Code of Practice 9.166)."""
    _require_lead(actor, review)
    review = _locked_review(review)
    _check_open(review)
    if review.held_on is None:
        raise ValidationError(HELD_FIRST)
    if review.report_sent_on is not None:
        raise ValidationError(REPORT_ALREADY)
    check_date(
        report_sent_on,
        today=today_or_local(today),
        field="report_sent_on",
        after=review.held_on,
        what="the meeting",
    )
    values = {
        "child_views": child_views,
        "family_views": family_views,
        "progress": progress,
        "recommended_changes": recommended_changes,
        "adulthood_notes": adulthood_notes,
        "adulthood_employment": adulthood_employment,
        "adulthood_independent_living": adulthood_independent_living,
        "adulthood_community": adulthood_community,
        "adulthood_health": adulthood_health,
    }
    errors: dict[str, list[str]] = {}
    if recommendation not in ReviewDecision.values:
        errors["recommendation"] = [CHOOSE_RECOMMENDATION]
    if pfa_required(review):
        for area, field in ADULTHOOD_FIELDS.items():
            if not values[field].strip():
                errors[field] = [PFA_REPORT_REQUIRED.format(area=area.label.lower())]
    for outcome, rating, _note in outcome_progress:
        if outcome.plan_id != review.plan_id:
            errors["__all__"] = ["Rate only the outcomes in this child's plan"]
        if rating not in ProgressRating.values:
            errors[f"outcome_{outcome.pk}_rating"] = ["Choose the progress towards this outcome"]
    if errors:
        raise ValidationError(errors)
    OutcomeProgress.objects.bulk_create(
        OutcomeProgress(
            review=review,
            outcome=outcome,
            outcome_text=outcome.description,
            rating=rating,
            note=note.strip(),
        )
        for outcome, rating, note in outcome_progress
    )
    before = snapshot(review, REPORT_FIELDS)
    for name, value in values.items():
        setattr(review, name, value.strip())
    review.recommendation = recommendation
    review.report_sent_on = report_sent_on
    review.stage = ReviewStage.REPORTED
    _save_review(review, [*REPORT_FIELDS, "stage"])
    audit_change(actor, review, "Review report sent", field_changes(review, before, REPORT_FIELDS))
    assert review.meeting_on is not None  # noqa: S101 - held implies a meeting date
    notification_send(
        actor=actor,
        template="review_report_sent",
        child=review.child,
        personalisation={
            "meeting_on": review.meeting_on,
            "recommendation": ReviewDecision(recommendation).label.lower(),
            "decision_due": statutory.due("review_decision", review.meeting_on),
        },
    )
    return review


def missing_pfa_areas(plan: EHCPlan) -> list[str]:
    """The preparing-for-adulthood areas the plan has no outcome for."""
    have = set(plan.outcomes.values_list("preparing_for_adulthood_area", flat=True))
    return [area.label.lower() for area in ADULTHOOD_FIELDS if area.value not in have]


@transaction.atomic
def review_decide(
    *,
    actor: Actor,
    review: AnnualReview,
    decision: str,
    decided_on: date,
    reasons: str,
    amendment_summary: str = "",
    amendment_evidence: str = "",
    cease_reason: str = "",
    cease_details: str = "",
    today: date | None = None,
) -> AnnualReview:
    """The council's decision within 4 weeks of the meeting: maintain, amend (the proposals go
    with the decision) or cease. The next review is planned from the meeting date."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    today = today_or_local(today)
    review = _locked_review(review)
    _check_open(review)
    if review.held_on is None:
        raise ValidationError(DECISION_BEFORE_MEETING)
    errors: dict[str, list[str]] = {}
    if decision not in ReviewDecision.values:
        errors["decision"] = [CHOOSE_DECISION]
    if not reasons.strip():
        errors["reasons"] = [REASONS_REQUIRED]
    if decision == ReviewDecision.AMEND and not amendment_summary.strip():
        errors["amendment_summary"] = [SUMMARY_REQUIRED]
    if decision == ReviewDecision.CEASE and not (cease_reason and cease_details.strip()):
        errors["cease_details"] = [CEASE_DETAILS_REQUIRED]
    if errors:
        raise ValidationError(errors)
    check_date(
        decided_on, today=today, field="decided_on", after=review.held_on, what="the meeting"
    )
    plan = plan_services.plan_lock(review.plan)
    if decision == ReviewDecision.MAINTAIN and pfa_required(review):
        missing = missing_pfa_areas(plan)
        if missing:
            raise ValidationError(
                {"decision": [PFA_OUTCOMES_MISSING.format(areas=", ".join(missing))]}
            )
    update_audited(
        actor,
        review,
        f"Decision: {ReviewDecision(decision).label}",
        {
            "decision": decision,
            "decided_on": decided_on,
            "decision_reasons": reasons.strip(),
            "decided_by": actor,
            "stage": ReviewStage.DECIDED,
        },
        save=_save_review,
    )
    assert review.held_on is not None  # noqa: S101 - checked above
    next_review = review_create(actor=actor, plan=plan, trigger=review.held_on, first=False)
    if decision == ReviewDecision.MAINTAIN:
        notification_send(
            actor=actor,
            template="review_decision_maintain",
            child=review.child,
            personalisation={
                "next_review_due": next_review.due_by,
                **appeal_rights(decided_on),
            },
        )
    elif decision == ReviewDecision.AMEND:
        amendment = amendment_start(
            actor=actor,
            plan=plan,
            source=AmendmentSource.REVIEW,
            summary=amendment_summary,
            evidence=amendment_evidence,
            review=review,
            meeting_on=review.held_on,
            today=today,
        )
        amendment_propose(actor=actor, amendment=amendment, proposed_on=decided_on, today=today)
    else:
        cessation_start(
            actor=actor,
            plan=plan,
            reason=cease_reason,
            details=cease_details,
            review=review,
            today=today,
        )
    return review
