"""The family satisfaction KPIs against hand-built answers: happy and very happy counted as
satisfied, "Partly" not listened to, skipped questions and answers outside the period left out;
the same figures as the feedback app's satisfaction page; a manager's and a caseworker's scope;
by stage; the board's small-number rule; and never the cases, names or words behind them."""

from datetime import date

import pytest
from django.db.models import Q
from django.urls import reverse

from opensend.feedback.figures import satisfaction_figures
from opensend.feedback.models import SurveyAnswer
from opensend.insights import figures, kpis
from opensend.insights.access import viewer_for
from testsupport.factories.people import FamilyRelationshipFactory
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 12, 31)
PERIOD = {**date_fields("start", START), **date_fields("end", END)}
SATISFIED, LISTENED = "families-satisfied", "families-listened-to"
CLEAR = "families-found-it-clear"


def answer(world, child, *, stage="draft_plan", on=date(2026, 6, 1), **fields):
    return SurveyAnswer.objects.create(
        child=child,
        stage=stage,
        family_member=FamilyRelationshipFactory(child=child).family_member,
        answered_on=on,
        route="online",
        recorded_by=world.users["caseworker"],
        **fields,
    )


@pytest.fixture
def answers(world):
    own, team, other = world.caseload_child, world.team_child, world.other_child
    answer(world, own, satisfaction=5, listened_to="yes", clear="yes", comments="Private words")
    answer(world, own, satisfaction=4, listened_to="partly", clear="partly", on=START)
    answer(world, team, satisfaction=3, listened_to="no", clear="yes", stage="final_plan", on=END)
    answer(world, team, listened_to="yes")  # skipped "how happy" and "was it clear"
    answer(world, other, satisfaction=2, clear="no")  # skipped "did we listen"
    answer(world, other, satisfaction=5, clear="yes", on=date(2025, 12, 31))  # before
    answer(world, other, satisfaction=5, clear="yes", on=date(2027, 1, 1))  # after
    return world


def figure(slug, scope=None):
    return figures.headline(kpis.KPIS[slug], start=START, end=END, scope=scope or Q())


def test_satisfied_counts_happy_and_very_happy_of_those_who_answered(answers):
    f = figure(SATISFIED)
    assert (f.total, f.hits, f.percent_including) == (4, 2, 50.0)


def test_listened_to_counts_yes_only(answers):
    f = figure(LISTENED)
    assert (f.total, f.hits, f.percent_including) == (4, 2, 50.0)


def test_found_it_clear_counts_yes_only_of_those_who_answered(answers):
    f = figure(CLEAR)
    assert (f.total, f.hits, f.percent_including) == (4, 2, 50.0)


def test_the_same_figures_as_the_feedback_page(answers):
    every_stage = satisfaction_figures(starts_on=START, ends_on=END)[-1]
    assert (figure(SATISFIED).hits, figure(SATISFIED).total) == (
        every_stage.satisfied.yes,
        every_stage.satisfied.asked,
    )
    assert (figure(LISTENED).hits, figure(LISTENED).total) == (
        every_stage.listened_to.yes,
        every_stage.listened_to.asked,
    )
    assert (figure(CLEAR).hits, figure(CLEAR).total) == (
        every_stage.clear.yes,
        every_stage.clear.asked,
    )


def test_an_empty_period_has_no_cases(answers):
    f = figures.headline(
        kpis.KPIS[SATISFIED], start=date(2020, 1, 1), end=date(2020, 3, 31), scope=Q()
    )
    assert (f.total, f.percent_including) == (0, None)


@pytest.mark.parametrize(
    ("role", "expected"),
    [("team_manager", (3, 2)), ("caseworker", (2, 2))],  # (answers, satisfied)
)
def test_a_manager_sees_their_teams_answers_and_a_caseworker_their_own(answers, role, expected):
    viewer = viewer_for(answers.users[role])
    f = figure(SATISFIED, viewer.scope(kpis.KPIS[SATISFIED]))
    assert (f.total, f.hits) == expected


def test_by_stage_of_the_journey_and_by_team(answers):
    item = kpis.KPIS[SATISFIED]
    by_stage = {
        f.label: (f.total, f.hits)
        for f in figures.compute(item, start=START, end=END, scope=Q(), cut="journey_stage")
    }
    assert by_stage == {"The draft plan": (3, 2), "The final plan": (1, 0)}
    by_team = {
        f.label: f.total for f in figures.compute(item, start=START, end=END, scope=Q(), cut="team")
    }
    assert by_team[answers.team.name] == 3


def test_the_trend_puts_each_answer_in_its_quarter(answers):
    trend = figures.trend(kpis.KPIS[SATISFIED], end=END, scope=Q())
    assert [(q.start.month, f.total) for q, f in trend[-4:]] == [(1, 1), (4, 2), (7, 0), (10, 1)]


def test_the_dashboard_shows_them_with_chart_table_and_summary(answers):
    client = answers.client_for("analyst")
    body = client.get(reverse("insights:dashboard"), PERIOD).content.decode()
    assert "What families tell us" in body and 'data-testid="kpi-families-satisfied">50.0%' in body
    page = client.get(reverse("insights:kpi", args=[SATISFIED]), PERIOD).content.decode()
    assert "<svg" in page and "Satisfied or very satisfied" in page
    assert "there is no list of the cases behind this figure" in page


def test_the_board_sees_small_numbers_suppressed(answers):
    body = (
        answers.client_for("board_member")
        .get(reverse("insights:kpi", args=[SATISFIED]), PERIOD)
        .content.decode()
    )
    assert 'data-testid="headline">[c]' in body


@pytest.mark.parametrize("role", ["admin", "team_manager", "caseworker"])
def test_nobody_opens_the_answers_behind_the_figure(answers, role):
    client = answers.client_for(role)
    for slug in (SATISFIED, LISTENED, CLEAR):
        page = client.get(reverse("insights:kpi", args=[slug]), {**PERIOD, "cut": "team"})
        body = page.content.decode()
        assert reverse("insights:kpi_cases", args=[slug]) not in body
        assert "Private words" not in body and str(answers.caseload_child) not in body
        assert client.get(reverse("insights:kpi_cases", args=[slug]), PERIOD).status_code == 404
