"""A plan's actions as managers and board members use them: adding one with its milestones,
dependencies (no circles; not complete while one it depends on is unfinished), status changes
that need a reason and keep their history, evidence as a checked upload or a link, overdue
actions shown as such."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.audit.models import AuditEvent
from opensend.improvement.models import ActionEvidence, ActionStatus, PlanAction
from testsupport.factories.improvement import (
    ActionFactory,
    EvidenceFactory,
    MilestoneFactory,
    WorkstreamFactory,
)
from testsupport.forms import date_fields
from testsupport.samples import EXE_BYTES, PDF_BYTES, upload

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode()


def _status(client, action, status, reason="Because", **extra):
    data = {"status": status, "reason": reason, **date_fields("changed_on", timezone.localdate())}
    data.update(extra)
    return client.post(reverse("improvement:action_status", args=[action.pk]), data)


def test_a_manager_adds_an_action_with_milestones_from_the_plan_page(world):
    workstream = WorkstreamFactory()
    earlier = ActionFactory(workstream=workstream, number="2.1")
    client = world.client_for("team_manager")
    plan_page = _text(client.get(reverse("improvement:plan_detail", args=[workstream.plan_id])))
    create = reverse("improvement:action_create", args=[workstream.pk])
    assert create in plan_page
    response = client.post(
        create,
        {
            "number": "2.2",
            "title": "Train every caseworker in writing outcomes",
            "owner": "Head of SENAR",
            "organisation": "The council",
            **date_fields("starts_on", date(2026, 1, 5)),
            **date_fields("due_on", date(2027, 1, 4)),
            "depends_on": [earlier.pk],
            "milestone_3": "Training designed",
            "milestone_12": "Every caseworker trained",
        },
    )
    action = PlanAction.objects.get(number="2.2")
    assert response.status_code == 302
    assert list(action.depends_on.all()) == [earlier]
    assert [(m.months, m.due_on) for m in action.milestones.all()] == [
        (3, date(2026, 4, 5)),
        (12, date(2027, 1, 5)),
    ]
    page = _text(client.get(reverse("improvement:action_detail", args=[action.pk])))
    assert "Training designed" in page
    assert "Action 2.1" in page
    # Its dated history starts from its start date (a pack for a past meeting reads it).
    assert [(r.on, r.due_on, r.owner) for r in action.history.all()] == [
        (date(2026, 1, 5), date(2027, 1, 4), "Head of SENAR")
    ]
    assert "Why it changed" not in _text(client.get(create))  # nothing has changed yet
    assert AuditEvent.objects.filter(object_type="improvement.planaction", action="create").exists()


def test_due_before_start_is_a_400_with_the_message(world):
    workstream = WorkstreamFactory()
    response = world.client_for("team_manager").post(
        reverse("improvement:action_create", args=[workstream.pk]),
        {
            "number": "1",
            "title": "x",
            "owner": "y",
            "organisation": "z",
            **date_fields("starts_on", date(2026, 5, 1)),
            **date_fields("due_on", date(2026, 4, 1)),
        },
    )
    assert response.status_code == 400
    assert "The due date must be on or after the start date" in _text(response)
    assert not PlanAction.objects.exists()


def test_a_dependency_that_makes_a_circle_is_refused(world):
    first = ActionFactory(number="1")
    second = ActionFactory(workstream=first.workstream, number="2")
    second.depends_on.add(first)
    client = world.client_for("team_manager")
    data = {
        "title": first.title,
        "owner": first.owner,
        "organisation": first.organisation,
        **date_fields("starts_on", first.starts_on),
        **date_fields("due_on", first.due_on),
        "depends_on": [second.pk],
    }
    response = client.post(reverse("improvement:action_change", args=[first.pk]), data)
    assert response.status_code == 400
    assert "That would make a circle" in _text(response)
    assert not first.depends_on.exists()


def test_an_action_cannot_depend_on_another_plans_action(world):
    mine, theirs = ActionFactory(), ActionFactory()
    from django.core.exceptions import ValidationError

    from opensend.improvement import action_services

    with pytest.raises(ValidationError, match="only depend on actions in its plan"):
        action_services.action_change(
            actor=world.users["team_manager"],
            action=mine,
            title=mine.title,
            owner=mine.owner,
            organisation=mine.organisation,
            starts_on=mine.starts_on,
            due_on=mine.due_on,
            depends_on=[theirs],
        )


def test_a_status_change_needs_a_reason_and_keeps_its_history(world):
    action = ActionFactory()
    client = world.client_for("team_manager")
    response = _status(client, action, ActionStatus.ON_TRACK, reason="")
    assert response.status_code == 400
    assert "Enter why the status has changed" in _text(response)
    tomorrow = date_fields("changed_on", timezone.localdate() + timedelta(days=1))
    future = _status(client, action, ActionStatus.ON_TRACK, reason="Started", **tomorrow)
    assert future.status_code == 400
    assert "future" in _text(future)
    assert _status(client, action, ActionStatus.ON_TRACK, reason="Started").status_code == 302
    assert (
        _status(client, action, ActionStatus.AT_RISK, reason="Two posts vacant").status_code == 302
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.AT_RISK
    history = list(action.status_changes.values_list("from_status", "to_status", "reason"))
    assert history == [
        ("on_track", "at_risk", "Two posts vacant"),
        ("not_started", "on_track", "Started"),
    ]
    page = _text(client.get(reverse("improvement:action_detail", args=[action.pk])))
    assert "Why: Two posts vacant" in page
    audit = AuditEvent.objects.filter(object_type="improvement.planaction", action="update")
    assert audit.count() == 2


def test_complete_needs_evidence(world):
    action = ActionFactory()
    client = world.client_for("team_manager")
    response = _status(client, action, ActionStatus.COMPLETE, reason="Done")
    assert response.status_code == 400
    assert "Attach the evidence that shows the action is complete" in _text(response)
    response = _status(
        client,
        action,
        ActionStatus.COMPLETE,
        reason="Done",
        description="Training register",
        link="https://example.org/register",
    )
    assert response.status_code == 302
    assert action.evidence.get().link == "https://example.org/register"


def test_an_action_cannot_be_complete_while_one_it_depends_on_is_not(world):
    needed = ActionFactory(number="1")
    action = ActionFactory(workstream=needed.workstream, number="2")
    action.depends_on.add(needed)
    EvidenceFactory(action=action)
    client = world.client_for("team_manager")
    response = _status(client, action, ActionStatus.COMPLETE)
    assert response.status_code == 400
    assert "cannot be complete until action 1, which it depends on" in _text(response)
    EvidenceFactory(action=needed)
    assert _status(client, needed, ActionStatus.COMPLETE).status_code == 302
    assert _status(client, action, ActionStatus.COMPLETE).status_code == 302
    # ...and the one it rests on cannot be reopened while it is complete.
    response = _status(client, needed, ActionStatus.ON_TRACK)
    assert response.status_code == 400
    assert "Action 2 depends on this one and is complete" in _text(response)


def test_a_withdrawn_dependency_does_not_block(world):
    needed = ActionFactory(number="1", status=ActionStatus.WITHDRAWN)
    action = ActionFactory(workstream=needed.workstream, number="2")
    action.depends_on.add(needed)
    EvidenceFactory(action=action)
    assert _status(world.client_for("team_manager"), action, "complete").status_code == 302


def test_evidence_is_a_checked_upload(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    action = ActionFactory()
    milestone = MilestoneFactory(action=action)
    client = world.client_for("team_manager")
    url = reverse("improvement:evidence_add", args=[action.pk])
    bad = client.post(url, {"description": "Minutes", "document": upload("a.pdf", EXE_BYTES)})
    assert bad.status_code == 400
    assert "The selected file must be" in _text(bad)
    nothing = client.post(url, {"description": "Minutes"})
    assert nothing.status_code == 400
    assert "Enter a link or choose a document" in _text(nothing)
    good = client.post(
        url,
        {
            "description": "Board minutes",
            "milestone": milestone.pk,
            "document": upload("minutes.pdf", PDF_BYTES),
        },
    )
    assert good.status_code == 302
    evidence = ActionEvidence.objects.get()
    assert evidence.milestone == milestone
    assert evidence.document_name == "minutes.pdf"
    assert "minutes" not in evidence.document.name  # stored under a random name
    board = world.client_for("board_member")
    download = board.get(reverse("improvement:evidence_document", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_milestone_is_met_only_with_evidence(world):
    milestone = MilestoneFactory()
    client = world.client_for("team_manager")
    url = reverse("improvement:milestone_update", args=[milestone.pk])
    data = {"status": "met", **date_fields("due_on", milestone.due_on)}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Enter what shows the milestone was met" in _text(response)
    assert client.post(url, {**data, "evidence": "Panel minutes"}).status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == "met"


def test_overdue_actions_are_shown_as_overdue(world):
    today = timezone.localdate()
    action = ActionFactory(
        starts_on=today - timedelta(days=200), due_on=today - timedelta(days=1), status="on_track"
    )
    client = world.client_for("board_member")
    page = _text(client.get(reverse("improvement:action_detail", args=[action.pk])))
    assert "This action is overdue" in page
    assert ">Red</strong>" in page
    plan = _text(client.get(reverse("improvement:plan_detail", args=[action.workstream.plan_id])))
    assert "1 overdue" in plan
    assert reverse("improvement:action_status", args=[action.pk]) not in page  # read-only


@pytest.mark.parametrize("role", ["board_member", "analyst"])
def test_readers_cannot_change_actions(world, role):
    action = ActionFactory()
    client = world.client_for(role)
    assert _status(client, action, "on_track").status_code == 403
    url = reverse("improvement:evidence_add", args=[action.pk])
    assert client.post(url, {"description": "x", "link": "https://example.org"}).status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED
    assert not action.evidence.exists()


def test_a_milestone_is_added_later_once_for_each_month(world):
    action = ActionFactory(starts_on=date(2026, 1, 5))
    client = world.client_for("team_manager")
    page = _text(client.get(reverse("improvement:action_detail", args=[action.pk])))
    url = reverse("improvement:milestone_add", args=[action.pk])
    assert url in page
    assert (
        client.post(url, {"months": "6", "description": "Half the staff trained"}).status_code
        == 302
    )
    assert action.milestones.get().due_on == date(2026, 7, 5)
    again = client.post(url, {"months": "6", "description": "Again"})
    assert again.status_code == 400
    assert "already has a 6-month milestone" in _text(again)
