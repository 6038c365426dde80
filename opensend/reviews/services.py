"""Every change to an annual review or an amendment: validated, atomic and audited.

Each function checks the step is allowed now (in order, not twice, dates that make sense) and
raises a ValidationError a caseworker or SENCO can act on; nothing changes when it does. Every
date comes from `opensend.statutory` through `opensend.reviews.clocks`, and every service keeps
the `next_due_on` cache up to date so queues sort in SQL. The family hears about each step in
plain English (`opensend.notify`).

A final plan always has exactly one open review: the first is planned when the final plan is
issued (`review_schedule_first`, called by `plans.services.final_issue`) and each decision plans
the next. Amending the plan (`amendment_*`) makes its content editable through the plan pages
until the amended plan is issued as a new `PlanVersion` (`plans.services.plan_version_issue`).
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
from opensend.accounts.permissions import Capability, access_for, check_capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record, field_changes, snapshot
from opensend.casework.services import MEDIATION_CONTACT
from opensend.core import uploads
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.notify.services import family_recipients, notification_send
from opensend.people.models import Setting
from opensend.plans import services as plan_services
from opensend.plans.models import AdulthoodArea, EHCPlan, PlanStatus
from opensend.plans.selectors import is_family_of
from opensend.reviews.clocks import (
    amendment_clocks,
    order_amend_rule,
    representations_end,
    review_clocks,
    review_lead_for,
    soonest_open,
)
from opensend.reviews.models import (
    OPEN_AMENDMENT_STATUSES,
    OPEN_REVIEW_STAGES,
    Amendment,
    AmendmentRepresentation,
    AmendmentSource,
    AmendmentStatus,
    AnnualReview,
    ContributionKind,
    ReviewContribution,
    ReviewDecision,
    ReviewInvitation,
    ReviewLead,
    ReviewStage,
)

DATE_IN_FUTURE = "The date cannot be in the future"
BEFORE = "The date cannot be before {what} ({on})"
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
SUMMARY_REQUIRED = "Enter the changes you propose and why"
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
NOT_FINAL = "Only a final plan can be amended"
AMENDMENT_OPEN = "This plan is already being amended: finish or withdraw that amendment first"
AMENDMENT_CLOSED = "This amendment is {status}: it cannot change now"
ALREADY_PROPOSED = "The proposals have already been sent"
PROPOSE_FIRST = "Send the proposals to the family first"
WINDOW_CLOSED = (
    "The time to comment on the proposed changes ended on {due}. Please contact the SEND "
    "team: they can still add your comments"
)
WINDOW_OPEN = (
    "The family has until {due} to comment on the proposed changes. Record their comments "
    "first, or issue the amended plan after that date"
)
NAMED_SETTING_REQUIRED = "Choose the school, college or other setting to name in the plan"
CHOOSE_SOURCE = "Choose why the plan is being amended"
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


def _check_date(
    on: date, *, today: date | None, field: str, after: date | None = None, what: str = ""
) -> None:
    if today is not None and on > today:
        raise ValidationError({field: [DATE_IN_FUTURE]})
    if after is not None and on < after:
        raise ValidationError({field: [BEFORE.format(what=what, on=statutory.long_date(after))]})


def _require_lead(actor: Actor, review: AnnualReview) -> None:
    """Caseworkers run any review; a SENCO only a setting-led review at their own setting."""
    if user_can(actor, Capability.MANAGE_REVIEWS):
        return
    if not user_can(actor, Capability.LEAD_REVIEWS):
        raise PermissionDenied
    if (
        review.led_by != ReviewLead.SETTING
        or review.setting_id not in access_for(actor).setting_ids
    ):
        raise PermissionDenied


def _locked_review(review: AnnualReview) -> AnnualReview:
    return (
        AnnualReview.objects.select_for_update(of=("self",))
        .select_related("plan", "child", "setting")
        .get(pk=review.pk)
    )


def _check_open(review: AnnualReview) -> None:
    if review.stage == ReviewStage.DECIDED:
        raise ValidationError(DECIDED_ALREADY)
    if not review.is_open:
        raise ValidationError(REVIEW_CANCELLED)


def _save_review(review: AnnualReview, fields: Sequence[str]) -> None:
    """Save the changed fields and the `next_due_on` cache together."""
    review.next_due_on = soonest_open(review_clocks(review)) if review.is_open else None
    review.save(update_fields=[*fields, "next_due_on", "updated_at"])


def _audit(
    actor: Actor, obj: Any, summary: str, changes: Any = None, *, create: bool = False
) -> None:
    audit_record(
        actor=actor,
        action=Action.CREATE if create else Action.UPDATE,
        obj=obj,
        child_id=obj.child_id,
        summary=summary,
        changes=changes,
    )


# ---------------------------------------------------------------------------- scheduling


def _review_create(*, actor: Actor, plan: EHCPlan, trigger: date, first: bool) -> AnnualReview:
    due = statutory.review_due_choice(
        date_of_birth=plan.child.date_of_birth, trigger=trigger, first=first
    )
    setting = plan.named_setting
    review = AnnualReview(
        plan=plan,
        child=plan.child,
        kind=due.kind,
        led_by=review_lead_for(setting.kind if setting else None),
        setting=setting,
        caseworker_id=plan.child.caseworker_id,
        stage=ReviewStage.PLANNED,
        due_by=due.due_by,
        due_rule=due.rule_id,
        due_from=due.trigger,
    )
    review.next_due_on = soonest_open(review_clocks(review))
    review.save()
    _audit(actor, review, f"Review planned: held by {due.due_by.isoformat()}", create=True)
    return review


@transaction.atomic
def review_schedule_first(*, actor: Actor, plan: EHCPlan, issued_on: date) -> AnnualReview:
    """The first review of a new final plan: 12 months (6 for an under-5) from the plan."""
    existing = AnnualReview.objects.filter(plan=plan, stage__in=OPEN_REVIEW_STAGES).first()
    if existing is not None:
        return existing
    return _review_create(actor=actor, plan=plan, trigger=issued_on, first=True)


@transaction.atomic
def final_plan_issue(
    *,
    actor: Actor,
    plan: EHCPlan,
    issued_on: date,
    named_setting: Setting | None,
    today: date | None = None,
) -> EHCPlan:
    """Issue the final plan (`plans.services.final_issue`) and schedule its first review, in one
    transaction: if either fails, neither happens."""
    plan = plan_services.final_issue(
        actor=actor, plan=plan, issued_on=issued_on, named_setting=named_setting, today=today
    )
    review_schedule_first(actor=actor, plan=plan, issued_on=issued_on)
    return plan


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
    _check_date(
        meeting_on, today=None, field="meeting_on", after=issued, what="the plan was issued"
    )
    before = snapshot(review, ["meeting_on"])
    review.meeting_on = meeting_on
    _save_review(review, ["meeting_on"])
    _audit(actor, review, "Review meeting date set", field_changes(review, before, ["meeting_on"]))
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
    _check_date(sent_on, today=today_or_local(today), field="sent_on")
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
    _audit(actor, review, f"Invitations sent to {len(invitations)} people ({sent_on.isoformat()})")
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
    _check_date(
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
    before = snapshot(review, ["meeting_on", "held_on", "stage"])
    review.meeting_on = held_on
    review.held_on = held_on
    review.stage = ReviewStage.HELD
    _save_review(review, ["meeting_on", "held_on", "stage"])
    _audit(
        actor,
        review,
        f"Review meeting held ({held_on.isoformat()}), {len(came)} attended",
        field_changes(review, before, ["meeting_on", "held_on", "stage"]),
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
    today: date | None = None,
) -> AnnualReview:
    """The report goes to everyone invited (2 weeks after the meeting) and the family is told."""
    _require_lead(actor, review)
    review = _locked_review(review)
    _check_open(review)
    if review.held_on is None:
        raise ValidationError(HELD_FIRST)
    if review.report_sent_on is not None:
        raise ValidationError(REPORT_ALREADY)
    _check_date(
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
    if errors:
        raise ValidationError(errors)
    before = snapshot(review, REPORT_FIELDS)
    for name, value in values.items():
        setattr(review, name, value.strip())
    review.recommendation = recommendation
    review.report_sent_on = report_sent_on
    review.stage = ReviewStage.REPORTED
    _save_review(review, [*REPORT_FIELDS, "stage"])
    _audit(actor, review, "Review report sent", field_changes(review, before, REPORT_FIELDS))
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
    _check_date(
        decided_on, today=today, field="decided_on", after=review.held_on, what="the meeting"
    )
    plan = plan_services.plan_lock(review.plan)
    if decision == ReviewDecision.MAINTAIN and pfa_required(review):
        missing = missing_pfa_areas(plan)
        if missing:
            raise ValidationError(
                {"decision": [PFA_OUTCOMES_MISSING.format(areas=", ".join(missing))]}
            )
    fields = ["decision", "decided_on", "decision_reasons", "decided_by", "stage"]
    before = snapshot(review, fields)
    review.decision = decision
    review.decided_on = decided_on
    review.decision_reasons = reasons.strip()
    review.decided_by = actor
    review.stage = ReviewStage.DECIDED
    _save_review(review, fields)
    _audit(
        actor,
        review,
        f"Decision: {review.get_decision_display()}",
        field_changes(review, before, fields),
    )
    assert review.held_on is not None  # noqa: S101 - checked above
    next_review = _review_create(actor=actor, plan=plan, trigger=review.held_on, first=False)
    if decision == ReviewDecision.MAINTAIN:
        notification_send(
            actor=actor,
            template="review_decision_maintain",
            child=review.child,
            personalisation={
                "next_review_due": next_review.due_by,
                "appeal_due": statutory.appeal_deadline_explained(decided_on),
                "mediation_contact": MEDIATION_CONTACT,
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
        from opensend.reviews.ceasing.services import cessation_start  # T's module

        cessation_start(
            actor=actor,
            plan=plan,
            reason=cease_reason,
            details=cease_details,
            review=review,
            today=today,
        )
    return review


# ---------------------------------------------------------------------------- amendments


def _locked_amendment(amendment: Amendment) -> Amendment:
    return (
        Amendment.objects.select_for_update(of=("self",))
        .select_related("plan", "child", "appeal", "review")
        .get(pk=amendment.pk)
    )


def _check_amendment_open(amendment: Amendment) -> None:
    if not amendment.is_open:
        raise ValidationError(
            AMENDMENT_CLOSED.format(status=amendment.get_status_display().lower())
        )


def _save_amendment(amendment: Amendment, fields: Sequence[str]) -> None:
    amendment.next_due_on = soonest_open(amendment_clocks(amendment)) if amendment.is_open else None
    amendment.save(update_fields=[*fields, "next_due_on", "updated_at"])


AMEND_ORDERS = ("amend", "amend_section_i")
NOT_AN_ORDER_TO_AMEND = "Choose an appeal for this child whose Tribunal order is to amend the plan"
TRIBUNAL_SOURCE = "An amendment for a Tribunal order must say it is for a Tribunal order"


def _check_order_to_amend(
    appeal: Any, *, plan: EHCPlan, source: str, errors: dict[str, list[str]]
) -> None:
    """An order-led amendment is for this child's appeal with an order to amend (reg 44(2))."""
    if appeal.child_id != plan.child_id or appeal.order_type not in AMEND_ORDERS:
        errors["appeal"] = [NOT_AN_ORDER_TO_AMEND]
    elif source != AmendmentSource.TRIBUNAL:
        errors["source"] = [TRIBUNAL_SOURCE]


