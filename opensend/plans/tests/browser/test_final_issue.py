"""Issue 12's check: the final plan is refused inside the family's 15 days, with every blocker
listed on the page, and allowed once the family confirms in writing they have nothing more to
say, the comment is answered and the school has replied to its consultation (Chromium, axe)."""

import datetime as dt

import pytest

from opensend.plans import services
from testsupport.browser import error_summary, fill_date, follow, go, sign_in, submit
from testsupport.journeys import drafting_case, write_plan

pytestmark = pytest.mark.browser


def test_a_final_issue_refused_in_the_window_then_allowed_after_confirmation(
    page, live_server, world
):
    base, cw = live_server.url, world.users["caseworker"]
    today = dt.date.today()
    plan = write_plan(cw, services.plan_draft_start(actor=cw, case=drafting_case(world)))
    services.draft_issue(actor=cw, plan=plan, issued_on=today, today=today)
    services.representation_record(
        actor=cw,
        plan=plan,
        made_on=today,
        made_by="Dad",
        comments="Please add swimming",
        preferred_setting=world.setting,
        today=today,
    )

    sign_in(page, live_server, cw.email)
    go(page, f"{base}/plans/{plan.pk}/")
    follow(page, "Issue the final plan")
    blockers = page.locator(".app-blockers li")
    assert blockers.count() == 3  # the window, the unanswered comment, the consultation
    fill_date(page, "issued_on", today)
    submit(page, "Issue the final plan", status=400)
    assert any("to comment on the draft" in e for e in error_summary(page))

    # The school is consulted and replies.
    consultation = services.consultation_send(
        actor=cw, plan=plan, setting=world.setting, sent_on=today, today=today
    )
    services.consultation_response_record(
        actor=cw, consultation=consultation, responded_on=today, can_meet_needs="yes", today=today
    )
    # The caseworker answers the comment and records the family's written confirmation.
    go(page, f"{base}/plans/{plan.pk}/representations/")
    follow(page, "Answer the comments from Dad")
    page.get_by_label("Accepted: the plan has been changed").check()
    submit(page, "Save the answer")
    page.get_by_label("Who made the comments").fill("Dad, by email")
    fill_date(page, "made_on", today)
    page.get_by_label(
        "The family has confirmed in writing that they have nothing more to say"
    ).check()
    submit(page, "Record the comments")

    go(page, f"{base}/plans/{plan.pk}/issue-final/")
    assert page.locator(".app-blockers li").count() == 0
    assert page.get_by_text("Nothing stops the final plan being issued today").is_visible()
    fill_date(page, "issued_on", today)
    submit(page, "Issue the final plan")
    plan.refresh_from_db()
    assert plan.status == "final" and plan.issued_on == today
