"""A manager reopens a closed impact measure and binds it to a live KPI, in Chromium with
JavaScript off; then a board member reads a past meeting's pack, which still shows the measure as
it was then. `go`, `submit` and `follow` run axe-core (WCAG 2.2 AA) on every page reached."""

import pytest

from testsupport.browser import follow, go, sign_in, sign_out, submit

pytestmark = pytest.mark.browser
CLOSED = "Board papers sent a week ahead (counted by hand)"


def test_a_manager_reopens_a_measure_and_binds_it_to_a_live_kpi(
    page_without_js, live_server, world
):
    from opensend.demo.improvement import build_demo_improvement
    from opensend.improvement.models import BoardMeeting
    from testsupport.demo import TODAY

    page = page_without_js
    build_demo_improvement(seed=7, today=TODAY)
    sign_in(page, live_server, world.users["team_manager"].email)
    go(page, f"{live_server.url}/")
    follow(page, "Improvement")
    follow(page, "Written Statement of Action")
    assert "Closed impact measures" in page.locator("main").inner_text()
    follow(page, CLOSED)
    assert "Closed on" in page.locator("main").inner_text()
    follow(page, "Reopen the measure")
    submit(page, "Save", status=400)  # no reason given
    assert "Enter why" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Why (kept in the audit trail)").fill("Still counted by hand this term")
    submit(page, "Save")
    main = page.locator("main").inner_text()
    assert "Closed on" not in main and "Reopened on" in page.content()

    follow(page, "Bind it to a live KPI")
    page.get_by_label("Live KPI from the records").select_option(index=1)
    page.get_by_label("Why (kept in the audit trail)").fill("The records hold it now")
    submit(page, "Save")
    main = page.locator("main").inner_text()
    assert "Bound to a live KPI since" in main
    assert "before the switch, not used" in main
    sign_out(page)

    oldest = BoardMeeting.objects.order_by("held_on").first()
    sign_in(page, live_server, world.users["board_member"].email)
    go(page, f"{live_server.url}/improvement/meetings/{oldest.pk}/pack/")
    entered = page.locator("main").inner_text().split("Measures entered with their source")[1]
    assert CLOSED in entered.split("2. RAG by workstream")[0]  # entered, and open, on that day
