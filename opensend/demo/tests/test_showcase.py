"""The demo parent's two children (issue 14, item 10): one being assessed with a draft plan
coming, one whose plan is being changed after its annual review; the same for every seed."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from opensend import statutory
from opensend.accounts.models import User
from opensend.accounts.roles import Role
from opensend.casework.models import Stage
from opensend.demo.logins import LOGIN_BY_ROLE, demo_parent_children
from opensend.feedback.models import SurveyAnswer
from opensend.messaging.models import MessageThread
from opensend.people.models import Child
from opensend.plans.models import PlanStatus
from opensend.reviews.models import AmendmentStatus, ReviewDecision, ReviewStage
from testsupport.demo import TODAY, demo_area
from testsupport.factories.accounts import sign_in_fully

pytestmark = pytest.mark.django_db


def _children() -> tuple[Child, Child]:
    older, younger = (Child.objects.get(pk=pk) for pk in demo_parent_children())
    return younger, older


def _family_page(child: Child) -> str:
    parent = User.objects.get(email=LOGIN_BY_ROLE[Role.PARENT].email)
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12), dt.UTC), tick=False):
        client = sign_in_fully(Client(), parent)
        page = client.get(reverse("people:child_detail", args=[child.pk]))
    assert page.status_code == 200
    return " ".join(page.content.decode().split())


@pytest.mark.parametrize("seed", [7, 1])
def test_the_younger_child_is_being_assessed_and_the_draft_is_coming(seed):
    summary = demo_area(300, stop_after="showcase", seed=seed)
    assert summary.showcase == 2
    assessed, _ = _children()
    case = assessed.assessment_requests.get()
    assert case.stage == Stage.DRAFTING
    assert -statutory.days_until(case.assess_decision_on, TODAY) == 70  # 10 weeks ago
    advice = list(case.advice_requests.all())
    assert any(a.received_on for a in advice)
    waiting = [statutory.due("provide_advice", a.requested_on) for a in advice if not a.received_on]
    assert min(waiting) < TODAY < max(waiting) <= statutory.add_days(TODAY, 14)
    draft = assessed.ehc_plans.get()
    assert (draft.status, draft.draft_issued_on, draft.request) == (PlanStatus.DRAFT, None, case)

    page = _family_page(assessed)
    final_due = statutory.due("issue_final_plan", case.received_on)
    draft_by = statutory.long_date(statutory.draft_plan_latest(final_due))
    assert f"We will send it to you by {draft_by}" in page
    assert "draft EHC plan. We will send it" in page
    assert "One step is late" in page  # the health advice
    assert "educational psychology advice) sent us their advice" in page
    assert reverse("plans:plan_detail", args=[draft.pk]) not in page  # not theirs to read yet


def test_the_older_childs_plan_is_being_changed_after_its_review():
    demo_area(300, stop_after="showcase")
    _, planned = _children()
    plan = planned.ehc_plans.get(status=PlanStatus.FINAL)
    review = plan.reviews.get(stage=ReviewStage.DECIDED)
    assert review.held_on < review.decided_on <= TODAY
    assert review.decision == ReviewDecision.AMEND
    amendment = plan.amendments.get()
    assert amendment.status == AmendmentStatus.PROPOSED and amendment.review == review
    ends = statutory.due("amendment_representations", amendment.proposed_on)
    assert amendment.proposed_on <= TODAY <= ends

    page = _family_page(planned)
    assert (
        "You can tell us what you think of the changes we want to make to the plan until "
        f"{statutory.long_date(ends)}" in page
    )
    done = page.split("What has happened")[1]
    assert "plan was reviewed at a meeting" in done
    assert "We told you whether we will keep, change or end the plan" in done


def test_the_parents_message_and_feedback_are_about_these_children():
    demo_area(300, stop_after="feedback")
    assessed, planned = _children()
    thread = MessageThread.objects.get(child__in=[assessed, planned])
    assert thread.messages.count() == 3
    answered = SurveyAnswer.objects.filter(
        family_member__user__email=LOGIN_BY_ROLE[Role.PARENT].email
    )
    assert answered.count() == 1
    assert "Tell us how it went: our decision after the annual review" in _family_page(planned)
