"""Issue 12's check: an educational psychologist drafts and sends advice, and the caseworker reads
the EP and health advice from the case page and from the plan editor, in Chromium with axe."""

import datetime as dt

import pytest

from opensend.casework.services import advice as advice_services
from opensend.plans import services as plan_services
from testsupport.browser import follow, go, sign_in, sign_out, submit
from testsupport.journeys import TODAY, assessing_case, decide_to_issue

pytestmark = pytest.mark.browser


def test_a_caseworker_reads_ep_and_health_advice_from_the_plan_editor(page, live_server, world):
    base = live_server.url
    case, health = assessing_case(world)
    ep_org = world.users["educational_psychologist"].memberships.get().organisation
    ep = advice_services.advice_request_send(
        actor=world.users["caseworker"],
        case=case,
        kind="ep",
        organisation=ep_org,
        requested_on=dt.date(2026, 7, 2),
        today=TODAY,
    )
    advice_services.advice_submit(
        actor=world.users["health"],
        advice=health,
        needs="Glue ear: hears poorly in noisy rooms",
        provision="Audiology review every six months",
        submitted_on=dt.date(2026, 7, 30),
        today=TODAY,
    )

    # The EP drafts the advice, comes back to it, and sends it.
    sign_in(page, live_server, world.users["educational_psychologist"].email)
    go(page, f"{base}/casework/advice/")
    follow(page, case.child.full_name)
    page.get_by_label("Needs you have identified").fill("Slow processing of spoken language")
    submit(page, "Save as draft")
    assert "Draft saved" in page.content()
    page.get_by_label("Provision you recommend").fill("Instructions given one step at a time")
    submit(page, "Submit advice")
    sign_out(page)

    decide_to_issue(world, case)
    plan = plan_services.plan_draft_start(actor=world.users["caseworker"], case=case)

    # The caseworker reads both from the case page...
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{base}/casework/cases/{case.pk}/")
    follow(page, "Read Educational psychology advice")
    assert page.get_by_text("Slow processing of spoken language").is_visible()
    assert page.get_by_text("Instructions given one step at a time").is_visible()

    # ...and beside the sections of the plan they are writing.
    go(page, f"{base}/plans/{plan.pk}/")
    page.get_by_text("Advice for section C (1)").click()
    assert page.get_by_text("Glue ear: hears poorly in noisy rooms").is_visible()
    page.get_by_text("Advice for section B (1)").click()
    assert page.get_by_text("Slow processing of spoken language").is_visible()
    follow(page, f"Read all of this advice (Educational psychology advice from {ep_org})")
    assert page.url.endswith(f"/casework/advice/{ep.pk}/")
    follow(page, "Back to the case")
    sign_out(page)


def test_the_advice_pages_work_at_320_px_without_javascript(page_without_js, live_server, world):
    page = page_without_js
    page.set_viewport_size({"width": 320, "height": 800})
    _, health = assessing_case(world)
    advice_services.advice_submit(
        actor=world.users["health"],
        advice=health,
        needs="Asthma",
        submitted_on=dt.date(2026, 7, 30),
        today=TODAY,
    )
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{live_server.url}/casework/advice/{health.pk}/")
    assert page.get_by_text("Asthma").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
