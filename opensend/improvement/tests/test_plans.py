"""Plans, workstreams and impact measures: a KPI-bound measure's RAG follows the casework with no
manual step; a measure is bound to a KPI or entered with its source, never both, never neither."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.casework.models import AssessmentRequest
from opensend.improvement.models import ImpactMeasure, Plan, Workstream
from testsupport.factories.people import ChildFactory
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def workstream(world):
    client = world.client_for("team_manager")
    client.post(
        reverse("improvement:plan_create"),
        {"kind": "wsoa", "title": "Written Statement of Action 2018"},
    )
    plan = Plan.objects.get()
    client.post(
        reverse("improvement:workstream_create", args=[plan.pk]),
        {"number": "2", "title": "Journey of the child", "lead": "Head of SENAR"},
    )
    return Workstream.objects.get()


def _measure(client, workstream, **fields):
    data = {"name": "Plans within 20 weeks", "baseline": "40", "target": "60"}
    data.update(date_fields("target_on", date(2027, 3, 31)))
    data.update(fields)
    return client.post(reverse("improvement:measure_create", args=[workstream.pk]), data)


def _issued(weeks_taken):
    received = timezone.localdate() - timedelta(weeks=30)
    AssessmentRequest.objects.create(
        child=ChildFactory(),
        received_on=received,
        source="parent",
        final_issued_on=received + timedelta(weeks=weeks_taken),
    )


def _rag(client, plan):
    page = client.get(reverse("improvement:plan_detail", args=[plan.pk])).content.decode()
    for rag in ("Green", "Amber", "Red", "No figure yet"):
        if f">{rag}</strong>" in page:
            return rag
    raise AssertionError(page)


def test_a_kpi_bound_measure_follows_the_casework(world, workstream):
    manager = world.client_for("team_manager")
    assert _measure(manager, workstream, kpi_key="new-plans-20-weeks").status_code == 302
    board = world.client_for("team_manager")
    assert _rag(board, workstream.plan) == "No figure yet"
    _issued(18)
    assert _rag(board, workstream.plan) == "Green"  # 1 of 1 in time: 100%
    _issued(25)
    assert _rag(board, workstream.plan) == "Amber"  # 1 of 2: 50%, above 40, short of 60
    _issued(26)
    assert _rag(board, workstream.plan) == "Red"  # 1 of 3: 33.3%, below the baseline
    page = board.get(reverse("improvement:plan_detail", args=[workstream.plan.pk])).content
    assert "Live from the records: New EHC plans issued within 20 weeks" in page.decode()


def test_board_members_get_the_small_number_rule(world, workstream):
    _measure(world.client_for("team_manager"), workstream, kpi_key="new-plans-20-weeks")
    _issued(18)
    _issued(25)
    board = world.client_for("board_member")
    assert _rag(board, workstream.plan) == "No figure yet"
    page = board.get(reverse("improvement:plan_detail", args=[workstream.plan.pk])).content
    assert "Too few records to show" in page.decode()
    assert _rag(world.client_for("analyst"), workstream.plan) == "Amber"


def test_an_entered_measure_shows_its_source(world, workstream):
    manager = world.client_for("team_manager")
    response = _measure(
        manager,
        workstream,
        name="Parents who feel listened to",
        entered_value="45",
        entered_source="Parent carer forum survey",
        **date_fields("entered_on", date(2025, 11, 1)),
    )
    assert response.status_code == 302
    page = manager.get(reverse("improvement:plan_detail", args=[workstream.plan.pk])).content
    assert "Entered from Parent carer forum survey" in page.decode()
    assert _rag(manager, workstream.plan) == "Amber"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"kpi_key": "new-plans-20-weeks", "entered_value": "45", "entered_source": "Survey"},
            "Choose a live KPI or enter a figure with its source, not both",
        ),
        ({}, "Choose a live KPI, or enter the figure and where it comes from"),
        ({"entered_value": "45"}, "Enter where the figure comes from"),
        ({"kpi_key": "no-such-kpi"}, "Select a valid choice"),
    ],
)
def test_a_measure_is_a_kpi_or_entered_never_both(world, workstream, fields, message):
    response = _measure(world.client_for("team_manager"), workstream, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImpactMeasure.objects.exists()


def test_the_database_refuses_a_measure_that_is_both(workstream):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactMeasure.objects.create(
            workstream=workstream,
            name="Both",
            kpi_key="new-plans-20-weeks",
            entered_value=1,
            entered_source="x",
            baseline=1,
            target=2,
            target_on=date(2027, 1, 1),
        )


@pytest.mark.parametrize("role", ["board_member", "analyst", "senco", "parent"])
def test_only_managers_add_plans(world, workstream, role):
    client = world.client_for(role)
    assert client.get(reverse("improvement:plan_create")).status_code == 403
    url = reverse("improvement:measure_create", args=[workstream.pk])
    assert client.get(url).status_code == 403
    detail = client.get(reverse("improvement:plan_detail", args=[workstream.plan.pk]))
    assert detail.status_code == (200 if role in {"board_member", "analyst"} else 403)
