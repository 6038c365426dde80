"""Changing and closing plans, workstreams and impact measures: each with why, kept with who and
when; nothing is deleted, and a closed one leaves the RAG and the board pack but stays on its
page marked closed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.audit.models import AuditEvent
from opensend.improvement.models import ChangeRecord, ImpactMeasure, Plan, Workstream
from testsupport.factories.improvement import (
    ActionFactory,
    MeasureFactory,
    MeetingFactory,
    PlanFactory,
    WorkstreamFactory,
)
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode()


def _close(client, name, pk, reason="Overtaken by the new strategy", on=None):
    data = {"reason": reason, **date_fields("on", on or timezone.localdate())}
    return client.post(reverse(f"improvement:{name}_close", args=[pk]), data)


def _rated(pack):
    """The pack's figures and RAG, before "What changed" (which lists the closing itself)."""
    return pack.split('id="changes"')[0]


def _late_action(workstream):
    today = timezone.localdate()
    return ActionFactory(
        workstream=workstream,
        title="Clear the backlog of reviews",
        starts_on=today - timedelta(days=200),
        due_on=today - timedelta(days=10),
        status="on_track",
    )


def test_a_closed_workstream_leaves_the_rag_and_the_pack_but_stays_on_its_plan(world):
    workstream = WorkstreamFactory(title="Old workstream")
    _late_action(workstream)
    client = world.client_for("team_manager")
    plan_url = reverse("improvement:plan_detail", args=[workstream.plan_id])
    assert ">Red</strong>" in _text(client.get(plan_url))
    assert _close(client, "workstream", workstream.pk).status_code == 302
    page = _text(client.get(plan_url))
    assert ">Red</strong>" not in page
    assert "Closed workstreams" in page
    assert "Overtaken by the new strategy" in page
    assert "Clear the backlog of reviews" in page  # its actions are still listed
    meeting = MeetingFactory(held_on=timezone.localdate() + timedelta(days=30))
    pack = _text(client.get(reverse("improvement:board_pack", args=[meeting.pk])))
    assert "Old workstream" not in _rated(pack) and "Clear the backlog" not in pack
    assert "Old workstream: closed (Overtaken by the new strategy)" in pack
    assert Workstream.objects.filter(pk=workstream.pk).exists()
    kept = ChangeRecord.objects.get(workstream=workstream)
    assert (kept.kind, kept.recorded_by) == ("closed", world.users["team_manager"])
    assert AuditEvent.objects.filter(object_type="improvement.workstream", action="close").exists()


def test_a_closed_measure_leaves_the_rag_and_its_page_says_closed(world):
    measure = MeasureFactory(name="Old survey", entered_value=30)  # below baseline: red
    client = world.client_for("team_manager")
    plan_url = reverse("improvement:plan_detail", args=[measure.workstream.plan_id])
    assert ">Red</strong>" in _text(client.get(plan_url))
    assert _close(client, "measure", measure.pk, reason="The survey stopped").status_code == 302
    page = _text(client.get(plan_url))
    assert ">Red</strong>" not in page
    assert "Closed impact measures" in page and "The survey stopped" in page
    detail = _text(client.get(reverse("improvement:measure_detail", args=[measure.pk])))
    assert "<strong>Closed</strong>" in detail
    assert reverse("improvement:figure_add", args=[measure.pk]) not in detail
    assert "History of changes" in detail
    again = _close(client, "measure", measure.pk)
    assert again.status_code == 400
    assert "already closed" in _text(again)
    refused = client.post(
        reverse("improvement:figure_add", args=[measure.pk]),
        {"value": "50", "source": "x", **date_fields("on", timezone.localdate())},
    )
    assert refused.status_code == 400
    assert ImpactMeasure.objects.get(pk=measure.pk).entered_value == 30


def test_a_closed_plan_leaves_the_pack_and_the_overview_marks_it(world):
    plan = PlanFactory(title="Old WSOA")
    _late_action(WorkstreamFactory(plan=plan, title="Gone workstream"))
    client = world.client_for("team_manager")
    assert _close(client, "plan", plan.pk, on=date(2025, 4, 1)).status_code == 302
    home = _text(client.get(reverse("improvement:home")))
    assert "closed on 1 April 2025" in home
    page = _text(client.get(reverse("improvement:plan_detail", args=[plan.pk])))
    assert "<strong>Closed</strong> on 1 April 2025" in page
    assert ">Red</strong>" not in page
    assert "Closed with the plan" in page
    assert reverse("improvement:workstream_create", args=[plan.pk]) not in page
    meeting = MeetingFactory(held_on=timezone.localdate() + timedelta(days=30))
    pack = _text(client.get(reverse("improvement:board_pack", args=[meeting.pk])))
    assert "Old WSOA" not in _rated(pack)
    assert "Old WSOA: closed (Overtaken by the new strategy)" in pack
    changed = client.post(
        reverse("improvement:plan_change", args=[plan.pk]),
        {"kind": "wsoa", "title": "New", "reason": "Renamed"},
    )
    assert changed.status_code == 400
    assert Plan.objects.get(pk=plan.pk).title == "Old WSOA"


