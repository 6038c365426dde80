"""Disputes in Chromium: a complaint answered within the charter, and a Tribunal order complied
with. Every page visited is checked with axe-core (WCAG 2.2 AA) by go/submit/follow."""

import datetime

import pytest

from opensend import statutory
from opensend.casework.models import AssessmentRequest, Stage
from testsupport.browser import fill_date_by_legend, follow, go, sign_in, sign_out, submit

pytestmark = pytest.mark.browser


def _fill_date(page, legend: str, on: datetime.date) -> None:
    fill_date_by_legend(page, legend, str(on.day), str(on.month), str(on.year))


def _parents_child_on_caseload(world):
    child = world.parents_child
    child.caseworker = world.users["caseworker"]
    child.senar_team = world.team
    child.save()
    return child


def test_a_complaint_answered_within_the_charter(page, live_server, world):
    base = live_server.url
    today = datetime.date.today()
    child = _parents_child_on_caseload(world)
    assessment_request = AssessmentRequest.objects.create(
        child=child,
        received_on=statutory.add_days(today, -30),
        source="parent",
        stage=Stage.ASSESSING,
        assess_decision_on=statutory.add_days(today, -5),
    )

    # The parent makes a complaint about their child's assessment from the family pages.
    sign_in(page, live_server, world.users["parent"].email)
    go(page, f"{base}/disputes/complaints/")
    follow(page, "Make a complaint")
    follow(page, child.full_name)
    page.get_by_label("Which request is it about? (optional)").select_option(
        label=f"EHC needs assessment: request received {assessment_request.received_on:%d %B %Y}"
    )
    page.get_by_label("Which part of our service is your complaint about? (optional)").fill(
        "Advice for the assessment"
    )
    page.get_by_label("What is your complaint?").fill("The advice appointment was cancelled.")
    submit(page, "Send your complaint")
    reply_due = statutory.add_working_days(today, 10)
    body = page.locator("main").inner_text()
    assert "Thank you. We have your complaint." in body
    assert "When we will reply" in body
    assert f"{reply_due.day} {reply_due:%B %Y}" in body
    sign_out(page)

    # The caseworker sees it in the queue with its charter date and replies in time.
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{base}/disputes/")
    row = page.locator("tr", has_text="Complaint: Stage 1")
    assert f"{reply_due.day} {reply_due:%B %Y}" in row.inner_text()
    assert child.full_name in row.inner_text()
    follow(page, "Complaint: Stage 1")
    follow(page, "Record our reply")
    _fill_date(page, "Date we replied", today)
    page.get_by_label("Upheld", exact=True).check()
    page.get_by_label("Our reply").fill("We are sorry. The appointment has been rebooked.")
    page.get_by_label("Remedy (optional)").fill("A new appointment within 2 weeks.")
    page.get_by_label("What we have learned (optional)").fill(
        "Cancelled appointments are now rebooked the same day."
    )
    submit(page, "Save")
    assert "Done in time" in page.locator("main").inner_text()
    sign_out(page)

    # The parent sees the reply.
    sign_in(page, live_server, world.users["parent"].email)
    go(page, f"{base}/disputes/complaints/")
    assert "Replied" in page.locator("main").inner_text()
    follow(page, f"{today.day} {today:%B %Y}")
    body = page.locator("main").inner_text()
    assert "We are sorry. The appointment has been rebooked." in body
    assert "A new appointment within 2 weeks." in body
    assert "Cancelled appointments are now rebooked" not in body  # learning is for staff


