"""The steps on a plan, each declared once (core.steps): writing sections A, I and J, serving
the draft, consulting settings and recording the family's comments.

Each step names its form, the service it calls, its heading, its success message and
`allowed(plan, user)`: whether the button shows on the plan page and the step's page opens.
`allowed` follows the plan's state as the plan page always has (serve a draft not yet served;
record comments once it is served; consult while it is a draft; change the content of a draft
or of a plan being amended: `may_edit_content`, which the need, outcome and provision pages
share). Every step needs `Capability.MANAGE_CASES`.

The final issue needs the reviews app (it schedules the first review), so it is served by
`reviews.plan_pages`; its button shows with the family's comments (`steps.representations`).
Sections A, I and J are plain form pages (`PLAN.view`); serving the draft, the comments and the
consultations show the plan's own pages beside the form (`plans.views.steps`).
"""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from opensend.casework.steps import manages_cases
from opensend.core.steps import Workflow, calls, posted, step
from opensend.core.types import Actor
from opensend.plans import selectors
from opensend.plans.content import SECTION_A_FIELDS
from opensend.plans.forms import (
    ConsultationForm,
    IssueDraftForm,
    PlacementForm,
    RepresentationForm,
    SectionAForm,
)
from opensend.plans.models import EHCPlan
from opensend.plans.services import consultations, draft, representations

PLACEMENT_FIELDS = ["placement_type", "personal_budget_amount", "personal_budget_description"]


def may_edit_content(plan: EHCPlan, user: Actor) -> bool:
    """May this user change the plan's content now: SENAR staff, on a draft or on a final plan
    with an amendment open (issued versions stay as they were)."""
    return manages_cases(user) and (plan.is_draft or selectors.plan_is_amending(plan))


def family_may_comment(plan: EHCPlan, user: Actor) -> bool:
    """May this user comment on the draft from the family's page: the child's parent or carer,
    or the young person, while the 15-day window for representations is open (reg 13(1)(b))."""
    if not selectors.is_family_of(user, plan.child):
        return False
    return selectors.plan_dates(plan, on=timezone.localdate()).window_open


def _draft(plan: EHCPlan, _user: Actor) -> bool:
    return plan.is_draft


def _draft_to_serve(plan: EHCPlan, _user: Actor) -> bool:
    return plan.is_draft and plan.draft_issued_on is None


def _draft_served(plan: EHCPlan, _user: Actor) -> bool:
    return plan.is_draft and plan.draft_issued_on is not None


def _initial(plan: EHCPlan, names: Any) -> dict[str, Any]:
    return {name: getattr(plan, name) for name in names}


def _back_to(url_name: str) -> Any:
    """After the step, back to its own page (which lists what was recorded)."""
    return lambda result: reverse(url_name, args=[result.plan_id])


PLAN = Workflow(
    name="plan",
    pk_kwarg="plan_id",
    get=lambda user, pk: selectors.plan_get_for_user(user=user, plan_id=pk),
    detail_url=lambda plan: reverse("plans:plan_detail", args=[plan.pk]),
    who=manages_cases,
    caption=lambda plan: f"EHC plan for {plan.child.full_name}",
    steps=(
        step(
            "plans:section_a",
            "section_a",
            "Change section A",
            heading="Section A: views, interests and aspirations",
            form=lambda data, plan: SectionAForm(
                data, initial=_initial(plan, [name for name, _ in SECTION_A_FIELDS])
            ),
            service=calls(draft.plan_section_a_update, "plan"),
            success="Section A saved",
            allowed=may_edit_content,
        ),
        step(
            "plans:placement",
            "placement",
            "Change sections I and J",
            heading="Placement and personal budget",
            form=lambda data, plan: PlacementForm(data, initial=_initial(plan, PLACEMENT_FIELDS)),
            service=calls(draft.plan_details_update, "plan"),
            success="Sections I and J saved",
            allowed=may_edit_content,
        ),
        step(
            "plans:draft_issue",
            "draft_issue",
            "Issue the draft plan",
            form=posted(IssueDraftForm),
            service=calls(draft.draft_issue, "plan"),
            success="Draft plan issued. The family has been told the date their 15 days end.",
            allowed=_draft_to_serve,
        ),
        step(
            "plans:representations",
            "representations",
            "Family's comments",
            heading="The family's comments on the draft",
            form=posted(RepresentationForm),
            service=calls(representations.representation_record, "plan"),
            success="Comments recorded",
            allowed=_draft_served,
            secondary=True,
            next_url=_back_to("plans:representations"),
        ),
        step(
            "plans:consultations",
            "consultations",
            "Consultations with settings",
            heading="Consult a school or college",
            form=posted(ConsultationForm),
            service=calls(consultations.consultation_send, "plan"),
            success="Consultation recorded. The setting should reply within 15 days.",
            allowed=_draft,
            secondary=True,
            next_url=_back_to("plans:consultations"),
        ),
    ),
)
