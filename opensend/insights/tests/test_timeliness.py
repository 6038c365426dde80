"""The timeliness report: counts proven with hand-made cases (an exception counted apart),
who may see it, bad period input, the CSV, and a query count that does not grow with the data."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opensend.casework.models import AdviceKind, AdviceRequest, AssessmentRequest, ClockException
from opensend.disputes.models import (
    Appeal,
    AppealOutcome,
    AppealType,
    ComplaintStage,
    ComplaintStageRecord,
    OrderStep,
    OrderStepException,
    OrderType,
)
from opensend.disputes.services import complaint_create
from opensend.insights import timeliness as reports
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 6, 30)
URL = reverse("insights:timeliness_report")
CSV_URL = reverse("insights:timeliness_report_csv")
PERIOD = {**date_fields("start", START), **date_fields("end", END)}


def make_complaint(actor, child, *, received_on):
    return complaint_create(
        actor=actor,
        child=child,
        received_on=received_on,
        complainant_name="Alex Parent",
        summary="Late advice",
        today=END,
    )


def _request(child, received, **dates):
    return AssessmentRequest.objects.create(
        child=child, received_on=received, source="parent", **dates
    )


@pytest.fixture
def cases(world):
    child = world.caseload_child
    # 20 weeks from 5 January 2026 is 25 May 2026: issued on the day is in time.
    _request(child, date(2026, 1, 5), final_issued_on=date(2026, 5, 25), stage="final_issued")
    _request(child, date(2026, 1, 5), final_issued_on=date(2026, 6, 10), stage="final_issued")
    late_with_exception = _request(
        child, date(2026, 1, 12), final_issued_on=date(2026, 6, 20), stage="final_issued"
    )
    ClockException.objects.create(
        request=late_with_exception,
        ground="personal_circumstances",
        starts_on=date(2026, 3, 1),
        evidence="Hospital stay",
    )
    # Outside the period: not counted.
    _request(child, date(2025, 6, 2), final_issued_on=date(2025, 10, 20), stage="final_issued")
    # Decisions whether to assess: 6 weeks from 2 February 2026 is 16 March 2026.
    decided = _request(child, date(2026, 2, 2), assess_decision_on=date(2026, 3, 16))
    _request(child, date(2026, 2, 2), assess_decision_on=date(2026, 4, 1))
    # Advice: 6 weeks from 2 February 2026 is 16 March 2026.
    AdviceRequest.objects.create(
        request=decided,
        kind=AdviceKind.HEALTH,
        organisation=world.health_org,
        requested_on=date(2026, 2, 2),
        received_on=date(2026, 3, 16),
    )
    late_advice = AdviceRequest.objects.create(
        request=decided,
        kind=AdviceKind.HEALTH,
        organisation=world.health_org,
        requested_on=date(2026, 2, 2),
        received_on=date(2026, 4, 20),
    )
    ClockException.objects.create(
        request=decided,
        advice_request=late_advice,
        ground="missed_appointment",
        starts_on=date(2026, 3, 1),
        evidence="Did not attend clinic",
    )
    return world


def test_new_plans_within_20_weeks_count_exceptions_apart(cases):
    report = reports.timeliness_report(start=START, end=END)
    plans = report.new_plans
    assert (plans.total, plans.in_time, plans.with_exception) == (3, 1, 1)
    # DfE: excluding exceptions 1 of 2; including them 1 of 3.
    assert plans.percent_excluding == 50.0
    assert plans.percent_including == 33.3


def test_decisions_and_advice_within_6_weeks(cases):
    report = reports.timeliness_report(start=START, end=END)
    assert (report.assess_decisions.total, report.assess_decisions.in_time) == (2, 1)
    [row] = report.advice
    assert row.organisation == cases.health_org.name
    assert (row.returned, row.in_time, row.with_exception) == (2, 1, 1)
    assert row.percent_in_time == 50.0


def test_exceptions_by_ground_and_regulation(cases):
    report = reports.timeliness_report(start=START, end=END)
    by_ground = {row.ground: row.by_regulation for row in report.exceptions}
    assert by_ground["personal_circumstances"]["reg 13(3)"] == 1
    assert by_ground["personal_circumstances"]["reg 5(4)"] == 0
    assert by_ground["missed_appointment"]["reg 8(2)"] == 1
    assert by_ground["school_closure"] == dict.fromkeys(report.regulations, 0)


def test_complaints_within_charter_and_appeals(cases):
    cw = cases.users["caseworker"]
    complaint = make_complaint(cw, cases.caseload_child, received_on=date(2026, 3, 2))
    record = complaint.stages.get()
    # 10 working days from Monday 2 March 2026 is Monday 16 March 2026.
    record.responded_on = date(2026, 3, 16)
    record.save()
    late = make_complaint(cw, cases.caseload_child, received_on=date(2026, 3, 2))
    late.stages.update(responded_on=date(2026, 3, 17))
    appeal = Appeal.objects.create(
        child=cases.caseload_child,
        appeal_type=AppealType.REFUSAL_TO_ASSESS,
        decision_sent_on=date(2026, 1, 5),
        lodged_on=date(2026, 2, 20),
        outcome=AppealOutcome.ALLOWED,
        order_type=OrderType.AMEND,
        order_on=date(2026, 4, 1),
    )
    # 5 weeks from the order is 6 May 2026: done late, but with a reg 44(3) exception.
    OrderStep.objects.create(appeal=appeal, rule_id="order_amend_plan", done_on=date(2026, 5, 20))
    OrderStepException.objects.create(
        appeal=appeal,
        rule_id="order_amend_plan",
        ground="absent_from_area_2_weeks",
        starts_on=date(2026, 4, 10),
        evidence="Family abroad",
    )
    report = reports.timeliness_report(start=START, end=END)
    stage_1 = next(t for t in report.complaints if t.label == ComplaintStage.STAGE_1.label)
    assert (stage_1.total, stage_1.in_time, stage_1.percent_including) == (2, 1, 50.0)
    lodged = {row.label: row.count for row in report.appeals_lodged}
    assert lodged[AppealType.REFUSAL_TO_ASSESS.label] == 1
    steps = report.order_steps
    assert (steps.total, steps.in_time, steps.with_exception) == (1, 0, 1)
    assert steps.percent_excluding is None  # nothing left once the exception is set apart
    by_ground = {row.ground: row.by_regulation for row in report.exceptions}
    assert by_ground["absent_from_area_2_weeks"]["reg 44(3)"] == 1


def test_the_number_of_queries_does_not_grow_with_the_data(world):
    child = world.caseload_child

    def add(n):
        for i in range(n):
            _request(
                child,
                date(2026, 1, 5 + i % 20),
                final_issued_on=date(2026, 5, 1 + i % 28),
                assess_decision_on=date(2026, 2, 1 + i % 20),
                stage="final_issued",
            )

    add(3)
    with CaptureQueriesContext(connection) as small:
        reports.timeliness_report(start=START, end=END)
    add(40)
    with CaptureQueriesContext(connection) as large:
        reports.timeliness_report(start=START, end=END)
    assert len(large) == len(small)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("team_manager", 200),
        ("admin", 200),
        ("analyst", 200),
        ("caseworker", 403),
        ("senco", 403),
        ("health", 403),
        ("social_care", 403),
        ("educational_psychologist", 403),
        ("board_member", 403),
        ("local_offer_editor", 403),
        ("parent", 403),
        ("young_person", 403),
    ],
)
def test_who_may_see_the_report(world, role, status):
    client = world.client_for(role)
    assert client.get(URL).status_code == status
    assert client.get(CSV_URL).status_code == status


def test_signed_out_people_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302
    assert client.get(CSV_URL).status_code == 302


def test_the_page_defaults_to_the_last_12_months(cases):
    response = cases.client_for("team_manager").get(URL)
    assert response.status_code == 200
    assert "New EHC plans issued within 20 weeks" in response.text
    start, end = response.context["report"].start, response.context["report"].end
    assert reports.default_period(end) == (start, end)


def test_the_chosen_period_shows_the_figures_and_the_csv_matches(cases):
    client = cases.client_for("analyst")
    response = client.get(URL, PERIOD)
    assert response.status_code == 200
    assert "Thursday 1 January 2026 to Tuesday 30 June 2026" in response.text
    assert "50.0%" in response.text and "33.3%" in response.text
    download = client.get(CSV_URL, PERIOD)
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert ["New EHC plans issued within 20 weeks", "total", "3"] in rows
    assert [
        "New EHC plans issued within 20 weeks",
        "% in time excluding exceptions",
        "50.0",
    ] in rows
    assert [
        "New EHC plans issued within 20 weeks",
        "% in time including exceptions",
        "33.3",
    ] in rows
    # Figures only: no child's name in the page or the file.
    assert cases.caseload_child.family_name not in response.text
    assert cases.caseload_child.family_name not in download.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end_0": "1", "end_1": "12", "end_2": "2025"}, "on or after its start"),
        ({"start_0": "31", "start_1": "2"}, "must be a real date"),
        ({"start_1": ""}, "From must be a real date"),
        ({"start_2": "2020"}, "at most 3 years"),
        ({"start_2": "2099", "end_2": "2099"}, "today or in the past"),
        ({"end_2": "abcd"}, "must be a real date"),
    ],
)
def test_a_bad_period_is_a_400_with_a_clear_message(world, change, message):
    client = world.client_for("team_manager")
    response = client.get(URL, {**PERIOD, **change})
    assert response.status_code == 400
    assert message in response.text
    assert "There is a problem" in response.text
    download = client.get(CSV_URL, {**PERIOD, **change})
    assert download.status_code == 400
    assert message in download.content.decode()


def test_stage_records_only_count_once_replied(cases):
    cw = cases.users["caseworker"]
    make_complaint(cw, cases.caseload_child, received_on=date(2026, 3, 2))
    assert ComplaintStageRecord.objects.count() == 1
    report = reports.timeliness_report(start=START, end=END)
    assert sum(t.total for t in report.complaints) == 0
