"""Complaints: charter clocks in working days, stages, outcomes, bad input and notifications."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend import statutory
from opensend.audit.models import AuditEvent
from opensend.disputes import selectors, services
from opensend.disputes.clocks import complaint_clocks
from opensend.disputes.models import (
    CharterStandard,
    Complaint,
    ComplaintStage,
    ComplaintStageRecord,
    ComplaintStatus,
)
from opensend.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 3, 1)
RECEIVED = dt.date(2026, 12, 17)  # a Thursday: Christmas and New Year fall inside 10 working days


def new_complaint(world, **overrides):
    args = {
        "actor": world.users["caseworker"],
        "child": world.caseload_child,
        "received_on": RECEIVED,
        "complainant_name": "Alex Parent",
        "complainant_email": "alex@family.opensend.test",
        "summary": "The advice was late and nobody told us",
        "about_step": "EHC needs assessment",
        "today": TODAY,
    }
    args.update(overrides)
    return services.complaint_create(**args)


def respond(world, complaint, on, **overrides):
    args = {
        "actor": world.users["caseworker"],
        "complaint": complaint,
        "responded_on": on,
        "response": "We are sorry. The advice was late.",
        "outcome": "partly_upheld",
        "remedy": "Apology; weekly updates",
        "learning": "Chase advice at week 4",
        "today": TODAY,
    }
    args.update(overrides)
    return services.complaint_respond(**args)


def test_charter_clock_counts_working_days_across_christmas(world):
    complaint = new_complaint(world)
    [clock] = complaint_clocks(complaint)
    assert clock.rule_id == "charter"
    assert clock.due_on == statutory.add_working_days(RECEIVED, 10)
    # 25, 28 Dec 2026 and 1 Jan 2027 are bank holidays: the 10th working day is 5 January.
    assert clock.due_on == dt.date(2027, 1, 5)
    assert AuditEvent.objects.filter(object_type="disputes.complaint", action="create").exists()


def test_charter_is_read_from_the_table_and_kept_on_the_stage(world):
    CharterStandard.objects.update_or_create(stage="stage_1", defaults={"working_days": 5})
    complaint = new_complaint(world)
    CharterStandard.objects.filter(stage="stage_1").update(working_days=15)
    [clock] = complaint_clocks(complaint)
    assert clock.due_on == statutory.add_working_days(RECEIVED, 5)


def test_received_message_tells_the_complainant_the_reply_date(world):
    new_complaint(world)
    message = OutboxMessage.objects.get(template="complaint_received")
    assert message.to_address == "alex@family.opensend.test"
    assert statutory.long_date(dt.date(2027, 1, 5)) in message.body


def test_reply_then_escalation_starts_a_new_clock(world):
    complaint = new_complaint(world)
    respond(world, complaint, dt.date(2027, 1, 4))
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RESPONDED
    escalated_on = dt.date(2027, 1, 20)
    services.complaint_escalate(
        actor=world.users["caseworker"],
        complaint=complaint,
        escalated_on=escalated_on,
        reason="Not happy with the apology",
        today=TODAY,
    )
    complaint.refresh_from_db()
    assert complaint.stage == ComplaintStage.STAGE_2
    assert complaint.status == ComplaintStatus.OPEN
    first, second = complaint_clocks(complaint)
    assert first.done_on == dt.date(2027, 1, 4) and not first.was_late
    assert second.trigger_on == escalated_on
    assert second.due_on == statutory.add_working_days(escalated_on, 20)
    assert second.is_open
    assert OutboxMessage.objects.filter(template="complaint_escalated").count() == 1
    assert OutboxMessage.objects.filter(template="complaint_response_sent").count() == 1


def test_escalation_needs_a_reply_first_and_stops_at_the_ombudsman(world):
    cw = world.users["caseworker"]
    complaint = new_complaint(world)
    with pytest.raises(ValidationError, match="reply at stage 1 before escalating"):
        services.complaint_escalate(
            actor=cw, complaint=complaint, escalated_on=TODAY, reason="x", today=TODAY
        )
    respond(world, complaint, dt.date(2027, 1, 4))
    services.complaint_escalate(
        actor=cw, complaint=complaint, escalated_on=dt.date(2027, 1, 5), reason="x", today=TODAY
    )
    respond(world, complaint, dt.date(2027, 1, 20))
    services.complaint_escalate(
        actor=cw, complaint=complaint, escalated_on=dt.date(2027, 1, 25), reason="x", today=TODAY
    )
    respond(world, complaint, dt.date(2027, 2, 10))
    with pytest.raises(ValidationError, match="Ombudsman"):
        services.complaint_escalate(
            actor=cw, complaint=complaint, escalated_on=TODAY, reason="x", today=TODAY
        )
    assert complaint.stages.count() == 3


@pytest.mark.parametrize(
    ("responded_on", "message"),
    [
        (dt.date(2026, 12, 16), "before the complaint reached stage 1"),
        (TODAY + dt.timedelta(days=1), "future"),
    ],
)
def test_bad_reply_dates_are_refused_and_change_nothing(world, responded_on, message):
    complaint = new_complaint(world)
    with pytest.raises(ValidationError, match=message):
        respond(world, complaint, responded_on)
    record = ComplaintStageRecord.objects.get(complaint=complaint)
    assert record.responded_on is None and record.response == ""
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.OPEN


def test_a_second_reply_at_the_same_stage_is_refused(world):
    complaint = new_complaint(world)
    respond(world, complaint, dt.date(2027, 1, 4))
    with pytest.raises(ValidationError, match="already replied"):
        respond(world, complaint, dt.date(2027, 1, 6), response="Second go")
    record = ComplaintStageRecord.objects.get(complaint=complaint)
    assert record.responded_on == dt.date(2027, 1, 4)
    assert record.response == "We are sorry. The advice was late."


def test_empty_or_impossible_complaints_are_refused(world):
    with pytest.raises(ValidationError, match="Tell us what the complaint is about"):
        new_complaint(world, summary="  ")
    with pytest.raises(ValidationError, match="future"):
        new_complaint(world, received_on=TODAY + dt.timedelta(days=1))
    assert not Complaint.objects.exists()


def test_close_needs_a_reply_unless_withdrawn(world):
    cw = world.users["caseworker"]
    complaint = new_complaint(world)
    with pytest.raises(ValidationError, match="close the complaint as withdrawn"):
        services.complaint_close(
            actor=cw, complaint=complaint, closed_on=TODAY, outcome="upheld", today=TODAY
        )
    services.complaint_close(
        actor=cw,
        complaint=complaint,
        closed_on=dt.date(2026, 12, 20),
        outcome="withdrawn",
        reason="Resolved informally",
        today=TODAY,
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED and complaint.outcome == "withdrawn"
    assert complaint_clocks(complaint) == []  # the open clock goes when the complaint closes
    with pytest.raises(ValidationError, match="closed"):
        respond(world, complaint, dt.date(2027, 1, 4))


def test_charter_figures_per_stage(world):
    cw = world.users["caseworker"]
    on_time = new_complaint(world)
    respond(world, on_time, dt.date(2027, 1, 5))  # the due day itself: in time
    late = new_complaint(world)
    respond(world, late, dt.date(2027, 1, 6))
    new_complaint(world)  # still waiting, overdue by TODAY
    services.complaint_escalate(
        actor=cw, complaint=late, escalated_on=dt.date(2027, 1, 7), reason="x", today=TODAY
    )
    figures = {f.stage: f for f in selectors.charter_figures_for_user(user=cw, on=TODAY)}
    stage_1 = figures["stage_1"]
    assert (stage_1.answered, stage_1.answered_in_time, stage_1.percent_in_time) == (2, 1, 50.0)
    assert (stage_1.waiting, stage_1.waiting_overdue) == (1, 1)
    assert figures["stage_2"].waiting == 1 and figures["stage_2"].answered == 0
    assert figures["stage_2"].percent_in_time is None


def test_parent_complaint_is_received_today_and_goes_to_the_parent(world):
    parent = world.users["parent"]
    complaint = services.complaint_create(
        actor=parent,
        child=world.parents_child,
        summary="Nobody calls us back",
        received_on=dt.date(2020, 1, 1),  # ignored: a family complaint is received today
        today=TODAY,
    )
    assert complaint.received_on == TODAY
    assert complaint.made_by == parent
    message = OutboxMessage.objects.get(template="complaint_received")
    assert message.family_member == parent.family_member
    with pytest.raises(PermissionDenied):
        services.complaint_create(
            actor=parent, child=world.other_child, summary="Not my child", today=TODAY
        )
    with pytest.raises(PermissionDenied):
        respond(world, complaint, TODAY, actor=parent)
