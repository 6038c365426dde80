"""A setting-led annual review through to an amended plan, in Chromium: every page visited is
checked with axe-core (WCAG 2.2 AA).

The SENCO sets the meeting, invites, adds views, records the meeting and sends the report
recommending amend; the caseworker decides to amend and changes a provision; the parent
comments on the proposals; the caseworker issues the amended plan; compare shows the change.
"""

import datetime as dt

import pytest
from django.utils import timezone

from opensend.plans.models import PlanVersion, Provision
from opensend.reviews.models import Amendment, AmendmentStatus, AnnualReview
from testsupport.browser import follow, go, sign_in, sign_out, submit
from testsupport.factories.people import FamilyRelationshipFactory
from testsupport.journeys import final_plan

pytestmark = pytest.mark.browser
MEETING = dt.date(2026, 11, 16)


def fill_date(page, name, on):
    page.fill(f'input[name="{name}_0"]', str(on.day))
    page.fill(f'input[name="{name}_1"]', str(on.month))
    page.fill(f'input[name="{name}_2"]', str(on.year))


def test_setting_led_review_to_amended_plan(page, live_server, world):
    base = live_server.url
    today = timezone.localdate()
    parent = world.users["parent"]
    FamilyRelationshipFactory(
        child=world.caseload_child,
        family_member=parent.family_member,
        has_parental_responsibility=True,
    )
    plan = final_plan(world)
    review = AnnualReview.objects.get(plan=plan)
    child = world.caseload_child.full_name

    # The SENCO runs the review from their workspace.
    sign_in(page, live_server, world.users["senco"].email)
    go(page, f"{base}/reviews/setting/")
    follow(page, child)
    follow(page, "Set the meeting date")
    page.fill('input[name="meeting_on_0"]', "31")
    page.fill('input[name="meeting_on_1"]', "2")
    page.fill('input[name="meeting_on_2"]', "2027")
    submit(page, "Save", status=400)  # 31 February: a clear error, nothing saved
    assert "must be a real date" in page.content()
    fill_date(page, "meeting_on", MEETING)
    submit(page, "Save")
    follow(page, "Send the invitations")
    page.get_by_label(str(world.health_org)).check()
    page.fill('input[name="other_name"]', "Ms Jones, class teacher")
    fill_date(page, "sent_on", dt.date(2026, 11, 2))
    submit(page, "Save")
    assert "Invitations recorded" in page.content()
    follow(page, "Add views or advice")
    page.select_option('select[name="kind"]', "child")
    page.fill('input[name="given_by"]', "Ava")
    fill_date(page, "received_on", dt.date(2026, 11, 5))
    page.fill('textarea[name="text"]', "I want more help with talking to my friends")
    submit(page, "Save")
    follow(page, "Record the meeting")
    fill_date(page, "held_on", MEETING)
    page.locator('input[name="attended_ids"]').first.check()
    submit(page, "Save")
    follow(page, "Send the report")
    page.fill('textarea[name="child_views"]', "I like school")
    page.fill('textarea[name="family_views"]', "Talking is still hard")
    # Progress is given outcome by outcome (Code of Practice 9.166).
    for rating in page.locator('input[type="radio"][value="some"]').all():
        rating.check()
    page.fill('textarea[name="progress"]', "Some progress; more therapy needed")
    page.get_by_label("Change (amend) the plan").check()
    page.fill('textarea[name="recommended_changes"]', "Speech therapy five times a week")
    fill_date(page, "report_sent_on", dt.date(2026, 11, 20))
    submit(page, "Save")
    assert "Report received" in page.content()
    sign_out(page)

    # The caseworker decides to amend, and changes the provision.
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{base}/reviews/")
    go(page, f"{base}/reviews/{review.pk}/")
    follow(page, "Make the decision")
    page.get_by_label("Change (amend) the plan").check()
    page.fill('textarea[name="reasons"]', "Progress in talking is slower than hoped")
    page.fill('textarea[name="amendment_summary"]', "Speech and language therapy 5 times a week")
    page.fill('textarea[name="amendment_evidence"]', "SALT report, November 2026")
    fill_date(page, "decided_on", today)
    submit(page, "Save")
    amendment = Amendment.objects.get(plan=plan)
    assert amendment.status == AmendmentStatus.PROPOSED
    follow(page, "Amendment: proposals sent to the family")
    follow(page, "Change the plan")
    provision = Provision.objects.filter(plan=plan, section="F").first()
    go(page, f"{base}/plans/{plan.pk}/provision/{provision.pk}/")
    page.fill('input[name="frequency"]', "5 times a week")
    submit(page, "Save")
    assert "5 times a week" in page.content()
    sign_out(page)

    # The parent reads the proposals on their plan page and comments.
    sign_in(page, live_server, parent.email)
    go(page, f"{base}/plans/{plan.pk}/family/")
    follow(page, "Read the changes we propose and tell us what you think")
    page.fill('textarea[name="comments"]', "Yes please, this is what she needs")
    # Only their written word that they have finished ends the 15 days early (reg 22(2)(c)).
    page.get_by_label("I have nothing more to say about the changes").check()
    submit(page, "Send my comments")
    assert "We have your comments" in page.content()
    sign_out(page)

    # The caseworker issues the amended plan; compare shows what changed and who changed it.
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{base}/reviews/amendments/{amendment.pk}/")
    follow(page, "Issue the amended plan")
    fill_date(page, "issued_on", today)
    submit(page, "Save")
    assert "Amended plan issued as version 2" in page.content()
    assert PlanVersion.objects.filter(plan=plan, is_draft=False).count() == 2
    follow(page, "what changed")
    content = page.content()
    assert "5 times a week" in content and "Who changed what" in content
    go(page, f"{base}/plans/{plan.pk}/versions/")
    page.select_option("#compare-from", "1")
    page.select_option("#compare-to", "2")
    submit(page, "Compare")
    assert "5 times a week" in page.content()
    # The next review is on the caseworker's caseload, next to their assessments.
    go(page, f"{base}/casework/")
    assert "Annual reviews and amendments" in page.content()
    assert child in page.content()
    sign_out(page)

    # The manager's queue, filtered by caseworker, and the team's workload.
    sign_in(page, live_server, world.users["team_manager"].email)
    go(page, f"{base}/reviews/?caseworker={world.users['caseworker'].pk}")
    assert child in page.content()
    go(page, f"{base}/casework/team/")
    assert "Reviews and amendments" in page.content()
    sign_out(page)
