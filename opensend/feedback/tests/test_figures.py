"""The satisfaction measures: counts by stage and period, with a note on small numbers, for
managers, analysts and the board; never a family's words or names."""

import datetime as dt

import pytest
from django.urls import reverse

from opensend.feedback.figures import SMALL_NUMBER, satisfaction_figures
from opensend.feedback.models import SurveyAnswer
from testsupport.factories.people import FamilyRelationshipFactory

DAY = dt.date(2026, 10, 1)


def _answer(child, *, recorded_by, stage="draft_plan", on=DAY, route="online", **fields):
    member = FamilyRelationshipFactory(child=child).family_member
    return SurveyAnswer.objects.create(
        child=child,
        stage=stage,
        family_member=member,
        answered_on=on,
        route=route,
        recorded_by=recorded_by,
        **fields,
    )


@pytest.fixture
def answers(world):
    cw = world.users["caseworker"]
    child = world.caseload_child
    made = [
        _answer(child, satisfaction=5, listened_to="yes", clear="yes", recorded_by=cw),
        _answer(child, satisfaction=4, listened_to="no", clear="partly", recorded_by=cw),
        _answer(child, satisfaction=2, listened_to="yes", recorded_by=cw, route="phone"),
        _answer(child, comments="Secret words", recorded_by=cw),
        _answer(child, stage="final_plan", satisfaction=1, recorded_by=cw),
        _answer(child, on=dt.date(2025, 1, 1), satisfaction=1, recorded_by=cw),  # outside
    ]
    return made


def test_figures_count_by_stage_and_period(answers):
    rows = {
        r.stage: r
        for r in satisfaction_figures(starts_on=dt.date(2026, 4, 1), ends_on=dt.date(2027, 3, 31))
    }
    draft = rows["draft_plan"]
    assert draft.answers == 4
    assert (draft.satisfied.yes, draft.satisfied.asked, draft.satisfied.percent) == (2, 3, 67)
    assert (draft.listened_to.yes, draft.listened_to.asked) == (2, 3)
    assert (draft.clear.yes, draft.clear.asked, draft.clear.percent) == (1, 2, 50)
    assert draft.by_phone_or_paper == 1
    assert draft.small_number and draft.answers < SMALL_NUMBER
    assert rows["final_plan"].satisfied.percent == 0
    assert rows["request_decision"].answers == 0 and rows["request_decision"].clear.percent is None
    assert rows[""].answers == 5  # every stage together, in the period only


@pytest.mark.parametrize("role", ["team_manager", "analyst", "board_member", "admin"])
def test_managers_analysts_and_the_board_see_figures_but_no_words_or_names(world, answers, role):
    url = reverse("feedback:satisfaction") + "?from=2026-04-01&to=2027-03-31"
    page = world.client_for(role).get(url).content.decode()
    assert "What families tell us after each stage" in page
    assert "67%" in page and "Small number" in page
    assert "Secret words" not in page
    assert world.caseload_child.family_name not in page
    assert answers[0].family_member.family_name not in page


@pytest.mark.parametrize("role", ["board_member", "analyst"])
def test_the_board_and_analysts_never_read_a_childs_answers(world, answers, role):
    client = world.client_for(role)
    url = reverse("portal:feedback_child", args=[world.caseload_child.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["caseworker", "parent", "senco", "health"])
def test_others_do_not_get_the_figures(world, role):
    assert world.client_for(role).get(reverse("feedback:satisfaction")).status_code == 404


@pytest.mark.parametrize(
    "query", ["?from=2026-13-01&to=2027-01-01", "?from=2027-01-01&to=2026-01-01"]
)
def test_a_bad_period_is_refused(world, query):
    response = world.client_for("analyst").get(reverse("feedback:satisfaction") + query)
    assert response.status_code == 400
    assert "Enter a start and an end date" in response.content.decode()


def test_the_last_12_months_by_default(world, answers):
    """Today is after DAY and within a year of it (the answers' day is fixed)."""
    response = world.client_for("analyst").get(reverse("feedback:satisfaction"))
    assert response.status_code == 200
    assert ("67%" in response.content.decode()) == (
        dt.date.today() <= DAY.replace(year=DAY.year + 1)
    )