@transaction.atomic
def amendment_start(
    *,
    actor: Actor,
    plan: EHCPlan,
    source: str,
    summary: str,
    evidence: str = "",
    review: AnnualReview | None = None,
    appeal: Any = None,
    meeting_on: date | None = None,
    today: date | None = None,
) -> Amendment:
    """Start changing a final plan: its content becomes editable until the amended plan is
    issued (or the amendment is withdrawn). Phase transfers and Tribunal orders use this too."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    plan = plan_services.plan_lock(plan)
    if plan.status != PlanStatus.FINAL:
        raise ValidationError(NOT_FINAL)
    errors: dict[str, list[str]] = {}
    if source not in AmendmentSource.values:
        errors["source"] = [CHOOSE_SOURCE]
    if not summary.strip():
        errors["summary"] = [SUMMARY_REQUIRED]
    if appeal is not None:
        _check_order_to_amend(appeal, plan=plan, source=source, errors=errors)
    if errors:
        raise ValidationError(errors)
    if Amendment.objects.filter(plan=plan, status__in=OPEN_AMENDMENT_STATUSES).exists():
        raise ValidationError(AMENDMENT_OPEN)
    amendment = Amendment(
        plan=plan,
        child=plan.child,
        source=source,
        review=review,
        appeal=appeal,
        caseworker_id=plan.child.caseworker_id,
        summary=summary.strip(),
        evidence=evidence.strip(),
        meeting_on=meeting_on,
        base_version=plan.version,
    )
    amendment.next_due_on = soonest_open(amendment_clocks(amendment))
    amendment.save()
    _audit(actor, amendment, f"Amendment started ({amendment.get_source_display()})", create=True)
    return amendment


@transaction.atomic
def amendment_propose(
    *, actor: Actor, amendment: Amendment, proposed_on: date, today: date | None = None
) -> Amendment:
    """Send the proposals and evidence: the family has 15 days to comment (reg 22(2))."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    amendment = _locked_amendment(amendment)
    _check_amendment_open(amendment)
    if amendment.proposed_on is not None:
        raise ValidationError(ALREADY_PROPOSED)
    _check_date(
        proposed_on,
        today=today_or_local(today),
        field="proposed_on",
        after=amendment.meeting_on,
        what="the review meeting",
    )
    amendment.proposed_on = proposed_on
    amendment.status = AmendmentStatus.PROPOSED
    _save_amendment(amendment, ["proposed_on", "status"])
    _audit(actor, amendment, f"Proposed changes sent ({proposed_on.isoformat()})")
    notification_send(
        actor=actor,
        template="amendment_proposed",
        child=amendment.child,
        personalisation={
            "summary": amendment.summary,
            "comments_due": representations_end(proposed_on),
            "issue_due": statutory.due("issue_amended_plan", proposed_on),
        },
    )
    return amendment


