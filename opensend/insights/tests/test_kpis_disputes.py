"""The KPIs of disagreements against hand-built cases with known answers: appealable decisions
with and without mediation and appeals (and those left out), the steps of Tribunal orders on
their last day and after, with a reg 44(3) exception and an unopposed appeal's reg 45 clock,
and an empty period."""

from datetime import date

import pytest
import time_machine
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
from opensend.reviews.models import Amendment, AnnualReview, Cessation
from testsupport.forms import date_fields
from testsupport.transfers import final_plan

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


def _review(child, decision, decided_on, caseworker=None):
    return AnnualReview.objects.create(
        plan=final_plan(child), child=child, led_by="council", due_by=date(2026, 1, 1),
        stage="decided", decision=decision, decided_on=decided_on, caseworker=caseworker,
    )  # fmt: skip


@pytest.fixture
def reviews(world):
    """Decisions after annual reviews: CFA 2014 s51(2)(e) not to amend, (f) to cease, and
    s51(3)(b) the plan as amended."""
    child, other, caseworker = world.caseload_child, world.other_child, world.users["caseworker"]
    not_amend = _review(child, "maintain", date(2026, 3, 10), caseworker)
    MediationCase.objects.create(
        child=child, review=not_amend, decision_notice_on=date(2026, 3, 10), about="No change"
    )
    cease = _review(other, "cease", date(2026, 5, 4))
    cessation = Cessation.objects.create(
        plan=cease.plan, child=other, review=cease, reason="2", details="Needs met",
        decided_on=date(2026, 5, 4),
    )  # fmt: skip
    Cessation.objects.filter(pk=cessation.pk).update(
        appeal=appeal(other, appeal_type=AppealType.CEASING)  # recorded on the cease decision
    )
    amend = _review(other, "amend", date(2026, 2, 1))  # the decision to amend: not appealable
    Amendment.objects.create(
        plan=amend.plan, child=other, source="annual_review", review=amend, status="issued",
        summary="New targets", issued_on=date(2026, 8, 3),
    )  # fmt: skip
    appeal(other, review=amend, appeal_type=AppealType.CONTENTS)
    _review(child, "maintain", date(2025, 12, 31))  # before the period
    return world


def test_decisions_after_reviews_are_appealable_decisions(reviews):
    [med] = figure("mediation-rate")
    assert (med.total, med.hits) == (3, 1)  # not to amend (mediation), cease, amended plan
    [app] = figure("appeal-rate")
    assert (app.total, app.hits) == (3, 2)  # the cease decision's appeal, the amended plan's
    by_kind = {f.label: (f.total, f.hits) for f in figure("appeal-rate", cut="decision")}
    assert by_kind == {
        "Decided not to amend the plan after a review": (1, 0),
        "Decided to cease the plan after a review": (1, 1),
        "Plan amended after a review": (1, 1),
    }
    [own] = figure("mediation-rate", scope=Q(caseworker_id=reviews.users["caseworker"].pk))
    assert (own.total, own.hits) == (1, 1)
    trend = figures.trend(kpis.KPIS["appeal-rate"], end=END, scope=Q(), count=4)
    assert [(f.total, f.hits) for _q, f in trend] == [(1, 0), (1, 1), (1, 1), (0, 0)]


def test_a_manager_opens_the_reviews_behind_the_rate(reviews):
    body = (
        reviews.client_for("team_manager")
        .get(reverse("insights:kpi_cases", args=["appeal-rate"]), PERIOD)
        .content.decode()
    )
    assert reviews.caseload_child.full_name in body and "10 March 2026" in body


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
    # Left out: a step done before the period, and an order with no step done yet whose limit
    # is still to come (ordered 1 October 2026: amend by 5 November, and "today" is 4 November).
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


TODAY = date(2026, 11, 4)


def test_order_compliance_with_an_exception_and_an_unopposed_appeal(orders):
    with time_machine.travel(TODAY, tick=False):
        [f] = figure("order-compliance")
    # The draft on its last day and the unopposed amendment on its last day are in time; the
    # final plan a day late, with a reg 44(3) exception.
    assert (f.total, f.hits, f.with_exception, f.with_exception_hits) == (3, 2, 1, 0)
    assert (f.percent_including, f.percent_excluding) == (66.7, 100.0)


def test_steps_not_done_by_their_limit_count_as_not_in_time(orders):
    child = orders.caseload_child
    # Ordered to assess on 1 June 2026: tell the family by 15 June (done), then a decision not
    # to issue by 10 August or the final plan by 7 September (reg 44(2)): neither
    # done, so one step missed, on the later limit.
    assess = appeal(
        child, outcome=AppealOutcome.ALLOWED, outcome_on=date(2026, 6, 1),
        order_type=OrderType.ASSESS, order_on=date(2026, 6, 1),
    )  # fmt: skip
    OrderStep.objects.create(
        appeal=assess, rule_id="order_assess_notify", done_on=date(2026, 6, 15)
    )
    # Ordered to amend on 1 June 2026 (by 6 July), not done, with a reg 44(3) exception.
    excused = appeal(
        child, outcome=AppealOutcome.ALLOWED, outcome_on=date(2026, 6, 1),
        order_type=OrderType.AMEND, order_on=date(2026, 6, 1),
    )  # fmt: skip
    OrderStepException.objects.create(
        appeal=excused, rule_id="order_amend_plan", ground="school_closure",
        starts_on=date(2026, 6, 20), evidence="The school was closed.",
    )  # fmt: skip
    with time_machine.travel(TODAY, tick=False):
        [f] = figure("order-compliance")
        # The 3 steps done as before, the notice (in time), and 2 missed: one excused.
        assert (f.total, f.hits, f.with_exception, f.with_exception_hits) == (6, 3, 2, 0)
        [summer] = figure("order-compliance", start=date(2026, 7, 1), end=date(2026, 9, 30))
        assert (summer.total, summer.hits) == (3, 1)  # the amended plan on 6 July; 2 missed
        trend = figures.trend(kpis.KPIS["order-compliance"], end=END, scope=Q(), count=4)
        assert [(q.total, q.hits) for _q, q in trend] == [(0, 0), (3, 2), (3, 1), (0, 0)]
        mine = Q(appeal__child__caseworker_id=orders.users["caseworker"].pk)
        assert figure("order-compliance", scope=mine)[0].total == 6
        page = orders.client_for("team_manager").get(
            reverse("insights:kpi_cases", args=["order-compliance"]), PERIOD
        )
    body = page.content.decode()
    assert body.count(child.full_name) == 6 and body.count("Not yet") == 2
    # A day after the 5 November limit, the 1 October order's step is missed too.
    with time_machine.travel(date(2026, 11, 6), tick=False):
        assert figure("order-compliance")[0].total == 7


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
