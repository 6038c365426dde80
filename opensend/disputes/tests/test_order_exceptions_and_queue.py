"""Reg 44(3) exceptions on Tribunal order steps, and the queue paged in the database with its
stored next date (constant queries, whatever the number of records)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opensend import statutory
from opensend.core.clocks import next_open_clock
from opensend.disputes import selectors, services
from opensend.disputes.clocks import appeal_clocks, record_clocks
from opensend.disputes.models import Appeal, Complaint, DisputeStep, OrderStepException
from testsupport.disputes import fresh
from testsupport.forms import date_fields
from testsupport.roles import ROLES, SENAR

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 9, 1)
ORDER_ON = dt.date(2026, 6, 1)


@pytest.fixture
def ordered(world):
    """An appeal allowed with an order to amend the plan (5 weeks: due 6 July 2026)."""
    cw = world.users["caseworker"]
    appeal = services.appeal_lodge(
        actor=cw,
        child=world.caseload_child,
        appeal_type="contents",
        sections="B, F",
        decision_sent_on=dt.date(2026, 1, 10),
        lodged_on=dt.date(2026, 2, 1),
        today=TODAY,
    )
    services.appeal_hearing_record(actor=cw, appeal=appeal, hearing_on=dt.date(2026, 5, 20))
    services.appeal_outcome_record(
        actor=cw, appeal=appeal, outcome="allowed", outcome_on=dt.date(2026, 5, 20), today=TODAY
    )
    services.appeal_order_record(
        actor=cw, appeal=appeal, order_type="amend", order_on=ORDER_ON, today=TODAY
    )
    return fresh(appeal)


def record_exception(world, appeal, **overrides):
    args = {
        "actor": world.users["caseworker"],
        "appeal": appeal,
        "rule_id": "order_amend_plan",
        "ground": "absent_from_area_2_weeks",
        "starts_on": dt.date(2026, 6, 10),
        "ends_on": dt.date(2026, 7, 1),
        "evidence": "The family was abroad: email from the parent of 9 June 2026",
        "today": TODAY,
    }
    args.update(overrides)
    return services.order_exception_record(**args)


def plan_amended(world, appeal, *, on):
    """The order's step "amend the plan" done on `on`, by the caseworker."""
    services.order_step_done(
        actor=world.users["caseworker"],
        appeal=appeal,
        rule_id="order_amend_plan",
        done_on=on,
        today=TODAY,
    )


def test_an_exception_lifts_the_order_limit_and_is_shown(world, ordered):
    record_exception(world, ordered)
    [clock] = [c for c in appeal_clocks(fresh(ordered)) if c.rule_id == "order_amend_plan"]
    assert clock.due_on == statutory.due("order_amend_plan", ORDER_ON)
    assert clock.exception is not None
    assert clock.status_label(TODAY) == "Limit lifted by an exception"
    step = DisputeStep.objects.get(appeal=ordered, kind="order_exception")
    assert "away from the area" in step.summary.lower()
    client = world.client_for("caseworker")
    page = client.get(reverse("disputes:appeal_detail", args=[ordered.pk])).content.decode()
    assert "Exceptions to the order's time limits" in page
    assert "Limit lifted by an exception" in page
    assert "The family was abroad" in page
    # done late afterwards: still shown as late, with the exception
    plan_amended(world, ordered, on=dt.date(2026, 7, 20))
    [clock] = appeal_clocks(Appeal.objects.get(pk=ordered.pk))[1:]
    assert clock.status_label(TODAY) == "Done late (exception applies)"
    assert fresh(ordered).compliant_on == dt.date(2026, 7, 20)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ground": "missed_appointment"}, "does not lift the order"),
        ({"ground": "nonsense"}, "does not lift the order"),
        ({"rule_id": "order_assess_notify"}, "not part of this order"),
        ({"starts_on": dt.date(2026, 5, 1)}, "cannot start before the order"),
        ({"starts_on": dt.date(2026, 10, 1)}, "cannot be in the future"),
        ({"ends_on": dt.date(2026, 6, 5)}, "on or after the start date"),
        ({"evidence": "  "}, "evidence"),
    ],
)
def test_bad_exceptions_are_refused_and_change_nothing(world, ordered, overrides, message):
    with pytest.raises(ValidationError) as exc:
        record_exception(world, ordered, **overrides)
    assert message in str(exc.value)
    assert not OrderStepException.objects.exists()
    assert not DisputeStep.objects.filter(kind="order_exception").exists()


def test_a_second_exception_on_the_same_step_is_refused(world, ordered):
    record_exception(world, ordered)
    with pytest.raises(ValidationError, match="already recorded"):
        record_exception(world, ordered, ground="personal_circumstances")
    assert OrderStepException.objects.count() == 1


def test_only_senar_may_record_an_exception(world, ordered):
    with pytest.raises(PermissionDenied):
        record_exception(world, ordered, actor=world.users["senco"])


