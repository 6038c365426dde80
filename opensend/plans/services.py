"""Every change to an EHC plan: validated, atomic and audited.

A draft's content (needs, outcomes, provision, sections A, I and J) can be added, changed and
removed: that is writing a draft, not deleting a record. Once a final plan is issued its
content is kept as an immutable `PlanVersion` and the plan changes only through a new version
(reviews and amendments). Serving the draft and issuing the final plan also move the case on
(`casework.services.case_record_draft_issued` / `case_record_final_issued`) and tell the family,
with every date from `opensend.statutory`.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from opensend import statutory
from opensend.accounts.models import Organisation
from opensend.accounts.permissions import Capability, check_capability, user_can
from opensend.accounts.roles import OrganisationKind
from opensend.audit.models import Action
from opensend.audit.services import audit_record, field_changes, snapshot
from opensend.casework import services as casework_services
from opensend.casework.models import AssessmentRequest, FamilyViews, Stage
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.notify.services import notification_send, notification_send_to_address
from opensend.people.models import Setting
from opensend.plans.checks import blocking
from opensend.plans.clocks import representations_due
from opensend.plans.content import plan_content
from opensend.plans.models import (
    BROAD_AREAS,
    AdulthoodArea,
    CanMeetNeeds,
    Consultation,
    EHCPlan,
    Need,
    NeedArea,
    NeedSection,
    Outcome,
    PlacementType,
    PlanStatus,
    PlanVersion,
    Provision,
    ProvisionSection,
    Representation,
)
from opensend.plans.selectors import is_family_of, plan_is_amending, plan_warnings_for

DATE_IN_FUTURE = "The date cannot be in the future"
NOT_A_DRAFT = (
    "This plan has been issued as a final plan: its content can only change through a "
    "review or amendment"
)
PLAN_CEASED = "This plan has ceased: no setting can be consulted about it"
WRONG_STAGE = "A draft plan can only be started once we have decided to issue a plan"
PLAN_EXISTS = "This assessment already has a plan"
DESCRIPTION_REQUIRED = "Enter a description"
SECTION_REQUIRED = "Choose the section"
AREA_REQUIRED = "Choose the area of need"
BROAD_AREA_ONLY = "Special educational needs use one of the four broad areas of need"
NOT_THIS_PLAN = "Choose from this plan's {what}"
DRAFT_NOT_ISSUED = "The draft plan has not been issued yet"
DRAFT_ALREADY_ISSUED = "The draft plan has already been issued"
NO_REQUEST = "Only a plan started from an assessment can be issued here"
CANNOT_ISSUE = "The plan cannot be issued yet: {problems}"
NAMED_SETTING_REQUIRED = "Choose the school, college or other setting to name in the plan"
FINAL_BEFORE_DRAFT = "The final plan cannot be issued before the draft ({draft})"
WINDOW_OPEN = (
    "The family has until {due} to comment on the draft. Record their comments first, or "
    "issue the final plan after that date"
)
COMMENT_REQUIRED = "Write your comments, or choose a school or college"
MADE_BY_REQUIRED = "Enter who made the comments"
COMMENT_BEFORE_DRAFT = "Comments cannot be dated before the draft was issued ({draft})"
WINDOW_CLOSED = (
    "The time to comment on the draft plan ended on {due}. Please contact the SEND team: "
    "they can still add your comments"
)
OPEN_CONSULTATION = "We are already waiting for {setting} to reply"
CONSULTATION_BEFORE_DECISION = "The consultation cannot be before the decision to issue ({on})"
ALREADY_RESPONDED = "This reply has already been recorded"
RESPONSE_BEFORE_SENT = "The reply cannot be before we asked ({sent})"
AMOUNT_NEGATIVE = "The amount must be £0 or more"

NEED_FIELDS = ["section", "area", "description"]
OUTCOME_FIELDS = ["description", "by_when", "preparing_for_adulthood_area"]
PROVISION_FIELDS = [
    "section",
    "description",
    "provided_by",
    "frequency",
    "duration",
    "group_size",
    "location",
]
DEFAULT_AREAS: dict[str, str] = {
    NeedSection.C.value: NeedArea.HEALTH.value,
    NeedSection.D.value: NeedArea.SOCIAL_CARE.value,
}
SECTION_A = ["about_me", "what_matters", "aspirations", "communication"]


def _locked(plan: EHCPlan) -> EHCPlan:
    return (
        EHCPlan.objects.select_for_update(of=("self",))
        .select_related("child", "request", "named_setting")
        .get(pk=plan.pk)
    )


def _check_draft(plan: EHCPlan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(NOT_A_DRAFT)


def _check_editable(plan: EHCPlan) -> None:
    """A draft, or a final plan with an amendment open: issued versions stay as they were."""
    if plan.status != PlanStatus.DRAFT and not plan_is_amending(plan):
        raise ValidationError(NOT_A_DRAFT)


def _check_not_future(on: date, *, today: date, field: str) -> None:
    if on > today:
        raise ValidationError({field: [DATE_IN_FUTURE]})


def _audit_plan(actor: Actor, plan: EHCPlan, *, summary: str, changes: Any = None) -> None:
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=plan,
        child_id=plan.child_id,
        summary=summary,
        changes=changes,
    )


def _check_issuable(plan: EHCPlan, *, on: date) -> None:
    hard = blocking(plan_warnings_for(plan, on=on))
    if hard:
        raise ValidationError(CANNOT_ISSUE.format(problems="; ".join(w.message for w in hard)))


@transaction.atomic
def plan_draft_start(*, actor: Actor, request: AssessmentRequest) -> EHCPlan:
    """Start the draft plan once we have decided to issue one; section A from the family's views."""
    check_capability(actor, Capability.MANAGE_CASES)
    request = AssessmentRequest.objects.select_for_update().get(pk=request.pk)
    if request.stage != Stage.DRAFTING:
        raise ValidationError(WRONG_STAGE)
    if EHCPlan.objects.filter(request=request).exists():
        raise ValidationError(PLAN_EXISTS)
    views = FamilyViews.objects.filter(request=request).first()
    plan = EHCPlan.objects.create(
        child_id=request.child_id,
        request=request,
        **{name: getattr(views, name) if views else "" for name in SECTION_A},
    )
    audit_record(actor=actor, action=Action.CREATE, obj=plan, child_id=plan.child_id)
    return plan


