"""The KPIs of disagreements against hand-built cases with known answers: appealable decisions
with and without mediation and appeals (and those left out), the steps of Tribunal orders on
their last day and after, with a reg 44(3) exception and an unopposed appeal's reg 45 clock,
and an empty period."""

from datetime import date

import pytest
from django.db.models import Q
from django.urls import reverse

from opensend.casework.models import AssessmentRequest, Stage
from opensend.disputes.models import (
    Appeal,
    AppealOutcome,
    AppealType,
    MediationCase,
    OrderStep,
    OrderStepException,
    OrderType,
)
from opensend.insights import figures, kpis
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 12, 31)
PERIOD = {**date_fields("start", START), **date_fields("end", END)}


def figure(slug, *, start=START, end=END, scope=None, **kw):
    return figures.compute(kpis.KPIS[slug], start=start, end=end, scope=scope or Q(), **kw)


def decision(child, stage, *, caseworker=None, **dates):
    return AssessmentRequest.objects.create(
        child=child, received_on=date(2025, 9, 1), source="parent", stage=stage,
        caseworker=caseworker, **dates,
    )  # fmt: skip


def mediation(child, request=None):
    return MediationCase.objects.create(
        child=child, assessment_request=request, decision_notice_on=date(2026, 2, 1),
        about="The decision",
    )  # fmt: skip


def appeal(child, request=None, **fields):
    values = {
        "appeal_type": AppealType.REFUSAL_TO_ASSESS,
        "decision_sent_on": date(2026, 2, 1),
        "lodged_on": date(2026, 3, 1),
        **fields,
    }
    return Appeal.objects.create(child=child, assessment_request=request, **values)


@pytest.fixture
def decisions(world):
    child, other = world.caseload_child, world.other_child
    caseworker = world.users["caseworker"]
    refused = decision(
        child, Stage.NOT_ASSESSING, assess_decision_on=date(2026, 2, 1), caseworker=caseworker
    )
    mediation(child, refused)
    appeal(child, refused)
    not_issuing = decision(
        child,
        Stage.NOT_ISSUING,
        assess_decision_on=date(2026, 1, 5),
        issue_decision_on=date(2026, 5, 1),
        caseworker=caseworker,
    )
    mediation(child, not_issuing)
    decision(other, Stage.FINAL_ISSUED, final_issued_on=date(2026, 6, 1))  # nothing followed
    issued = decision(other, Stage.FINAL_ISSUED, final_issued_on=date(2026, 9, 1))
    appeal(other, issued, appeal_type=AppealType.CONTENTS)
    # Left out: still being assessed (deciding to assess cannot be appealed), refused before
    # the period, withdrawn, and a mediation case linked to no request.
    decision(other, Stage.ASSESSING, assess_decision_on=date(2026, 3, 1))
    mediation(other, decision(other, Stage.NOT_ASSESSING, assess_decision_on=date(2025, 12, 31)))
    decision(other, Stage.WITHDRAWN, closed_on=date(2026, 4, 1))
    mediation(other)
    return world


def test_mediation_and_appeal_rates_over_the_appealable_decisions(decisions):
    # 4 appealable decisions: refused to assess (mediation and appeal), not issuing
    # (mediation), two plans issued (one appealed).
    [med] = figure("mediation-rate")
    assert (med.total, med.hits, med.percent_including) == (4, 2, 50.0)
    [app] = figure("appeal-rate")
    assert (app.total, app.hits, app.percent_including) == (4, 2, 50.0)
    [own] = figure("mediation-rate", scope=Q(caseworker_id=decisions.users["caseworker"].pk))
    assert (own.total, own.hits) == (2, 2)


def test_the_rates_by_quarter_and_by_team(decisions):
    trend = figures.trend(kpis.KPIS["appeal-rate"], end=END, scope=Q(), count=4)
    assert [(f.total, f.hits) for _q, f in trend] == [(1, 1), (2, 0), (1, 1), (0, 0)]
    by_team = {f.label: (f.total, f.hits) for f in figure("mediation-rate", cut="team")}
    assert by_team == {decisions.team.name: (2, 2), decisions.other_team.name: (2, 0)}
    by_kind = {f.label: (f.total, f.hits) for f in figure("appeal-rate", cut="decision")}
    assert by_kind == {
        "Final plan issued": (2, 1),
        "Refused to assess": (1, 1),
        "Decided not to issue a plan": (1, 0),
    }


def test_an_empty_period_has_no_rate(decisions):
    for slug in ("mediation-rate", "appeal-rate", "order-compliance"):
        [empty] = figure(slug, start=date(2024, 1, 1), end=date(2024, 12, 31))
        assert (empty.total, empty.percent_including) == (0, None), slug