@pytest.mark.parametrize("role", ROLES)
def test_exception_page_permissions(world, ordered, role):
    url = reverse("disputes:appeal_order_exception", args=[ordered.pk, "order_amend_plan"])
    assert world.client_for(role).get(url).status_code == (200 if role in SENAR else 403)


def test_exception_form_errors_are_a_400_and_change_nothing(world, ordered):
    client = world.client_for("caseworker")
    url = reverse("disputes:appeal_order_exception", args=[ordered.pk, "order_amend_plan"])
    bad = client.post(
        url,
        {
            "ground": "school_closure",
            **date_fields("starts_on", dt.date(2026, 5, 1)),
            "evidence": "School closed",
        },
    )
    assert bad.status_code == 400
    assert "cannot start before the order" in bad.content.decode()
    impossible = client.post(
        url, {"ground": "school_closure", "starts_on_0": "31", "starts_on_1": "2",
              "starts_on_2": "2026", "evidence": "x"}
    )  # fmt: skip
    assert impossible.status_code == 400
    assert "must be a real date" in impossible.content.decode()
    assert not OrderStepException.objects.exists()
    good = client.post(
        url,
        {
            "ground": "school_closure",
            **date_fields("starts_on", dt.date(2026, 6, 2)),
            "evidence": "School closed for rebuilding",
        },
    )
    assert good.status_code == 302
    assert OrderStepException.objects.get().ground == "school_closure"
    again = client.post(
        url,
        {
            "ground": "school_closure",
            **date_fields("starts_on", dt.date(2026, 6, 2)),
            "evidence": "Twice",
        },
    )
    assert again.status_code == 400
    assert OrderStepException.objects.count() == 1
    unknown = reverse("disputes:appeal_order_exception", args=[ordered.pk, "no_such_rule"])
    assert client.get(unknown).status_code == 404


# ---------------------------------------------------------------------------- queue


def _complaint(world, received_on):
    return services.complaint_create(
        actor=world.users["caseworker"],
        child=world.caseload_child,
        received_on=received_on,
        complainant_name="A parent",
        summary="Late",
        today=TODAY,
    )


def test_every_service_keeps_the_stored_next_date_in_step(world, ordered):
    complaint = _complaint(world, dt.date(2026, 8, 2))
    expected = next_open_clock(record_clocks(fresh(complaint)))
    assert fresh(complaint).next_due_on == expected.due_on
    services.complaint_respond(
        actor=world.users["caseworker"],
        complaint=complaint,
        responded_on=dt.date(2026, 8, 5),
        response="Sorry",
        outcome="upheld",
        today=TODAY,
    )
    assert fresh(complaint).next_due_on is None
    assert fresh(ordered).next_due_on == statutory.due("order_amend_plan", ORDER_ON)
    plan_amended(world, ordered, on=dt.date(2026, 7, 1))
    assert fresh(ordered).next_due_on is None


def test_queue_is_paged_in_the_database_soonest_first(world, ordered, monkeypatch):
    monkeypatch.setattr(selectors, "QUEUE_PAGE_SIZE", 3)
    complaints = [_complaint(world, dt.date(2026, 8, day)) for day in (2, 3, 4, 5, 6)]
    cw = world.users["caseworker"]
    page_1, rows_1 = selectors.dispute_queue_page_for_user(user=cw, on=TODAY, page=1)
    assert page_1.paginator.count == 6
    dates = [r.due_on for r in rows_1]
    assert dates == sorted(dates)
    assert rows_1[0].record == ordered  # due 6 July 2026, before every complaint
    _, rows_2 = selectors.dispute_queue_page_for_user(user=cw, on=TODAY, page=2)
    assert [r.record for r in rows_2] == complaints[2:]
    # a page number that is not a number, or too big: the nearest page, never an error
    assert selectors.dispute_queue_page_for_user(user=cw, on=TODAY, page="x")[0].number == 1
    assert selectors.dispute_queue_page_for_user(user=cw, on=TODAY, page="99")[0].number == 2
    response = world.client_for("caseworker").get(reverse("disputes:queue"), {"page": "2"})
    assert response.status_code == 200
    assert "6 open records (page 2 of 2)" in response.content.decode()


def test_queue_queries_do_not_grow_with_the_number_of_records(world, ordered):
    cw = world.users["caseworker"]
    _complaint(world, dt.date(2026, 8, 2))
    with CaptureQueriesContext(connection) as few:
        selectors.dispute_queue_page_for_user(user=cw, on=TODAY)
    for day in range(3, 28):
        _complaint(world, dt.date(2026, 8, day))
    with CaptureQueriesContext(connection) as many:
        selectors.dispute_queue_page_for_user(user=cw, on=TODAY)
    assert len(many) == len(few)
    assert Complaint.objects.count() == 26
