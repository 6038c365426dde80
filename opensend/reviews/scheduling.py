"""Scheduling annual reviews: the first when the final plan is issued, the next after each
decision. When a review must be held by (12 months, or 6 for an under-5) is
`statutory.review_due_choice`; who leads it is `reviews.annual_clocks.review_lead_for`.

A final plan always has exactly one open review. `final_plan_issue` issues the final plan
(`plans.services.final_issue`) and schedules its first review in one transaction: the journey's
order is casework -> plans -> disputes -> reviews, so plans never imports reviews.
"""

from datetime import date

from django.db import transaction

from opensend import statutory
from opensend.core.types import Actor
from opensend.people.models import Setting
from opensend.plans import services as plan_services
from opensend.plans.models import EHCPlan
from opensend.reviews.annual_clocks import review_clocks, review_lead_for, soonest_open
from opensend.reviews.codes import OPEN_REVIEW_STAGES, ReviewStage
from opensend.reviews.models import AnnualReview
from opensend.reviews.shared import audit_change


def review_create(*, actor: Actor, plan: EHCPlan, trigger: date, first: bool) -> AnnualReview:
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
    audit_change(actor, review, f"Review planned: held by {due.due_by.isoformat()}", create=True)
    return review


@transaction.atomic
def review_schedule_first(*, actor: Actor, plan: EHCPlan, issued_on: date) -> AnnualReview:
    """The first review of a new final plan: 12 months (6 for an under-5) from the plan."""
    existing = AnnualReview.objects.filter(plan=plan, stage__in=OPEN_REVIEW_STAGES).first()
    if existing is not None:
        return existing
    return review_create(actor=actor, plan=plan, trigger=issued_on, first=True)


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
