"""Starting the draft plan from the case, its sections A, I and J, and serving it on the family
(their 15 days to comment start and the case moves on)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework.about_me import section_a_words
from opensend.casework.models import AssessmentRequest, FamilyViews, Stage
from opensend.casework.services import case_record_draft_issued
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import check_not_future
from opensend.notify.services import notification_send
from opensend.people.models import Child
from opensend.plans.content import plan_content
from opensend.plans.models import EHCPlan, PlacementType, PlanStatus, PlanVersion
from opensend.plans.services._shared import (
    NO_REQUEST,
    SECTION_A,
    audit_plan,
    check_draft,
    check_issuable,
    locked,
    locked_editable,
    update_plan,
)

WRONG_STAGE = "A draft plan can only be started once we have decided to issue a plan"
PLAN_EXISTS = "This assessment already has a plan"
DRAFT_ALREADY_ISSUED = "The draft plan has already been issued"
AMOUNT_NEGATIVE = "The amount must be £0 or more"


@transaction.atomic
def plan_draft_start(*, actor: Actor, case: AssessmentRequest) -> EHCPlan:
    """Start the draft plan once we have decided to issue one; section A from the family's views."""
    check_capability(actor, Capability.MANAGE_CASES)
    case = AssessmentRequest.objects.select_for_update().get(pk=case.pk)
    if case.stage != Stage.DRAFTING:
        raise ValidationError(WRONG_STAGE)
    if EHCPlan.objects.filter(request=case).exists():
        raise ValidationError(PLAN_EXISTS)
    views = FamilyViews.objects.filter(request=case).first()
    family = section_a_words(case.child)
    plan = EHCPlan.objects.create(
        child_id=case.child_id,
        request=case,
        # The views recorded for this request, else what the family wrote in "all about me".
        **{name: (getattr(views, name) if views else "") or family[name] for name in SECTION_A},
    )
    audit_record(actor=actor, action=Action.CREATE, obj=plan, child_id=plan.child_id)
    return plan


@transaction.atomic
def plan_section_a_fill_from_family(*, actor: Actor, child_id: int) -> list[EHCPlan]:
    """After the family write or change "all about me": each of the child's draft plans still
    being written (not yet sent to the family) gets their words in the parts of section A that
    are still empty. What the caseworker wrote is never replaced. Called by the family's page
    in the same transaction as the family's change; audited as a change to the plan."""
    filled = []
    child = Child.objects.get(pk=child_id)
    family = section_a_words(child)
    drafts = EHCPlan.objects.select_for_update().filter(
        child_id=child_id, status=PlanStatus.DRAFT, draft_issued_on__isnull=True
    )
    for plan in drafts:
        values = {
            name: family[name] for name in SECTION_A if family[name] and not getattr(plan, name)
        }
        if values:
            update_plan(actor, plan, "Section A filled in from the family's all about me", values)
            filled.append(plan)
    return filled


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
    plan = locked_editable(actor, plan)
    views = (about_me, what_matters, aspirations, communication)
    update_plan(actor, plan, "Section A changed", dict(zip(SECTION_A, views, strict=True)))
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
    plan = locked_editable(actor, plan)
    if placement_type and placement_type not in PlacementType.values:
        raise ValidationError({"placement_type": ["Choose the kind of placement"]})
    if personal_budget_amount is not None and personal_budget_amount < 0:
        raise ValidationError({"personal_budget_amount": [AMOUNT_NEGATIVE]})
    update_plan(
        actor,
        plan,
        "Sections I and J changed",
        {
            "placement_type": placement_type,
            "personal_budget_amount": personal_budget_amount,
            "personal_budget_description": personal_budget_description,
        },
    )
    return plan


@transaction.atomic
def draft_issue(
    *, actor: Actor, plan: EHCPlan, issued_on: date, today: date | None = None
) -> EHCPlan:
    """Serve the draft on the family: their 15 days to comment start (reg 13(1))."""
    check_capability(actor, Capability.MANAGE_CASES)
    today = today_or_local(today)
    plan = locked(plan)
    check_draft(plan)
    if plan.draft_issued_on is not None:
        raise ValidationError(DRAFT_ALREADY_ISSUED)
    if plan.request is None:
        raise ValidationError(NO_REQUEST)
    check_not_future(issued_on, today=today, field="issued_on")
    check_issuable(plan, on=issued_on)
    case = case_record_draft_issued(actor=actor, case=plan.request, on=issued_on, today=today)
    plan.draft_issued_on = issued_on
    plan.save(update_fields=["draft_issued_on", "updated_at"])
    # The draft as the family received it, kept so draft and final can be compared.
    draft = PlanVersion.objects.create(
        plan=plan,
        version=0,
        is_draft=True,
        issued_on=issued_on,
        snapshot=plan_content(plan),
        issued_by=actor,
    )
    audit_record(actor=actor, action=Action.CREATE, obj=draft, child_id=plan.child_id)
    audit_plan(actor, plan, summary=f"Draft plan issued ({issued_on.isoformat()})")
    notification_send(
        actor=actor,
        template="draft_plan_issued",
        child=plan.child,
        personalisation={
            "representations_due": statutory.due("draft_plan_representations", issued_on),
            "final_plan_due": statutory.due("issue_final_plan", case.received_on),
            "page_link": f"/plans/{plan.pk}/",  # the draft, for the family to read
        },
    )
    return plan
