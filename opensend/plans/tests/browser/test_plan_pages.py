"""Plan pages in Chromium: every page a caseworker, a SENCO and a parent reach passes axe-core
(WCAG 2.2 AA) with no console errors (so no CSP violations)."""

import pytest

from opensend.plans import services
from testsupport.browser import follow, go, sign_in, sign_out, submit
from testsupport.journeys import TODAY, drafting_case, ready_to_issue, write_plan

pytestmark = pytest.mark.browser


def test_plan_pages_are_accessible(page, live_server, world):
    base = live_server.url
    cw = world.users["caseworker"]
    case = drafting_case(world)
    sign_in(page, live_server, cw.email)
    go(page, f"{base}/casework/cases/{case.pk}/")
    submit(page, "Start the draft plan")
    plan = case.plans.get()
    write_plan(cw, plan)
    services.need_add(actor=cw, plan=plan, section="B", area="semh", description="Anxious")
    go(page, f"{base}/plans/{plan.pk}/")
    assert page.locator(".govuk-warning-text").count() >= 1
    for path in [
        "section-a/",
        "placement/",
        "needs/new/",
        "outcomes/new/",
        "provision/new/",
        "issue-draft/",
        "consultations/",
    ]:
        go(page, f"{base}/plans/{plan.pk}/{path}")
    go(page, f"{base}/plans/{plan.pk}/needs/new/")
    submit(page, "Save", status=400)
    go(page, f"{base}/plans/{plan.pk}/")
    follow(page, "Remove need: Anxious")
    assert page.get_by_text("Are you sure you want to remove this need?").is_visible()
    submit(page, "Yes, remove this need")
    assert page.get_by_text("Need removed").is_visible()
    services.draft_issue(actor=cw, plan=plan, issued_on=TODAY, today=TODAY)
    go(page, f"{base}/plans/{plan.pk}/representations/")
    go(page, f"{base}/plans/{plan.pk}/issue-final/")
    services.representation_record(
        actor=cw,
        plan=plan,
        made_on=TODAY,
        made_by="Dad",
        comments="Fine",
        nothing_more_to_say=True,
        today=TODAY,
    )
    comment = plan.representations.get()
    go(page, f"{base}/plans/{plan.pk}/representations/{comment.pk}/answer/")
    ready_to_issue(cw, plan, world.setting, on=TODAY)
    services.final_issue(
        actor=cw, plan=plan, issued_on=TODAY, named_setting=world.setting, today=TODAY
    )
    go(page, f"{base}/plans/{plan.pk}/")
    follow(page, "Versions issued (1)")
    follow(page, "Compare version 1 with the plan now")
    go(page, f"{base}/plans/")
    sign_out(page)

    sign_in(page, live_server, world.users["senco"].email)
    go(page, f"{base}/plans/{plan.pk}/")
    sign_out(page)


def test_family_page_is_accessible(page, live_server, world):
    admin = world.users["admin"]
    case = drafting_case(world, child=world.parents_child, actor=admin)
    plan = write_plan(admin, services.plan_draft_start(actor=admin, case=case))
    services.draft_issue(actor=admin, plan=plan, issued_on=TODAY, today=TODAY)
    sign_in(page, live_server, world.users["parent"].email)
    go(page, f"{live_server.url}/plans/")
    go(page, f"{live_server.url}/plans/{plan.pk}/family/")