@transaction.atomic
def amendment_representation_record(
    *,
    actor: Actor,
    amendment: Amendment,
    made_on: date,
    made_by: str,
    comments: str,
    preferred_setting: Setting | None = None,
    wants_meeting: bool = False,
    today: date | None = None,
) -> AmendmentRepresentation:
    """The family's comments on the proposals and a setting they ask for; after the 15 days
    only the SEND team can add them."""
    staff = user_can(actor, Capability.MANAGE_REVIEWS)
    if not staff and not is_family_of(actor, amendment.child):
        raise PermissionDenied
    today = today_or_local(today)
    amendment = _locked_amendment(amendment)
    _check_amendment_open(amendment)
    if amendment.proposed_on is None:
        raise ValidationError(PROPOSE_FIRST)
    plan_services.check_comments(
        comments=comments,
        preferred_setting=preferred_setting,
        made_by=made_by,
        made_on=made_on,
        today=today,
        since=amendment.proposed_on,
        too_early=BEFORE.format(
            what="the proposals were sent", on=statutory.long_date(amendment.proposed_on)
        ),
    )
    window_end = representations_end(amendment.proposed_on)
    if not staff and window_end is not None and today > window_end:
        raise ValidationError(WINDOW_CLOSED.format(due=statutory.long_date(window_end)))
    representation = AmendmentRepresentation.objects.create(
        amendment=amendment,
        made_on=made_on,
        made_by=made_by.strip()[:200],
        comments=comments.strip(),
        preferred_setting=preferred_setting,
        wants_meeting=wants_meeting,
        recorded_by=actor,
    )
    audit_record(actor=actor, action=Action.CREATE, obj=representation, child_id=amendment.child_id)
    _save_amendment(amendment, [])
    return representation