def test_a_plan_and_a_workstream_are_changed_with_a_reason_and_the_history_kept(world):
    workstream = WorkstreamFactory(title="Journey", number=1)
    WorkstreamFactory(plan=workstream.plan, number=2)
    plan = workstream.plan
    client = world.client_for("team_manager")
    url = reverse("improvement:plan_change", args=[plan.pk])
    data = {"kind": "accelerated", "title": "Accelerated Progress Plan"}
    missing = client.post(url, data)
    assert missing.status_code == 400 and "Enter why" in _text(missing)
    assert client.post(url, {**data, "reason": "The DfE asked for an APP"}).status_code == 302
    ws_url = reverse("improvement:workstream_change", args=[workstream.pk])
    clash = client.post(ws_url, {"number": 2, "title": "Journey", "reason": "Renumbered"})
    assert clash.status_code == 400 and "already has a workstream 2" in _text(clash)
    assert (
        client.post(
            ws_url, {"number": 3, "title": "Journey of the child", "reason": "Clearer"}
        ).status_code
        == 302
    )
    page = _text(client.get(reverse("improvement:plan_detail", args=[plan.pk])))
    assert "Accelerated Progress Plan" in page
    assert "Changed on" in page and "The DfE asked for an APP" in page and "Clearer" in page
    kept = ChangeRecord.objects.get(plan=plan)
    assert "title: Written Statement of Action" in kept.what


def test_a_closing_date_in_the_future_is_refused(world):
    workstream = WorkstreamFactory()
    client = world.client_for("team_manager")
    response = _close(client, "workstream", workstream.pk, on=date(2099, 1, 1))
    assert response.status_code == 400
    assert "today or in the past" in _text(response)


@pytest.mark.parametrize("role", ["board_member", "analyst"])
def test_readers_cannot_change_or_close(world, role):
    measure = MeasureFactory()
    workstream, plan = measure.workstream, measure.workstream.plan
    client = world.client_for(role)
    for name, pk in (("plan", plan.pk), ("workstream", workstream.pk), ("measure", measure.pk)):
        assert _close(client, name, pk).status_code == 403
    assert client.get(reverse("improvement:plan_change", args=[plan.pk])).status_code == 403
    assert ChangeRecord.objects.count() == 0
    page = _text(client.get(reverse("improvement:plan_detail", args=[plan.pk])))
    assert reverse("improvement:plan_close", args=[plan.pk]) not in page


def test_a_missing_plan_is_a_404(world):
    client = world.client_for("team_manager")
    assert _close(client, "plan", 999999).status_code == 404


def test_nothing_new_is_added_to_a_closed_workstream_or_plan(world):
    workstream = WorkstreamFactory(closed_on=date(2025, 1, 1), closed_reason="Merged")
    client = world.client_for("team_manager")
    action = client.post(
        reverse("improvement:action_create", args=[workstream.pk]),
        {
            "number": "9.1",
            "title": "x",
            "owner": "x",
            "organisation": "x",
            **date_fields("starts_on", date(2026, 1, 1)),
            **date_fields("due_on", date(2026, 6, 1)),
        },
    )
    assert action.status_code == 400 and "is closed" in _text(action)
    plan = PlanFactory(closed_on=date(2025, 1, 1), closed_reason="Replaced")
    added = client.post(
        reverse("improvement:workstream_create", args=[plan.pk]), {"number": 1, "title": "x"}
    )
    assert added.status_code == 400 and "is closed" in _text(added)
    assert workstream.actions.count() == 0 and plan.workstreams.count() == 0


def test_a_pack_for_a_meeting_before_the_closing_still_shows_it(world):
    workstream = WorkstreamFactory(title="Closed later")
    MeasureFactory(workstream=workstream, name="Older survey")
    client = world.client_for("team_manager")
    assert _close(client, "workstream", workstream.pk, on=date(2025, 6, 1)).status_code == 302
    before = MeetingFactory(held_on=date(2025, 5, 1))
    after = MeetingFactory(held_on=date(2025, 7, 1))
    assert "Closed later" in _text(client.get(reverse("improvement:board_pack", args=[before.pk])))
    after_pack = _text(client.get(reverse("improvement:board_pack", args=[after.pk])))
    assert "Closed later" not in _rated(after_pack)
