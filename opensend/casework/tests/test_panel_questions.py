"""A panel decides more than whether to assess: whether to issue a plan (through the decision
service that keeps the reg 10 clock), and placements and funding (the panel's own decision,
recorded on the case with reasons)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opensend.casework.models import CaseStep, PanelCase, Stage, StepKind
from opensend.casework.services import panels
from testsupport.forms import date_fields
from testsupport.journeys import ASSESS_ON, decide_to_assess, new_request

pytestmark = pytest.mark.django_db
HELD = dt.date(2026, 8, 20)


@pytest.fixture
def assessing(world):
    case = new_request(world)
    decide_to_assess(world, case)
    return case


@pytest.fixture
def panel(world):
    return panels.panel_create(actor=world.users["team_manager"], held_on=HELD, name="Resources")


def test_a_panel_decides_whether_to_issue_a_plan(world, assessing, panel):
    client = world.client_for("team_manager")
    client.post(
        reverse("casework:panel_detail", args=[panel.pk]),
        {"add_case": "1", "request": assessing.pk, "question": "issue"},
    )
    listing = PanelCase.objects.get(panel=panel, question="issue")
    decide = reverse("casework:panel_decide", args=[panel.pk, listing.pk])
    assert "Did the panel decide to issue an EHC plan?" in client.get(decide).content.decode()
    client.post(
        decide, {"decision": "yes", **date_fields("decided_on", HELD), "reasons": "Needs met"}
    )
    listing.refresh_from_db()
    assessing.refresh_from_db()
    assert listing.decision == PanelCase.Decision.ISSUE
    assert assessing.stage == Stage.DRAFTING and assessing.issue_decision_on == HELD


def test_a_panel_agrees_a_placement_with_reasons(world, assessing, panel):
    listing = panels.panel_list_case(
        actor=world.users["team_manager"],
        panel=panel,
        case=assessing,
        question="placement",
        details="A place at Oak Special School",
    )
    client = world.client_for("team_manager")
    decide = reverse("casework:panel_decide", args=[panel.pk, listing.pk])
    page = client.get(decide).content.decode()
    assert "A place at Oak Special School" in page and "Agreed" in page
    bad = client.post(decide, {"decision": "agreed", **date_fields("decided_on", HELD)})
    assert bad.status_code == 400
    client.post(
        decide,
        {"decision": "agreed", **date_fields("decided_on", HELD), "reasons": "Needs a small class"},
    )
    listing.refresh_from_db()
    assert (listing.decision, listing.reasons) == ("agreed", "Needs a small class")
    step = CaseStep.objects.get(request=assessing, kind=StepKind.PANEL_DECIDED)
    assert "agreed" in step.summary and step.occurred_on == HELD
    with pytest.raises(ValidationError, match="already recorded"):
        panels.panel_decision_record(
            actor=world.users["team_manager"],
            listing=listing,
            decision="not_agreed",
            reasons="x",
            decided_on=HELD,
        )


def test_funding_needs_what_is_asked(world, assessing, panel):
    with pytest.raises(ValidationError, match="Say what the panel is asked"):
        panels.panel_list_case(
            actor=world.users["team_manager"], panel=panel, case=assessing, question="funding"
        )


def test_a_question_must_fit_the_cases_stage(world, assessing, panel):
    with pytest.raises(ValidationError):
        panels.panel_list_case(
            actor=world.users["team_manager"], panel=panel, case=assessing, question="assess"
        )
    assert ASSESS_ON < HELD
