"""The RAG rules (improvement.rag, docs/improvement.md): each action's rating on a given day,
and a workstream's as the worst of its actions and measures."""

from datetime import date

import pytest

from opensend.improvement import rag
from opensend.improvement.pack import workstream_summary
from testsupport.factories.improvement import (
    ActionFactory,
    MeasureFactory,
    MilestoneFactory,
    WorkstreamFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"status": "withdrawn", "due_on": date(2026, 1, 31)}, "Withdrawn"),
        ({"status": "complete", "due_on": date(2026, 1, 31)}, "Complete"),
        ({"status": "on_track", "due_on": date(2026, 5, 31)}, "Red"),  # overdue
        ({"status": "at_risk"}, "Amber"),
        ({"status": "not_started"}, "Amber"),  # its start date (5 Jan) has passed
        ({"status": "not_started", "starts_on": date(2026, 7, 1)}, "Green"),
        ({"status": "on_track"}, "Green"),
        ({"status": "on_track", "due_on": TODAY}, "Green"),  # due today is not overdue
    ],
)
def test_action_rag(fields, expected):
    assert rag.action_rag(ActionFactory(**fields), today=TODAY) == expected


@pytest.mark.parametrize(
    ("milestone", "expected"),
    [
        ({"status": "missed", "due_on": date(2026, 4, 5)}, "Amber"),
        ({"status": "pending", "due_on": date(2026, 4, 5)}, "Amber"),  # passed, not met
        ({"status": "met", "due_on": date(2026, 4, 5)}, "Green"),
        ({"status": "pending", "due_on": date(2026, 7, 5)}, "Green"),  # not yet due
    ],
)
def test_a_late_milestone_makes_an_action_amber(milestone, expected):
    action = ActionFactory(status="on_track")
    MilestoneFactory(action=action, **milestone)
    assert rag.action_rag(action, today=TODAY) == expected


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        (["Green", "Amber", "Red"], "Red"),
        (["Green", "Amber", "Complete"], "Amber"),
        (["Complete", "Green"], "Green"),
        (["Complete"], "Green"),
        (["Withdrawn", "No figure yet"], "No rating yet"),
        ([], "No rating yet"),
    ],
)
def test_workstream_rag_is_the_worst(ratings, expected):
    assert rag.workstream_rag(ratings) == expected


def test_a_measure_below_its_baseline_makes_the_workstream_red():
    workstream = WorkstreamFactory()
    ActionFactory(workstream=workstream, status="on_track")
    MeasureFactory(workstream=workstream, entered_value=35)  # baseline 40
    summary = workstream_summary(workstream, today=TODAY, suppress=True)
    assert summary.rag == "Red"
    assert summary.counts == {"Red": 1, "Amber": 0, "Green": 1, "Complete": 0}