def test_appeal_outcomes_use_the_disputes_codes(world):
    for outcome in (AppealOutcome.ALLOWED, AppealOutcome.WITHDRAWN, AppealOutcome.WITHDRAWN):
        appeal(world.caseload_child, outcome=outcome, outcome_on=date(2026, 7, 1))
    appeal(world.caseload_child, outcome=AppealOutcome.DISMISSED, outcome_on=date(2025, 7, 1))
    outcomes = {f.label: f.total for f in figure("tribunal-outcomes")}
    assert outcomes == {"Withdrawn by the family": 2, "Allowed": 1}


@pytest.fixture
def orders(world):
    child = world.caseload_child
    # Ordered to make a plan on Monday 2 March 2026: the draft within 5 weeks (6 April), the
    # final plan within 11 weeks (18 May) (reg 44(2)(d) and (e)).
    plan = appeal(
        child, outcome=AppealOutcome.ALLOWED, outcome_on=date(2026, 3, 2),
        order_type=OrderType.MAKE_PLAN, order_on=date(2026, 3, 2),
    )  # fmt: skip
    OrderStep.objects.create(appeal=plan, rule_id="order_make_plan_draft", done_on=date(2026, 4, 6))
    OrderStep.objects.create(
        appeal=plan, rule_id="order_make_plan_final", done_on=date(2026, 5, 19)
    )
    OrderStepException.objects.create(
        appeal=plan, rule_id="order_make_plan_final", ground="school_closure",
        starts_on=date(2026, 4, 20), evidence="The school was closed for two weeks.",
    )  # fmt: skip
    # Not opposed on Monday 1 June 2026: the amended plan within 5 weeks of that day (6 July,
    # reg 45(4)), not of the order date (from 1 May it would have been 5 June).
    unopposed = appeal(
        child, appeal_type=AppealType.CONTENTS, outcome=AppealOutcome.CONCEDED,
        outcome_on=date(2026, 6, 1), order_type=OrderType.AMEND, order_on=date(2026, 5, 1),
        unopposed_on=date(2026, 6, 1),
    )  # fmt: skip
    OrderStep.objects.create(
        appeal=unopposed, rule_id="unopposed_amend_plan", done_on=date(2026, 7, 6)
    )
    # Left out: a step done before the period, and an order with no step done yet.
    before = appeal(
        world.other_child, outcome=AppealOutcome.ALLOWED, outcome_on=date(2025, 10, 1),
        order_type=OrderType.AMEND, order_on=date(2025, 10, 1),
    )  # fmt: skip
    OrderStep.objects.create(appeal=before, rule_id="order_amend_plan", done_on=date(2025, 11, 1))
    appeal(
        world.other_child, outcome=AppealOutcome.ALLOWED, outcome_on=date(2026, 10, 1),
        order_type=OrderType.AMEND, order_on=date(2026, 10, 1),
    )  # fmt: skip
    return world


def test_order_compliance_with_an_exception_and_an_unopposed_appeal(orders):
    [f] = figure("order-compliance")
    # The draft on its last day and the unopposed amendment on its last day are in time; the
    # final plan a day late, with a reg 44(3) exception.
    assert (f.total, f.hits, f.with_exception, f.with_exception_hits) == (3, 2, 1, 0)
    assert (f.percent_including, f.percent_excluding) == (66.7, 100.0)


def test_a_manager_opens_the_steps_behind_order_compliance(orders):
    response = orders.client_for("team_manager").get(
        reverse("insights:kpi_cases", args=["order-compliance"]), PERIOD
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count(orders.caseload_child.full_name) == 3
    assert "6 April 2026" in body and "1 June 2026" in body  # done, and the reg 45 clock's start


@pytest.mark.parametrize("slug", ["mediation-rate", "appeal-rate", "order-compliance"])
def test_only_those_who_may_open_cases_see_them(decisions, slug):
    cases = reverse("insights:kpi_cases", args=[slug])
    for role in ("board_member", "analyst"):
        assert decisions.client_for(role).get(cases, PERIOD).status_code == 403, role
    page = decisions.client_for("board_member").get(reverse("insights:kpi", args=[slug]), PERIOD)
    assert page.status_code == 200 and cases not in page.content.decode()


def test_the_board_sees_a_small_rate_suppressed_and_england_with_its_source(decisions):
    body = (
        decisions.client_for("board_member")
        .get(reverse("insights:kpi", args=["appeal-rate"]), PERIOD)
        .content.decode()
    )
    assert 'data-testid="headline">[c]<' in body  # 4 decisions: too few to show
    assert "5.7%" in body and "Tribunal statistics quarterly" in body