@transaction.atomic
def amendment_issue(
    *,
    actor: Actor,
    amendment: Amendment,
    issued_on: date,
    named_setting: Setting | None = None,
    today: date | None = None,
) -> Amendment:
    """Issue the amended plan as a new version. Late against the 8-week or 12-week clock is
    shown, not blocked. A Tribunal order to amend is complied with by this step."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    today = today_or_local(today)
    amendment = _locked_amendment(amendment)
    _check_amendment_open(amendment)
    if amendment.proposed_on is None:
        raise ValidationError(PROPOSE_FIRST)
    _check_date(
        issued_on,
        today=today,
        field="issued_on",
        after=amendment.proposed_on,
        what="the proposals were sent",
    )
    window_end = representations_end(amendment.proposed_on)
    if (
        window_end is not None
        and issued_on <= window_end
        and not amendment.representations.exists()
    ):
        raise ValidationError(
            {"issued_on": [WINDOW_OPEN.format(due=statutory.long_date(window_end))]}
        )
    plan = plan_services.plan_lock(amendment.plan)
    setting = named_setting or plan.named_setting
    if setting is None:
        raise ValidationError({"named_setting": [NAMED_SETTING_REQUIRED]})
    open_review = AnnualReview.objects.filter(plan=plan, stage__in=OPEN_REVIEW_STAGES).first()
    review_due = (
        open_review.due_by if open_review else statutory.due("next_annual_review", issued_on)
    )
    version = plan_services.plan_version_issue(
        actor=actor,
        plan=plan,
        issued_on=issued_on,
        named_setting=setting,
        template="amended_plan_for_professionals",
        review_due=review_due,
    )
    amendment.status = AmendmentStatus.ISSUED
    amendment.issued_on = issued_on
    amendment.issued_version = version.version
    amendment.closed_on = issued_on
    _save_amendment(amendment, ["status", "issued_on", "issued_version", "closed_on"])
    _audit(actor, amendment, f"Amended plan issued: version {version.version}")
    if open_review is not None and open_review.setting_id != setting.pk:
        open_review.setting = setting
        open_review.led_by = review_lead_for(setting.kind)
        _save_review(open_review, ["setting", "led_by"])
    notification_send(
        actor=actor,
        template="amended_plan_issued",
        child=amendment.child,
        personalisation={
            "version": version.version,
            "setting_name": setting.name,
            "review_due": review_due,
            "appeal_due": statutory.appeal_deadline_explained(issued_on),
            "mediation_contact": MEDIATION_CONTACT,
        },
    )
    appeal = amendment.appeal
    rule_id = order_amend_rule(appeal)
    if appeal is not None and rule_id is not None:
        from opensend.disputes import services as disputes_services

        if not appeal.order_steps.filter(rule_id=rule_id).exists():
            disputes_services.order_step_done(
                actor=actor, appeal=appeal, rule_id=rule_id, done_on=issued_on, today=today
            )
    return amendment


def _close(
    actor: Actor,
    amendment: Amendment,
    *,
    status: str,
    closed_on: date,
    reason: str,
    today: date | None,
) -> Amendment:
    check_capability(actor, Capability.MANAGE_REVIEWS)
    amendment = _locked_amendment(amendment)
    _check_amendment_open(amendment)
    if not reason.strip():
        raise ValidationError({"reason": [REASONS_REQUIRED]})
    _check_date(closed_on, today=today_or_local(today), field="closed_on")
    amendment.status = status
    amendment.closed_on = closed_on
    amendment.closed_reason = reason.strip()
    _save_amendment(amendment, ["status", "closed_on", "closed_reason"])
    plan = plan_services.plan_lock(amendment.plan)
    plan_services.plan_content_restore(actor=actor, plan=plan, version=amendment.base_version)
    _audit(actor, amendment, f"Amendment closed: {amendment.get_status_display()}")
    return amendment


@transaction.atomic
def amendment_not_amended(
    *,
    actor: Actor,
    amendment: Amendment,
    decided_on: date,
    reasons: str,
    today: date | None = None,
) -> Amendment:
    """Decided not to amend after all: the family is told why, with their right of appeal. The
    plan's content goes back to the version the proposals would have changed."""
    amendment = _close(
        actor,
        amendment,
        status=AmendmentStatus.NOT_AMENDED,
        closed_on=decided_on,
        reason=reasons,
        today=today,
    )
    notification_send(
        actor=actor,
        template="amendment_not_made",
        child=amendment.child,
        personalisation={
            "reasons": amendment.closed_reason,
            "appeal_due": statutory.appeal_deadline_explained(decided_on),
            "mediation_contact": MEDIATION_CONTACT,
        },
    )
    return amendment


@transaction.atomic
def amendment_withdraw(
    *,
    actor: Actor,
    amendment: Amendment,
    withdrawn_on: date,
    reason: str,
    today: date | None = None,
) -> Amendment:
    """Withdraw an amendment started in error (no notification: nothing was decided); the plan's
    content goes back to the version it would have changed."""
    return _close(
        actor,
        amendment,
        status=AmendmentStatus.WITHDRAWN,
        closed_on=withdrawn_on,
        reason=reason,
        today=today,
    )