@transaction.atomic
def plan_section_a_update(
    *,
    actor: Actor,
    plan: EHCPlan,
    about_me: str,
    what_matters: str = "",
    aspirations: str = "",
    communication: str = "",
) -> EHCPlan:
    check_capability(actor, Capability.MANAGE_CASES)
    plan = _locked(plan)
    _check_editable(plan)
    before = snapshot(plan, SECTION_A)
    plan.about_me, plan.what_matters = about_me, what_matters
    plan.aspirations, plan.communication = aspirations, communication
    plan.save(update_fields=[*SECTION_A, "updated_at"])
    _audit_plan(
        actor, plan, summary="Section A changed", changes=field_changes(plan, before, SECTION_A)
    )
    return plan


@transaction.atomic
def plan_details_update(
    *,
    actor: Actor,
    plan: EHCPlan,
    placement_type: str = "",
    personal_budget_amount: Decimal | None = None,
    personal_budget_description: str = "",
) -> EHCPlan:
    """Section I (the kind of placement) and section J (the personal budget)."""
    check_capability(actor, Capability.MANAGE_CASES)
    plan = _locked(plan)
    _check_editable(plan)
    if placement_type and placement_type not in PlacementType.values:
        raise ValidationError({"placement_type": ["Choose the kind of placement"]})
    if personal_budget_amount is not None and personal_budget_amount < 0:
        raise ValidationError({"personal_budget_amount": [AMOUNT_NEGATIVE]})
    fields = ["placement_type", "personal_budget_amount", "personal_budget_description"]
    before = snapshot(plan, fields)
    plan.placement_type = placement_type
    plan.personal_budget_amount = personal_budget_amount
    plan.personal_budget_description = personal_budget_description
    plan.save(update_fields=[*fields, "updated_at"])
    _audit_plan(
        actor, plan, summary="Sections I and J changed", changes=field_changes(plan, before, fields)
    )
    return plan


