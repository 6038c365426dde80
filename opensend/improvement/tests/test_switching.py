"""Switching an impact measure between a live KPI and an entered figure (never both silently),
and reopening what was closed: each with the date and why, kept in the history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.audit.models import AuditEvent
from opensend.improvement.models import ChangeKind, ChangeRecord, ImpactMeasure, MeasureFigure
from testsupport.factories.improvement import (
    MeasureFactory,
    MeetingFactory,
    PlanFactory,
    RiskFactory,
    WorkstreamFactory,
)
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db
KPI = "new-plans-20-weeks"


def _text(response):
    return response.content.decode()


def _switch(client, measure, **fields):
    today = timezone.localdate()
    data = {"reason": "The survey has moved into the records", **date_fields("on", today)}
    for name, value in fields.items():
        if name == "on" or name.endswith("_on"):
            data.update(date_fields(name, value))
        else:
            data[name] = value
    return client.post(reverse("improvement:measure_switch", args=[measure.pk]), data)


def _live(workstream, name="Plans within 20 weeks", **fields):
    return MeasureFactory(
        workstream=workstream,
        name=name,
        kpi_key=KPI,
        entered_value=None,
        entered_on=None,
        entered_source="",
        **fields,
    )


def test_an_entered_measure_is_bound_to_a_live_kpi_and_its_figures_are_kept_apart(world):
    measure = MeasureFactory(name="Plans on time (council return)")
    manager = world.client_for("team_manager")
    response = _switch(manager, measure, kpi_key=KPI)
    assert response.status_code == 302
    measure.refresh_from_db()
    today = timezone.localdate()
    assert measure.is_live and measure.entered_value is None and measure.source_since == today
    # The figure it was added with is kept, not used.
    kept = MeasureFigure.objects.get(measure=measure)
    assert kept.value == 45 and kept.source == "Parent carer forum survey"
    record = ChangeRecord.objects.get(measure=measure, kind=ChangeKind.SWITCHED)
    assert record.from_kpi_key == "" and record.to_kpi_key == KPI
    assert record.reason == "The survey has moved into the records"
    assert AuditEvent.objects.filter(summary__startswith="Switched Plans on time").exists()
    page = _text(manager.get(reverse("improvement:measure_detail", args=[measure.pk])))
    assert f"Bound to a live KPI</strong> since {today:%-d %B %Y}" in page
    assert "before the switch, not used" in page
    assert "Where its figure comes from changed" in page  # the history
    # The chart reads only the KPI: the entered 45 is not one of its figures.
    assert "45.0" not in page.split("The numbers in the chart")[1].split("Figures entered")[0]
    meeting = MeetingFactory(held_on=today + timedelta(days=20))
    pack = _text(manager.get(reverse("improvement:board_pack", args=[meeting.pk])))
    assert f"Bound to this live KPI since {today:%-d %B %Y}" in pack
    assert "Plans on time (council return): where its figure comes from changed" in pack


def test_a_live_measure_takes_an_entered_figure_from_a_date_and_no_earlier_one(world):
    measure = _live(WorkstreamFactory())
    manager = world.client_for("team_manager")
    today = timezone.localdate()
    response = _switch(
        manager, measure, entered_value="52.5", entered_on=today, entered_source="Council return"
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert not measure.is_live and measure.entered_value == 52.5
    assert measure.source_since == today
    page = _text(manager.get(reverse("improvement:measure_detail", args=[measure.pk])))
    assert "Entered with its source</strong> since" in page
    assert "read live from the records; those figures are not used" in page
    # A figure from before the switch would mix with the live one: refused.
    old = {"value": "40", "source": "Council return", **date_fields("on", today - timedelta(1))}
    refused = manager.post(reverse("improvement:figure_add", args=[measure.pk]), old)
    assert refused.status_code == 400
    assert "would mix with the live one" in _text(refused)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"entered_value": "50"}, "Enter where the figure comes from"),
        ({"entered_source": "Survey"}, "Enter the figure"),
    ],
)
def test_switching_a_live_measure_needs_the_figure_and_its_source(world, fields, message):
    measure = _live(WorkstreamFactory())
    response = _switch(world.client_for("team_manager"), measure, **fields)
    assert response.status_code == 400
    assert message in _text(response)
    assert ImpactMeasure.objects.get(pk=measure.pk).is_live


def test_switching_needs_a_reason_a_kpi_and_an_open_measure(world):
    measure = MeasureFactory()
    manager = world.client_for("team_manager")
    url = reverse("improvement:measure_switch", args=[measure.pk])
    no_kpi = manager.post(url, {"reason": "x", **date_fields("on", timezone.localdate())})
    assert no_kpi.status_code == 400 and "Choose the live KPI" in _text(no_kpi)
    no_why = manager.post(url, {"kpi_key": KPI, **date_fields("on", timezone.localdate())})
    assert no_why.status_code == 400 and "Enter why" in _text(no_why)
    future = _switch(manager, measure, kpi_key=KPI, on=timezone.localdate() + timedelta(1))
    assert future.status_code == 400 and "today or in the past" in _text(future)
    measure.closed_on, measure.closed_reason = timezone.localdate(), "Done"
    measure.save()
    closed = _switch(manager, measure, kpi_key=KPI)
    assert closed.status_code == 400 and "is closed" in _text(closed)
    assert not ImpactMeasure.objects.get(pk=measure.pk).is_live


def test_only_managers_switch_or_reopen(world):
    measure = MeasureFactory(closed_on=timezone.localdate(), closed_reason="Done")
    risk = RiskFactory(closed_on=timezone.localdate(), closed_reason="Gone")
    for role in ("board_member", "analyst"):
        client = world.client_for(role)
        for url in (
            reverse("improvement:measure_switch", args=[measure.pk]),
            reverse("improvement:measure_reopen", args=[measure.pk]),
            reverse("improvement:risk_reopen", args=[risk.pk]),
            reverse("improvement:plan_reopen", args=[measure.workstream.plan_id]),
        ):
            assert client.get(url).status_code == 403
            assert client.post(url, {"reason": "x"}).status_code == 403
        page = _text(client.get(reverse("improvement:measure_detail", args=[measure.pk])))
        assert "Reopen the measure" not in page
    manager = world.client_for("team_manager")
    assert manager.get(reverse("improvement:measure_reopen", args=[999_999])).status_code == 404


def _close_and_reopen(client, name, pk, *, closed, reopened):
    closing = {"reason": "Overtaken", **date_fields("on", closed)}
    assert client.post(reverse(f"improvement:{name}_close", args=[pk]), closing).status_code == 302
    reopening = {"reason": "Needed again after the review", **date_fields("on", reopened)}
    return client.post(reverse(f"improvement:{name}_reopen", args=[pk]), reopening)


def test_a_reopened_measure_is_back_in_the_pack_from_the_day_it_reopened(world):
    measure = _live(WorkstreamFactory(title="Journey of the child"), name="Plans on time")
    manager = world.client_for("team_manager")
    today = timezone.localdate()
    while_closed = MeetingFactory(held_on=today - timedelta(days=10))
    since = MeetingFactory(held_on=today - timedelta(days=2))
    response = _close_and_reopen(
        manager, "measure", measure.pk, closed=today - timedelta(20), reopened=today - timedelta(5)
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.closed_on is None
    kinds = list(
        ChangeRecord.objects.filter(measure=measure).order_by("pk").values_list("kind", flat=True)
    )
    assert kinds == [ChangeKind.CLOSED, ChangeKind.REOPENED]
    page = _text(manager.get(reverse("improvement:measure_detail", args=[measure.pk])))
    assert "Reopened on" in page and "Needed again after the review" in page
    pack_url = "improvement:board_pack"
    closed_pack = _text(manager.get(reverse(pack_url, args=[while_closed.pk])))
    headlines = closed_pack.split('id="headlines"')[1].split('id="changes"')[0]
    assert "Plans on time" not in headlines  # not in the figures nor the RAG
    assert "Plans on time: closed (Overtaken)" in closed_pack  # what changed
    after = _text(manager.get(reverse(pack_url, args=[since.pk])))
    assert "Plans on time" in after
    assert "Plans on time: reopened (Needed again after the review)" in after


def test_a_reopened_workstream_and_plan_are_rated_again(world):
    workstream = WorkstreamFactory(title="Preparation for adulthood")
    plan = workstream.plan
    manager = world.client_for("team_manager")
    today = timezone.localdate()
    response = _close_and_reopen(
        manager, "workstream", workstream.pk, closed=today - timedelta(9), reopened=today
    )
    assert response.status_code == 302
    page = _text(manager.get(reverse("improvement:plan_detail", args=[plan.pk])))
    assert "Closed workstreams" not in page
    response = _close_and_reopen(
        manager, "plan", plan.pk, closed=today - timedelta(3), reopened=today
    )
    assert response.status_code == 302
    meeting = MeetingFactory(held_on=today + timedelta(days=14))
    pack = _text(manager.get(reverse("improvement:board_pack", args=[meeting.pk])))
    assert "Preparation for adulthood" in pack


def test_reopening_is_refused_when_not_closed_too_early_or_inside_a_closed_plan(world):
    plan = PlanFactory()
    workstream = WorkstreamFactory(plan=plan)
    manager = world.client_for("team_manager")
    today = timezone.localdate()
    url = reverse("improvement:workstream_reopen", args=[workstream.pk])
    data = {"reason": "Needed", **date_fields("on", today)}
    not_closed = manager.post(url, data)
    assert not_closed.status_code == 400 and "is not closed" in _text(not_closed)
    closing = {"reason": "Overtaken", **date_fields("on", today)}
    manager.post(reverse("improvement:workstream_close", args=[workstream.pk]), closing)
    manager.post(reverse("improvement:plan_close", args=[plan.pk]), closing)
    inside = manager.post(url, data)
    assert inside.status_code == 400 and "reopen that first" in _text(inside)
    plan_url = reverse("improvement:plan_reopen", args=[plan.pk])
    early = manager.post(plan_url, {"reason": "x", **date_fields("on", today - timedelta(1))})
    assert early.status_code == 400 and "between the day it closed and today" in _text(early)


def test_a_reopened_risk_is_back_in_the_register_with_its_history(world):
    risk = RiskFactory(title="Too few educational psychologists")
    manager = world.client_for("team_manager")
    today = timezone.localdate()
    response = _close_and_reopen(manager, "risk", risk.pk, closed=today, reopened=today)
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.closed_on is None
    register = _text(manager.get(reverse("improvement:risk_register")))
    assert "Too few educational psychologists" in register.split("Closed risks")[0]
    page = _text(manager.get(reverse("improvement:risk_detail", args=[risk.pk])))
    assert "History of the risk" in page
    assert "Reopened: Needed again after the review" in page
    assert "Closed: Overtaken" in page
    again = manager.post(
        reverse("improvement:risk_reopen", args=[risk.pk]),
        {"reason": "x", **date_fields("on", today)},
    )
    assert again.status_code == 400 and "is not closed" in _text(again)
