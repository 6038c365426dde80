"""A past meeting's pack shows the milestones, risks, recommendations and closings as they stood
on the day, from their kept history: a change after the meeting does not change its pack."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from opensend.improvement import history_services
from opensend.improvement.models import ActionChange, MilestoneChange, RiskChange
from testsupport.factories.improvement import (
    ActionFactory,
    MeasureFactory,
    MeetingFactory,
    MilestoneFactory,
    RecommendationFactory,
    RiskFactory,
    SourceFactory,
    WorkstreamFactory,
)
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db

BEFORE = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)  # things are set up
MEETING = dt.date(2026, 3, 10)  # the Board meets
AFTER = dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)  # things change
LATER = dt.datetime(2026, 3, 25, 12, tzinfo=dt.UTC)  # the packs are read


def _text(response):
    return response.content.decode()


def _pack(client, meeting):
    return _text(client.get(reverse("improvement:board_pack", args=[meeting.pk])))


def _section(pack, start, end):
    return pack.split(f'id="{start}"')[1].split(f'id="{end}"')[0]


def _workstream_rag(pack, title):
    row = pack.split(title)[1].split("</tr>")[0]
    for rag in ("Red", "Amber", "Green", "No rating yet"):
        if f">{rag}<" in row:
            return rag
    raise AssertionError(row)


def test_a_milestone_missed_after_the_meeting_leaves_its_past_pack_as_it_was(world):
    with time_machine.travel(BEFORE, tick=False):
        workstream = WorkstreamFactory(title="Journey of the child")
        action = ActionFactory(
            workstream=workstream,
            status="on_track",
            starts_on=dt.date(2026, 1, 5),
            due_on=dt.date(2026, 12, 31),
        )
        milestone = MilestoneFactory(action=action, due_on=dt.date(2026, 4, 5))
        history_services.milestone_snapshot(milestone, actor=None)
        meeting = MeetingFactory(held_on=MEETING)
    manager = world.client_for("team_manager")
    with time_machine.travel(AFTER, tick=False):
        data = {"status": "missed", "evidence": "", **date_fields("due_on", milestone.due_on)}
        url = reverse("improvement:milestone_update", args=[milestone.pk])
        assert manager.post(url, data).status_code == 302
    assert MilestoneChange.objects.filter(milestone=milestone).count() == 2
    with time_machine.travel(LATER, tick=False):
        assert _workstream_rag(_pack(manager, meeting), "Journey of the child") == "Green"
        next_one = MeetingFactory(held_on=dt.date(2026, 5, 1))
        assert _workstream_rag(_pack(manager, next_one), "Journey of the child") == "Amber"


def test_a_milestone_date_moved_after_the_meeting_keeps_its_old_date_in_the_past_pack(world):
    with time_machine.travel(BEFORE, tick=False):
        action = ActionFactory(
            workstream=WorkstreamFactory(title="Preparation for adulthood"),
            status="on_track",
            starts_on=dt.date(2026, 1, 5),
            due_on=dt.date(2026, 12, 31),
        )
        # Due before the meeting and not met: amber on the day.
        milestone = MilestoneFactory(action=action, due_on=dt.date(2026, 3, 5))
        history_services.milestone_snapshot(milestone, actor=None)
        meeting = MeetingFactory(held_on=MEETING)
    manager = world.client_for("team_manager")
    with time_machine.travel(AFTER, tick=False):
        data = {"status": "pending", "evidence": "", **date_fields("due_on", dt.date(2026, 6, 1))}
        url = reverse("improvement:milestone_update", args=[milestone.pk])
        assert manager.post(url, data).status_code == 302
    with time_machine.travel(LATER, tick=False):
        assert _workstream_rag(_pack(manager, meeting), "Preparation for adulthood") == "Amber"


def test_a_risk_scored_higher_after_the_meeting_is_not_above_appetite_in_its_past_pack(world):
    manager = world.client_for("team_manager")
    with time_machine.travel(BEFORE, tick=False):
        risk = RiskFactory(
            title="Too few educational psychologists", residual_likelihood=2, residual_impact=3
        )
        history_services.risk_snapshot(risk, actor=None, reason="Added")
        closed = RiskFactory(title="Tribunal backlog", residual_likelihood=4, residual_impact=4)
        history_services.risk_snapshot(closed, actor=None, reason="Added")
        meeting = MeetingFactory(held_on=MEETING)
    with time_machine.travel(AFTER, tick=False):
        fields = {
            name: getattr(risk, name)
            for name in (
                "reference", "title", "cause", "effect", "inherent_likelihood",
                "inherent_impact", "controls", "actions", "owner", "trend", "appetite",
            )
        }  # fmt: skip
        data = {
            **fields,
            "residual_likelihood": 4,
            "residual_impact": 4,
            **date_fields("review_on", risk.review_on),
        }
        response = manager.post(reverse("improvement:risk_edit", args=[risk.pk]), data)
        assert response.status_code == 302
        closing = {"reason": "The backlog has cleared", **date_fields("on", dt.date(2026, 3, 20))}
        assert manager.post(reverse("improvement:risk_close", args=[closed.pk]), closing)
    assert RiskChange.objects.filter(risk=risk).count() == 2
    with time_machine.travel(LATER, tick=False):
        past = _section(_pack(manager, meeting), "risks", "changes")
        assert "Too few educational psychologists" not in past  # 2 × 3 = 6 on the day
        assert "Tribunal backlog" in past  # still open on the day
        whole = _pack(manager, MeetingFactory(held_on=dt.date(2026, 5, 1)))
        changed = _section(whole, "changes", "families")
        assert f"Risk {risk.reference}: Changed, score with controls 16" in changed
        assert f"Risk {closed.reference}: Closed: The backlog has cleared" in changed
        now = _section(whole, "risks", "changes")
        assert "Too few educational psychologists" in now and "Tribunal backlog" not in now
        page = _text(manager.get(reverse("improvement:risk_detail", args=[risk.pk])))
        assert "4 × 4 = 16" in page and "2 × 3 = 6" in page  # its history


def test_recommendation_counts_in_a_past_pack_are_those_of_the_day(world):
    manager = world.client_for("team_manager")
    with time_machine.travel(BEFORE, tick=False):
        source = SourceFactory(published_on=dt.date(2026, 1, 10))
        recommendation = RecommendationFactory(source=source)
        meeting = MeetingFactory(held_on=MEETING)
    with time_machine.travel(AFTER, tick=False):
        data = {
            "text": "Done and checked.",
            "status": "complete",
            "evidence": "Minutes of the partnership board",
            **date_fields("written_on", dt.date(2026, 3, 20)),
        }
        url = reverse("improvement:recommendation_update", args=[recommendation.pk])
        assert manager.post(url, data).status_code == 302
    with time_machine.travel(LATER, tick=False):
        past = _section(_pack(manager, meeting), "recommendations", "risks")
        assert "Not started" in past
        complete = past.split("Complete")[1].split("</tr>")[0]
        assert ">0<" in complete
        assert "as it stood on the day" in _pack(manager, meeting)


def test_a_measure_switched_after_the_meeting_is_read_in_its_past_pack_as_it_was(world):
    manager = world.client_for("team_manager")
    with time_machine.travel(BEFORE, tick=False):
        measure = MeasureFactory(
            workstream=WorkstreamFactory(),
            name="Plans within 20 weeks",
            kpi_key="new-plans-20-weeks",
            entered_value=None,
            entered_on=None,
            entered_source="",
        )
        meeting = MeetingFactory(held_on=MEETING)
    with time_machine.travel(AFTER, tick=False):
        data = {
            "reason": "The council's return replaces the records",
            "entered_value": "61",
            "entered_source": "Council return",
            **date_fields("on", dt.date(2026, 3, 20)),
            **date_fields("entered_on", dt.date(2026, 3, 20)),
        }
        url = reverse("improvement:measure_switch", args=[measure.pk])
        assert manager.post(url, data).status_code == 302
    with time_machine.travel(LATER, tick=False):
        past = _section(_pack(manager, meeting), "headlines", "workstreams")
        assert "Plans within 20 weeks" in past  # a live headline on the day
        now = _pack(manager, MeetingFactory(held_on=dt.date(2026, 5, 1)))
        headlines = _section(now, "headlines", "workstreams")
        live_part, entered_part = headlines.split("Measures entered with their source")
        assert "Plans within 20 weeks" not in live_part
        assert "Plans within 20 weeks</a>: <strong>61.0</strong>" in entered_part
        assert "entered since 20 March 2026" in entered_part
        assert ">Green</strong>" in _section(now, "workstreams", "recommendations")


def test_a_figure_entered_after_the_meeting_is_not_in_its_past_pack(world):
    manager = world.client_for("team_manager")
    with time_machine.travel(BEFORE, tick=False):
        measure = MeasureFactory(
            name="Parents who feel listened to", entered_value=45, entered_on=dt.date(2026, 2, 1)
        )
        meeting = MeetingFactory(held_on=MEETING)
    with time_machine.travel(AFTER, tick=False):
        data = {"value": "58", "source": "Spring survey", **date_fields("on", dt.date(2026, 3, 18))}
        url = reverse("improvement:figure_add", args=[measure.pk])
        assert manager.post(url, data).status_code == 302
    with time_machine.travel(LATER, tick=False):
        past = _section(_pack(manager, meeting), "headlines", "workstreams")
        assert "Parents who feel listened to</a>: <strong>45.0</strong>" in past
        now = _section(
            _pack(manager, MeetingFactory(held_on=dt.date(2026, 5, 1))), "headlines", "workstreams"
        )
        assert "Parents who feel listened to</a>: <strong>58.0</strong>" in now


def _action_data(action, **changes):
    data = {
        "title": action.title,
        "owner": action.owner,
        "organisation": action.organisation,
        **date_fields("starts_on", action.starts_on),
        **date_fields("due_on", action.due_on),
    }
    for name, value in changes.items():
        data.update(date_fields(name, value) if isinstance(value, dt.date) else {name: value})
    return data


def test_an_action_due_date_moved_after_the_meeting_keeps_its_old_date_in_the_past_pack(world):
    manager = world.client_for("team_manager")
    with time_machine.travel(BEFORE, tick=False):
        action = ActionFactory(
            workstream=WorkstreamFactory(title="Early identification"),
            status="on_track",
            starts_on=dt.date(2026, 1, 5),
            due_on=dt.date(2026, 3, 6),  # overdue on the day of the meeting
        )
        history_services.action_snapshot(action, actor=None, reason="Added", on=action.starts_on)
        meeting = MeetingFactory(held_on=MEETING)
    with time_machine.travel(AFTER, tick=False):
        data = _action_data(
            action, due_on=dt.date(2026, 6, 30), owner="Head of Inclusion", reason="Agreed at Board"
        )
        url = reverse("improvement:action_change", args=[action.pk])
        assert manager.post(url, data).status_code == 302
        # A change of the title alone is not a change of its dates: no new row.
        again = _action_data(action, due_on=dt.date(2026, 6, 30), owner="Head of Inclusion")
        again["title"] = "Find needs earlier"
        assert manager.post(url, again).status_code == 302
    assert ActionChange.objects.filter(action=action).count() == 2
    with time_machine.travel(LATER, tick=False):
        past = _pack(manager, meeting)
        assert _workstream_rag(past, "Early identification") == "Red"  # due 6 March
        next_one = _pack(manager, MeetingFactory(held_on=dt.date(2026, 5, 1)))
        assert _workstream_rag(next_one, "Early identification") == "Green"  # due 30 June
        page = _text(manager.get(reverse("improvement:action_detail", args=[action.pk])))
    history = page.split('aria-label="History of the owner and dates"')[1]
    assert "6 March 2026" in history and "30 June 2026" in history
    assert "Changed: owner, due date. Why: Agreed at Board" in history
    assert "Head of Inclusion" in history and "Head of SENAR" in history


def test_a_risk_closed_with_a_back_date_after_a_later_change_is_closed_from_that_date(world):
    manager = world.client_for("team_manager")
    with time_machine.travel(BEFORE, tick=False):
        risk = RiskFactory(title="Tribunal backlog", residual_likelihood=4, residual_impact=4)
        history_services.risk_snapshot(risk, actor=None, reason="Added")
        before = MeetingFactory(held_on=MEETING)
        between = MeetingFactory(held_on=dt.date(2026, 3, 16))
        after = MeetingFactory(held_on=dt.date(2026, 3, 23))
    with time_machine.travel(AFTER, tick=False):  # rescored on 20 March
        risk.trend = "falling"
        risk.save()
        history_services.risk_snapshot(risk, actor=None, reason="Changed")
    with time_machine.travel(LATER, tick=False):  # closed on 25 March, from 12 March
        closing = {"reason": "The backlog had cleared", **date_fields("on", dt.date(2026, 3, 12))}
        assert manager.post(reverse("improvement:risk_close", args=[risk.pk]), closing)
        assert "Tribunal backlog" in _section(_pack(manager, before), "risks", "changes")
        assert "Tribunal backlog" not in _section(_pack(manager, between), "risks", "changes")
        assert "Tribunal backlog" not in _section(_pack(manager, after), "risks", "changes")