# --- Needs (sections B, C, D) ---


def _clean_need(section: str, area: str, description: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    if section not in NeedSection.values:
        errors["section"] = [SECTION_REQUIRED]
    if not area:
        area = DEFAULT_AREAS.get(section, "")
    if area not in NeedArea.values:
        errors["area"] = [AREA_REQUIRED]
    elif section == NeedSection.B and area not in BROAD_AREAS:
        errors["area"] = [BROAD_AREA_ONLY]
    if not description.strip():
        errors["description"] = [DESCRIPTION_REQUIRED]
    if errors:
        raise ValidationError(errors)
    return area, description.strip()


@transaction.atomic
def need_add(
    *, actor: Actor, plan: EHCPlan, section: str, description: str, area: str = ""
) -> Need:
    check_capability(actor, Capability.MANAGE_CASES)
    plan = _locked(plan)
    _check_editable(plan)
    area, description = _clean_need(section, area, description)
    need = Need.objects.create(plan=plan, section=section, area=area, description=description)
    audit_record(actor=actor, action=Action.CREATE, obj=need, child_id=plan.child_id)
    return need


@transaction.atomic
def need_update(
    *, actor: Actor, need: Need, section: str, description: str, area: str = ""
) -> Need:
    check_capability(actor, Capability.MANAGE_CASES)
    plan = _locked(need.plan)
    _check_editable(plan)
    area, description = _clean_need(section, area, description)
    before = snapshot(need, NEED_FIELDS)
    need.section, need.area, need.description = section, area, description
    need.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=need,
        child_id=plan.child_id,
        changes=field_changes(need, before, NEED_FIELDS),
    )
    return need


@transaction.atomic
def need_remove(*, actor: Actor, need: Need) -> None:
    """Take a need out of a draft (its links to outcomes go with it)."""
    check_capability(actor, Capability.MANAGE_CASES)
    plan = _locked(need.plan)
    _check_editable(plan)
    _audit_plan(actor, plan, summary=f"Removed need: {need}"[:300], changes={"removed": str(need)})
    need.delete()


# --- Outcomes (section E) ---


