"""Shared set-up for the reviews tests: a final plan, and a review walked to a given step."""

import datetime as dt

from opensend.plans import services as plan_services
from opensend.plans.tests.test_journey import DRAFT_ON, FINAL_ON, TODAY, drafting_case, write_plan
from opensend.reviews import services
from opensend.reviews.models import AnnualReview

MEETING = dt.date(2026, 11, 16)
INVITED = dt.date(2026, 10, 30)
REPORTED = dt.date(2026, 11, 18)
DECIDED = TODAY  # 20 November 2026


def final_plan(world, *, child=None, actor=None, setting=None):
    """A final plan issued on FINAL_ON through the plans services (its first review planned)."""
    actor = actor or world.users["caseworker"]
    case = drafting_case(world, child=child, actor=actor)
    plan = write_plan(actor, plan_services.plan_draft_start(actor=actor, request=case))
    plan_services.draft_issue(actor=actor, plan=plan, issued_on=DRAFT_ON, today=TODAY)
    plan_services.representation_record(
        actor=actor, plan=plan, made_on=DRAFT_ON, made_by="Dad", comments="Fine", today=TODAY
    )
    plan_services.final_issue(
        actor=actor,
        plan=plan,
        issued_on=FINAL_ON,
        named_setting=setting or world.setting,
        today=TODAY,
    )
    plan.refresh_from_db()
    return plan


def open_review(plan) -> AnnualReview:
    return AnnualReview.objects.get(plan=plan, stage__in=["planned", "invited", "held", "reported"])


def walk(actor, review, *, to: str, recommendation: str = "amend", **report):
    """Take a review through its steps up to `to` (meeting, invited, held, reported)."""
    services.review_meeting_set(actor=actor, review=review, meeting_on=MEETING, today=TODAY)
    if to == "meeting":
        return open_review(review.plan)
    services.review_invitations_send(actor=actor, review=review, sent_on=INVITED, today=TODAY)
    if to == "invited":
        return open_review(review.plan)
    services.review_meeting_held(actor=actor, review=review, held_on=MEETING, today=TODAY)
    if to == "held":
        return open_review(review.plan)
    services.review_report_submit(
        actor=actor,
        review=review,
        report_sent_on=REPORTED,
        recommendation=recommendation,
        child_views="I like my school",
        family_views="Going well",
        progress="Good progress on every outcome",
        today=TODAY,
        **report,
    )
    return open_review(review.plan)