def test_a_tribunal_order_complied_with(page, live_server, world):
    base = live_server.url
    today = datetime.date.today()
    child = world.caseload_child
    AssessmentRequest.objects.create(
        child=child,
        received_on=statutory.add_days(today, -120),
        source="parent",
        stage=Stage.NOT_ASSESSING,
        assess_decision_on=statutory.add_days(today, -90),
    )
    decided = statutory.add_days(today, -90)
    sign_in(page, live_server, world.users["caseworker"].email)
    go(page, f"{base}/disputes/appeals/")
    go(page, f"{base}/disputes/new/appeal/choose-child/?name={child.family_name}")
    follow(page, child.full_name)
    page.get_by_label("Refusal to assess", exact=True).check()
    _fill_date(page, "Date the decision notice was sent", decided)
    _fill_date(page, "Date the appeal was lodged", statutory.add_days(today, -60))
    submit(page, "Save")
    assert "Appeal: refusal to assess" in page.locator("h1").inner_text()

    follow(page, "Set the hearing date")
    _fill_date(page, "Date of the hearing", statutory.add_days(today, -20))
    submit(page, "Save")
    follow(page, "Record the outcome")
    page.get_by_label("Allowed", exact=True).check()
    _fill_date(page, "Date of the decision", statutory.add_days(today, -20))
    submit(page, "Save")
    follow(page, "Record the order")
    page.get_by_label("Carry out an EHC needs assessment", exact=True).check()
    order_on = statutory.add_days(today, -19)
    _fill_date(page, "Date of the order", order_on)
    submit(page, "Save")

    notify = statutory.get_rule("order_assess_notify").title
    final = statutory.get_rule("order_assess_final_plan").title
    follow(page, f"Done: {notify}")
    _fill_date(page, "Date done", statutory.add_days(today, -10))
    submit(page, "Save")
    follow(page, f"Done: {final}")
    _fill_date(page, "Date done", today)
    submit(page, "Save")

    body = page.locator("main").inner_text()
    assert f"Complied with on {today.day} {today:%B %Y}" in body
    clocks = page.locator("table", has_text="Time limits").inner_text()
    assert clocks.count("Done in time") == 3  # the appeal deadline and both order steps
    assert statutory.get_rule("order_assess_not_to_issue").title not in clocks
    go(page, f"{base}/disputes/")
    assert "Appeal: Refusal to assess" not in page.locator("main").inner_text()


def test_the_timeliness_report_and_an_order_exception_are_accessible(page, live_server, world):
    from opensend.disputes import services

    base = live_server.url
    today = datetime.date.today()
    cw = world.users["caseworker"]
    appeal = services.appeal_lodge(
        actor=cw,
        child=world.caseload_child,
        appeal_type="contents",
        decision_sent_on=statutory.add_days(today, -90),
        lodged_on=statutory.add_days(today, -60),
    )
    services.appeal_outcome_record(
        actor=cw, appeal=appeal, outcome="conceded", outcome_on=statutory.add_days(today, -30)
    )
    services.appeal_order_record(
        actor=cw, appeal=appeal, order_type="amend", order_on=statutory.add_days(today, -30)
    )
    sign_in(page, live_server, cw.email)
    go(page, f"{base}/disputes/appeals/{appeal.pk}/")
    title = statutory.get_rule("order_amend_plan").title
    follow(page, f"Record an exception to the time limit for: {title}")
    submit(page, "Save", status=400)
    page.get_by_label("Exceptional personal circumstances", exact=False).first.check()
    _fill_date(page, "Date the circumstances started", statutory.add_days(today, -20))
    page.get_by_label("Evidence").fill("A letter from the family's doctor")
    submit(page, "Save")
    assert "Exception recorded" in page.locator("table", has_text="Time limits").inner_text()
    sign_out(page)

    sign_in(page, live_server, world.users["team_manager"].email)
    go(page, f"{base}/insights/timeliness/")
    _fill_date(page, "From", today)
    _fill_date(page, "To", statutory.add_days(today, -1))
    submit(page, "Show the report", status=400)
    _fill_date(page, "From", statutory.add_months(today, -6))
    _fill_date(page, "To", today)
    submit(page, "Show the report")
    assert "Exceptions by ground and regulation" in page.locator("main").inner_text()