def _ids_in(plan: EHCPlan, model: Any, ids: Iterable[int], *, what: str, field: str) -> list[Any]:
    wanted = {int(i) for i in ids}
    found = list(model.objects.filter(plan=plan, pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({field: [NOT_THIS_PLAN.format(what=what)]})
    return found


def _clean_outcome(description: str, pfa: str) -> str:
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = [DESCRIPTION_REQUIRED]
    if pfa not in AdulthoodArea.values:
        errors["preparing_for_adulthood_area"] = ["Choose a preparing-for-adulthood area"]
    if errors:
        raise ValidationError(errors)
    return description.strip()


@transaction.atomic
def outcome_add(
    *,
    actor: Actor,
    plan: EHCPlan,
    description: str,
    by_when: str = "",
    preparing_for_adulthood_area: str = "",
    need_ids: Iterable[int] = (),
) -> Outcome:
    check_capability(actor, Capability.MANAGE_CASES)
    plan = _locked(plan)
    _check_editable(plan)
    description = _clean_outcome(description, preparing_for_adulthood_area)
    needs = _ids_in(plan, Need, need_ids, what="needs", field="need_ids")
    outcome = Outcome.objects.create(
        plan=plan,
        description=description,
        by_when=by_when.strip(),
        preparing_for_adulthood_area=preparing_for_adulthood_area,
    )
    outcome.needs.set(needs)
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=outcome,
        child_id=plan.child_id,
        changes={"needs": [str(n) for n in needs]},
    )
    return outcome


@transaction.atomic
def outcome_update(
    *,
    actor: Actor,
    outcome: Outcome,
    description: str,
    by_when: str = "",
    preparing_for_adulthood_area: str = "",
    need_ids: Iterable[int] = (),
) -> Outcome:
    check_capability(actor, Capability.MANAGE_CASES)
    plan = _locked(outcome.plan)
    _check_editable(plan)
    description = _clean_outcome(description, preparing_for_adulthood_area)
    needs = _ids_in(plan, Need, need_ids, what="needs", field="need_ids")
    before = snapshot(outcome, OUTCOME_FIELDS)
    outcome.description, outcome.by_when = description, by_when.strip()
    outcome.preparing_for_adulthood_area = preparing_for_adulthood_area
    outcome.save()
    outcome.needs.set(needs)
    changes = field_changes(outcome, before, OUTCOME_FIELDS)
    changes["needs"] = [str(n) for n in needs]
    audit_record(
        actor=actor, action=Action.UPDATE, obj=outcome, child_id=plan.child_id, changes=changes
    )
    return outcome


@transaction.atomic
def outcome_remove(*, actor: Actor, outcome: Outcome) -> None:
    check_capability(actor, Capability.MANAGE_CASES)
    plan = _locked(outcome.plan)
    _check_editable(plan)
    _audit_plan(
        actor, plan, summary=f"Removed outcome: {outcome}"[:300], changes={"removed": str(outcome)}
    )
    outcome.delete()


# --- Provision (sections F, G, H1, H2) ---


def _clean_provision(section: str, description: str) -> str:
    errors: dict[str, list[str]] = {}
    if section not in ProvisionSection.values:
        errors["section"] = [SECTION_REQUIRED]
    if not description.strip():
        errors["description"] = [DESCRIPTION_REQUIRED]
    if errors:
        raise ValidationError(errors)
    return description.strip()


@transaction.atomic
def provision_add(
    *,
    actor: Actor,
    plan: EHCPlan,
    section: str,
    description: str,
    provided_by: str = "",
    frequency: str = "",
    duration: str = "",
    group_size: str = "",
    location: str = "",
    outcome_ids: Iterable[int] = (),
) -> Provision:
    check_capability(actor, Capability.MANAGE_CASES)
    plan = _locked(plan)
    _check_editable(plan)
    description = _clean_provision(section, description)
    outcomes = _ids_in(plan, Outcome, outcome_ids, what="outcomes", field="outcome_ids")
    provision = Provision.objects.create(
        plan=plan,
        section=section,
        description=description,
        provided_by=provided_by.strip(),
        frequency=frequency.strip(),
        duration=duration.strip(),
        group_size=group_size.strip(),
        location=location.strip(),
    )
    provision.outcomes.set(outcomes)
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=provision,
        child_id=plan.child_id,
        changes={"outcomes": [str(o) for o in outcomes]},
    )
    return provision


@transaction.atomic
def provision_update(
    *,
    actor: Actor,
    provision: Provision,
    section: str,
    description: str,
    provided_by: str = "",
    frequency: str = "",
    duration: str = "",
    group_size: str = "",
    location: str = "",
    outcome_ids: Iterable[int] = (),
) -> Provision:
    check_capability(actor, Capability.MANAGE_CASES)
    plan = _locked(provision.plan)
    _check_editable(plan)
    description = _clean_provision(section, description)
    outcomes = _ids_in(plan, Outcome, outcome_ids, what="outcomes", field="outcome_ids")
    before = snapshot(provision, PROVISION_FIELDS)
    provision.section, provision.description = section, description
    provision.provided_by, provision.frequency = provided_by.strip(), frequency.strip()
    provision.duration, provision.group_size = duration.strip(), group_size.strip()
    provision.location = location.strip()
    provision.save()
    provision.outcomes.set(outcomes)
    changes = field_changes(provision, before, PROVISION_FIELDS)
    changes["outcomes"] = [str(o) for o in outcomes]
    audit_record(
        actor=actor, action=Action.UPDATE, obj=provision, child_id=plan.child_id, changes=changes
    )
    return provision


