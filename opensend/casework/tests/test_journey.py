"""The EHC journey from request to the decision whether to issue: clocks, order, permissions."""

import datetime as dt
from functools import partial

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opensend import statutory
from opensend.audit.models import AuditEvent
from opensend.casework import services
from opensend.casework.clocks import clocks_for
from opensend.casework.models import Stage
from testsupport.journeys import (
    RECEIVED,
    TODAY,
    ask_health,
    decide_to_assess,
    decide_to_issue,
    decide_whether_to_assess,
    new_request,
)

pytestmark = pytest.mark.django_db


def test_request_starts_the_clocks_from_the_date_received(world):
    case = new_request(world)
    assert case.caseworker == world.users["caseworker"]
    assert case.next_due_rule == "decide_whether_to_assess"
    assert case.next_due_on == statutory.due("decide_whether_to_assess", RECEIVED)
    assert AuditEvent.objects.filter(child_id=world.caseload_child.pk, action="create").exists()


def test_whole_journey_to_the_decision_to_issue(world):
    case = new_request(world)
    decide_to_assess(
        world, case, decided_on=dt.date(2026, 7, 6), reasons="Evidence of needs beyond SEN support"
    )
    advice = ask_health(world, case, requested_on=dt.date(2026, 7, 7))
    case.refresh_from_db()
    assert case.stage == Stage.ASSESSING
    by_rule = {c.rule_id: c for c in clocks_for(case)}
    assert by_rule["provide_advice"].due_on == statutory.due("provide_advice", dt.date(2026, 7, 7))
    assert by_rule["issue_final_plan"].due_on == statutory.due("issue_final_plan", RECEIVED)
    services.advice_submit(
        actor=world.users["health"],
        advice=advice,
        needs="Needs SALT",
        provision="Weekly SALT",
        submitted_on=dt.date(2026, 8, 1),
        today=TODAY,
    )
    decide_to_issue(world, case)
    case.refresh_from_db()
    assert case.stage == Stage.DRAFTING
    assert case.next_due_rule == "issue_final_plan"
    kinds = list(case.steps.values_list("kind", flat=True))
    assert kinds == [
        "received",
        "decided_to_assess",
        "advice_requested",
        "advice_received",
        "decided_to_issue",
    ]


def test_refusal_needs_reasons_and_stops_the_clocks(world):
    case = new_request(world)
    with pytest.raises(ValidationError, match="reasons"):
        decide_whether_to_assess(world, case, assess=False, reasons=" ")
    decide_whether_to_assess(world, case, assess=False, reasons="Needs can be met at SEN support")
    case.refresh_from_db()
    assert case.stage == Stage.NOT_ASSESSING and case.next_due_on is None


@pytest.mark.parametrize(
    ("decided_on", "message"),
    [
        (dt.date(2026, 5, 31), "before the request was received"),
        (TODAY + dt.timedelta(days=1), "future"),
    ],
)
def test_impossible_dates_are_refused_and_change_nothing(world, decided_on, message):
    case = new_request(world)
    with pytest.raises(ValidationError, match=message):
        decide_whether_to_assess(world, case, assess=True, decided_on=decided_on)
    case.refresh_from_db()
    assert case.stage == Stage.REQUESTED and case.assess_decision_on is None


def test_out_of_order_and_double_steps_are_refused(world):
    case = new_request(world)
    with pytest.raises(ValidationError, match="cannot be done now"):
        decide_to_issue(world, case, decided_on=RECEIVED, reasons="x")
    decide_to_assess(world, case)
    with pytest.raises(ValidationError, match="already been recorded"):
        decide_whether_to_assess(world, case, assess=False, decided_on=dt.date(2026, 7, 2))
    with pytest.raises(ValidationError, match="open request"):
        new_request(world)


def test_repeat_requests_within_six_months_are_flagged(world):
    first = new_request(world, received_on=dt.date(2026, 3, 1))
    decide_whether_to_assess(
        world, first, assess=False, decided_on=dt.date(2026, 4, 1), reasons="SEN support"
    )
    second = new_request(world, received_on=dt.date(2026, 8, 1))
    assert second.is_repeat


def test_setting_requests_need_their_evidence(world):
    with pytest.raises(ValidationError) as exc:
        new_request(world, support_tried="", requested_by_setting=None)
    assert set(exc.value.message_dict) == {"needs_summary", "requested_by_setting"}


def test_exception_lifts_a_limit_visibly(world):
    cw = world.users["caseworker"]
    case = new_request(world)
    exception_from_10_june = partial(
        services.clock_exception_record,
        actor=cw,
        case=case,
        starts_on=dt.date(2026, 6, 10),
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="does not apply"):
        exception_from_10_june(ground="missed_appointment", evidence="x")
    exception_from_10_june(ground="personal_circumstances", evidence="Family bereavement")
    clock = next(c for c in clocks_for(case) if c.rule_id == "decide_whether_to_assess")
    assert clock.exception is not None
    assert clock.status_label(TODAY) == "Limit lifted by an exception"


def test_only_the_organisation_asked_can_submit_advice(world):
    case = new_request(world)
    decide_to_assess(world, case)
    advice = ask_health(world, case)
    with pytest.raises(PermissionDenied):
        services.advice_submit(
            actor=world.users["social_care"], advice=advice, needs="x", today=TODAY
        )
    with pytest.raises(ValidationError, match="Write the advice"):
        services.advice_submit(actor=world.users["health"], advice=advice, today=TODAY)
    # The health professional's workspace shows it; social care's does not.
    assert advice.pk in [a.pk for a in _workspace(world, "health")]
    assert advice.pk not in [a.pk for a in _workspace(world, "social_care")]
    page = world.client_for("social_care").get(reverse("casework:advice_detail", args=[advice.pk]))
    assert page.status_code == 404


def _workspace(world, role):
    from opensend.casework.selectors import advice_list_for_user

    return advice_list_for_user(user=world.users[role])
