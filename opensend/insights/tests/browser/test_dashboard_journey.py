"""A team manager in Chromium: opens the dashboard from the navigation, reads a KPI, breaks it
down by team, drills down to the cases behind it and downloads CSV and Excel. Every page passes
axe-core (WCAG 2.2 AA) with no console errors, and the dashboard fits a 320 px screen."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from opensend import statutory
from opensend.casework.models import AssessmentRequest
from testsupport.browser import follow, go, sign_in, submit
from testsupport.transfers import today

pytestmark = pytest.mark.browser


def test_a_manager_reads_drills_down_and_downloads(page, live_server, world):
    # Two plans issued in the last 12 months for the manager's team: one in time, one late.
    received = statutory.add_months(today(), -8)
    due = statutory.due("issue_final_plan", received)
    AssessmentRequest.objects.create(
        child=world.caseload_child, received_on=received, source="parent", final_issued_on=due
    )
    AssessmentRequest.objects.create(
        child=world.team_child,
        received_on=received,
        source="parent",
        final_issued_on=statutory.add_days(due, 1),
    )
    sign_in(page, live_server, world.users["team_manager"].email)
    follow(page, "Performance")
    assert page.get_by_test_id("kpi-new-plans-20-weeks").inner_text() == "50.0%"
    assert page.get_by_test_id("chart-summary").is_visible()

    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    page.set_viewport_size({"width": 1024, "height": 800})

    follow(page, "New EHC plans issued within 20 weeks")
    assert page.get_by_test_id("headline").inner_text() == "50.0%"
    page.get_by_label("Break down by").select_option("team")
    submit(page, "Break down")
    follow(page, world.team.name)
    assert page.get_by_role("link", name=world.caseload_child.full_name).is_visible()
    assert page.get_by_role("link", name=world.team_child.full_name).is_visible()

    page.go_back()
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download this breakdown (CSV)").click()
    text = Path(csv_download.value.path()).read_text(encoding="utf-8")
    assert world.team.name in text
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Download this breakdown (Excel)").click()
    content = Path(xlsx_download.value.path()).read_bytes()
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert any(row[0].value == world.team.name for row in sheet.iter_rows())
    go(page, f"{live_server.url}/insights/performance/kpis/placements/")
    # An area-wide Local Offer figure: no breakdown by child, nothing behind it to open.
    go(page, f"{live_server.url}/insights/performance/kpis/local-offer-searches-no-results/")
    assert page.get_by_test_id("headline").inner_text() == "0"