@transaction.atomic
def provision_remove(*, actor: Actor, provision: Provision) -> None:
    check_capability(actor, Capability.MANAGE_CASES)
    plan = _locked(provision.plan)
    _check_editable(plan)
    _audit_plan(
        actor,
        plan,
        summary=f"Removed provision: {provision}"[:300],
        changes={"removed": str(provision)},
    )
    provision.delete()


# --- Serving the draft, the family's comments, consultation ---


@transaction.atomic
def draft_issue(
    *, actor: Actor, plan: EHCPlan, issued_on: date, today: date | None = None
) -> EHCPlan:
    """Serve the draft on the family: their 15 days to comment start (reg 13(1))."""
    check_capability(actor, Capability.MANAGE_CASES)
    today = today_or_local(today)
    plan = _locked(plan)
    _check_draft(plan)
    if plan.draft_issued_on is not None:
        raise ValidationError(DRAFT_ALREADY_ISSUED)
    if plan.request is None:
        raise ValidationError(NO_REQUEST)
    _check_not_future(issued_on, today=today, field="issued_on")
    _check_issuable(plan, on=issued_on)
    request = casework_services.case_record_draft_issued(
        actor=actor, request=plan.request, on=issued_on, today=today
    )
    plan.draft_issued_on = issued_on
    plan.save(update_fields=["draft_issued_on", "updated_at"])
    _audit_plan(actor, plan, summary=f"Draft plan issued ({issued_on.isoformat()})")
    notification_send(
        actor=actor,
        template="draft_plan_issued",
        child=plan.child,
        personalisation={
            "representations_due": statutory.due("draft_plan_representations", issued_on),
            "final_plan_due": statutory.due("issue_final_plan", request.received_on),
        },
    )
    return plan


def check_comments(
    *,
    comments: str,
    preferred_setting: Setting | None,
    made_by: str,
    made_on: date,
    today: date,
    since: date,
    too_early: str,
) -> None:
    """The family's comments (on a draft or on proposed changes): something said, by someone,
    on a day between the document being sent (`since`) and today."""
    errors: dict[str, list[str]] = {}
    if not comments.strip() and preferred_setting is None:
        errors["comments"] = [COMMENT_REQUIRED]
    if not made_by.strip():
        errors["made_by"] = [MADE_BY_REQUIRED]
    if made_on > today:
        errors["made_on"] = [DATE_IN_FUTURE]
    elif made_on < since:
        errors["made_on"] = [too_early]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def representation_record(
    *,
    actor: Actor,
    plan: EHCPlan,
    made_on: date,
    made_by: str,
    comments: str,
    preferred_setting: Setting | None = None,
    today: date | None = None,
) -> Representation:
    """The family's comments on the draft, and the setting they ask for (reg 13(1), s38)."""
    staff = user_can(actor, Capability.MANAGE_CASES)
    if not staff and not is_family_of(actor, plan.child):
        raise PermissionDenied
    today = today_or_local(today)
    plan = _locked(plan)
    _check_draft(plan)
    if plan.draft_issued_on is None:
        raise ValidationError(DRAFT_NOT_ISSUED)
    check_comments(
        comments=comments,
        preferred_setting=preferred_setting,
        made_by=made_by,
        made_on=made_on,
        today=today,
        since=plan.draft_issued_on,
        too_early=COMMENT_BEFORE_DRAFT.format(draft=statutory.long_date(plan.draft_issued_on)),
    )
    window_end = representations_due(plan)
    if not staff and window_end is not None and today > window_end:
        raise ValidationError(WINDOW_CLOSED.format(due=statutory.long_date(window_end)))
    representation = Representation.objects.create(
        plan=plan,
        made_on=made_on,
        made_by=made_by.strip(),
        comments=comments.strip(),
        preferred_setting=preferred_setting,
        recorded_by=actor,
    )
    if preferred_setting is not None:
        plan.preferred_setting = preferred_setting
        plan.save(update_fields=["preferred_setting", "updated_at"])
    audit_record(actor=actor, action=Action.CREATE, obj=representation, child_id=plan.child_id)
    return representation


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
    plan = _locked(plan)
    if plan.status == PlanStatus.CEASED:
        raise ValidationError(PLAN_CEASED)
    _check_not_future(sent_on, today=today, field="sent_on")
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
    if setting.email:
        notification_send_to_address(
            actor=actor,
            template=template,
            to_address=setting.email,
            recipient_name=setting.name,
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
    _check_not_future(responded_on, today=today, field="responded_on")
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
    before = snapshot(consultation, ["responded_on", "can_meet_needs", "response_notes"])
    consultation.responded_on = responded_on
    consultation.can_meet_needs = can_meet_needs
    consultation.response_notes = response_notes.strip()
    consultation.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=consultation,
        child_id=consultation.plan.child_id,
        changes=field_changes(
            consultation, before, ["responded_on", "can_meet_needs", "response_notes"]
        ),
    )
    return consultation


# --- The final plan ---


@transaction.atomic
def final_issue(
    *,
    actor: Actor,
    plan: EHCPlan,
    issued_on: date,
    named_setting: Setting | None,
    today: date | None = None,
) -> EHCPlan:
    """Issue the final plan: a new numbered version, the case moved on, the family told.

    The plan's first review is scheduled by the reviews app in the same transaction: call
    `reviews.services.final_plan_issue`, which calls this and then `review_schedule_first` (the
    journey's order is casework -> plans -> disputes -> reviews, so plans never imports reviews).
    """
    check_capability(actor, Capability.MANAGE_CASES)
    today = today_or_local(today)
    plan = _locked(plan)
    _check_draft(plan)
    if plan.request is None:
        raise ValidationError(NO_REQUEST)
    if plan.draft_issued_on is None:
        raise ValidationError(DRAFT_NOT_ISSUED)
    if named_setting is None:
        raise ValidationError({"named_setting": [NAMED_SETTING_REQUIRED]})
    _check_not_future(issued_on, today=today, field="issued_on")
    if issued_on < plan.draft_issued_on:
        raise ValidationError(
            {
                "issued_on": [
                    FINAL_BEFORE_DRAFT.format(draft=statutory.long_date(plan.draft_issued_on))
                ]
            }
        )
    window_end = representations_due(plan)
    if window_end is not None and issued_on <= window_end and not plan.representations.exists():
        raise ValidationError(
            {"issued_on": [WINDOW_OPEN.format(due=statutory.long_date(window_end))]}
        )
    review_due = first_review_due(plan, issued_on=issued_on)
    plan_version_issue(
        actor=actor,
        plan=plan,
        issued_on=issued_on,
        named_setting=named_setting,
        template="final_plan_for_professionals",
        review_due=review_due,
    )
    casework_services.case_record_final_issued(
        actor=actor, request=plan.request, on=issued_on, today=today
    )
    notification_send(
        actor=actor,
        template="final_plan_issued",
        child=plan.child,
        personalisation={
            "setting_name": named_setting.name,
            "review_due": review_due,
            "appeal_due": statutory.appeal_deadline_explained(issued_on),
            "mediation_contact": casework_services.MEDIATION_CONTACT,
        },
    )
    return plan


def first_review_due(plan: EHCPlan, *, issued_on: date) -> date:
    """When the first review must be held by (6 months for an under-5, else 12 months)."""
    return statutory.review_due_choice(
        date_of_birth=plan.child.date_of_birth, trigger=issued_on, first=True
    ).due_by


def plan_version_issue(
    *,
    actor: Actor,
    plan: EHCPlan,
    issued_on: date,
    named_setting: Setting,
    template: str,
    review_due: date,
) -> PlanVersion:
    """Issue the plan as it stands as the next numbered version, kept exactly as issued, and
    send it to the named setting and the health commissioner. Shared by the first final plan
    and every amended plan (reviews.services.amendment_issue). Call inside a transaction with
    the plan locked (`_locked`)."""
    _check_issuable(plan, on=issued_on)
    plan.named_setting = named_setting
    plan.status = PlanStatus.FINAL
    plan.version += 1
    plan.issued_on = issued_on
    plan.save(update_fields=["named_setting", "status", "version", "issued_on", "updated_at"])
    version = PlanVersion.objects.create(
        plan=plan,
        version=plan.version,
        issued_on=issued_on,
        snapshot=plan_content(plan),
        issued_by=actor,
    )
    audit_record(actor=actor, action=Action.CREATE, obj=version, child_id=plan.child_id)
    _send_final_to_professionals(
        actor,
        plan,
        named_setting=named_setting,
        issued_on=issued_on,
        template=template,
        review_due=review_due,
    )
    return version


def plan_content_restore(*, actor: Actor, plan: EHCPlan, version: int) -> EHCPlan:
    """Put the plan's content back as it was issued in `version` (an amendment withdrawn or not
    made): section A, needs, outcomes, provision with their links, I and J. Call inside a
    transaction with the plan locked."""
    check_capability(actor, Capability.MANAGE_CASES)
    issued = PlanVersion.objects.filter(plan=plan, version=version).first()
    if issued is None:
        return plan  # nothing kept to go back to (for example, demo data)
    content = issued.snapshot
    for name in SECTION_A:
        setattr(plan, name, content["A"].get(name, ""))
    plan.placement_type = content["I"].get("placement_type", "")
    plan.named_setting_id = content["I"].get("named_setting_id")
    amount = content["J"].get("amount")
    plan.personal_budget_amount = Decimal(amount) if amount is not None else None
    plan.personal_budget_description = content["J"].get("description", "")
    plan.save()
    plan.provisions.all().delete()
    plan.outcomes.all().delete()
    plan.needs.all().delete()
    needs = {
        row["id"]: Need.objects.create(
            plan=plan, section=row["section"], area=row["area"], description=row["description"]
        )
        for row in content["needs"]
    }
    outcomes = {}
    for row in content["outcomes"]:
        outcome = Outcome.objects.create(
            plan=plan,
            description=row["description"],
            by_when=row["by_when"],
            preparing_for_adulthood_area=row["preparing_for_adulthood_area"],
        )
        outcome.needs.set([needs[i] for i in row["need_ids"] if i in needs])
        outcomes[row["id"]] = outcome
    for row in content["provision"]:
        provision = Provision.objects.create(
            plan=plan, **{name: row[name] for name in PROVISION_FIELDS}
        )
        provision.outcomes.set([outcomes[i] for i in row["outcome_ids"] if i in outcomes])
    _audit_plan(actor, plan, summary=f"Content put back as issued in version {version}")
    return plan


def plan_lock(plan: EHCPlan) -> EHCPlan:
    """The plan, locked for update (for other apps' services that change it)."""
    return _locked(plan)


def _send_final_to_professionals(
    actor: Actor,
    plan: EHCPlan,
    *,
    named_setting: Setting,
    issued_on: date,
    template: str,
    review_due: date,
) -> None:
    """The named setting and the health commissioner get the final plan too."""
    recipients = [(named_setting.email, named_setting.name)]
    commissioner = (
        Organisation.objects.open().filter(kind=OrganisationKind.NHS).exclude(email="").first()
    )
    if commissioner is not None:
        recipients.append((commissioner.email, commissioner.name))
    for address, name in recipients:
        if not address:
            continue
        notification_send_to_address(
            actor=actor,
            template=template,
            to_address=address,
            recipient_name=name,
            child=plan.child,
            personalisation={
                "issued_on": issued_on,
                "setting_name": named_setting.name,
                "review_due": review_due,
                "plan_link": f"/plans/{plan.pk}/",
            },
        )
