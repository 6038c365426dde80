"""Every KPI against hand-built cases with known answers: children whose dates put them just
inside and just outside each limit, with and without a recorded exception, and the cuts."""

from datetime import date

import pytest
from django.db.models import Q

from opensend.casework.models import AdviceKind, AdviceRequest, AssessmentRequest, ClockException
from opensend.insights import cases, figures, kpis
from opensend.people.codes import SENType
from opensend.plans.models import PlacementType
from opensend.reviews.models import Amendment, AnnualReview, PhaseTransfer
from testsupport.factories.people import ChildFactory, LocalityFactory
from testsupport.transfers import final_plan

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 12, 31)
# Received 1 September 2025: 20 weeks ends 19 January 2026, 52 weeks 31 August 2026.
RECEIVED = date(2025, 9, 1)


def figure(slug, scope=None, **kw):
    item = kpis.KPIS[slug]
    return figures.compute(item, start=START, end=END, scope=scope or Q(), **kw)


def request(child, *, issued=None, decided=None, received=RECEIVED, caseworker=None):
    return AssessmentRequest.objects.create(
        child=child,
        received_on=received,
        source="parent",
        final_issued_on=issued,
        assess_decision_on=decided,
        caseworker=caseworker,
    )


def exception_on(req, ground="personal_circumstances", advice=None):
    ClockException.objects.create(
        request=req, advice_request=advice, ground=ground, starts_on=date(2025, 10, 1), evidence="x"
    )


@pytest.fixture
def plans(world):
    north = LocalityFactory(name="North")
    child = ChildFactory(locality=north, primary_need=SENType.ASD, senar_team=world.team)
    other = ChildFactory(primary_need=SENType.SLCN, senar_team=world.other_team)
    caseworker = world.users["caseworker"]
    request(child, issued=date(2026, 1, 19), caseworker=caseworker)  # the last day: in time
    request(child, issued=date(2026, 1, 20), caseworker=caseworker)  # a day late
    late_exc = request(other, issued=date(2026, 2, 2))  # late, with an exception
    exception_on(late_exc)
    in_time_exc = request(other, issued=date(2026, 1, 12))  # in time, with an exception
    exception_on(in_time_exc, ground="school_closure")
    request(other, issued=date(2026, 8, 31))  # 52 weeks to the day: within a year
    request(other, issued=date(2026, 9, 1))  # 52 weeks and a day: over a year
    request(other, issued=date(2025, 12, 31))  # before the period: not counted
    request(other)  # not yet issued: not counted
    return child, other


def test_new_plans_within_20_weeks_with_and_without_exceptions(plans):
    [all_] = figure("new-plans-20-weeks")
    assert (all_.total, all_.hits, all_.with_exception, all_.with_exception_hits) == (6, 2, 2, 1)
    assert all_.percent_including == 33.3  # 2 of 6
    assert all_.percent_excluding == 25.0  # 1 of the 4 with no exception


def test_new_plans_in_the_bands_after_20_weeks(plans):
    [band] = figure("new-plans-20-to-52-weeks")
    # 20 January, 2 February (with an exception), 31 August; not 1 September.
    assert (band.total, band.hits, band.with_exception_hits) == (6, 3, 1)
    assert band.percent_excluding == 50.0  # 2 of the 4 with no exception
    [over] = figure("new-plans-over-52-weeks")
    assert (over.hits, over.with_exception_hits) == (1, 0)
    assert over.percent_including == 16.7


def test_average_weeks_to_issue_with_and_without_exceptions(plans):
    [mean] = figure("average-weeks-to-issue")
    # Days from 1 September 2025: 140, 141, 154 (exception), 133 (exception), 364, 365.
    assert mean.mean_weeks == round((140 + 141 + 154 + 133 + 364 + 365) / 6 / 7, 1) == 30.9
    assert mean.mean_weeks_excluding == round((140 + 141 + 364 + 365) / 4 / 7, 1) == 36.1


def test_requests_decided_within_6_weeks(world):
    child = world.caseload_child
    # Received 2 February 2026: 6 weeks ends 16 March 2026.
    received = date(2026, 2, 2)
    request(child, received=received, decided=date(2026, 3, 16))
    request(child, received=received, decided=date(2026, 3, 17))
    late_exc = request(child, received=received, decided=date(2026, 4, 1))
    exception_on(late_exc, ground="school_closure")
    [f] = figure("requests-decided-6-weeks")
    assert (f.total, f.hits, f.with_exception) == (3, 1, 1)
    assert f.percent_including == 33.3
    assert f.percent_excluding == 50.0


def test_advice_within_6_weeks_by_organisation_and_kind(world):
    req = request(world.caseload_child, received=date(2026, 2, 2))

    def advice(received, kind=AdviceKind.HEALTH, **kw):
        return AdviceRequest.objects.create(
            request=req,
            kind=kind,
            organisation=world.health_org,
            requested_on=date(2026, 2, 2),
            received_on=received,
            **kw,
        )

    advice(date(2026, 3, 16))  # the last day: in time
    late = advice(date(2026, 3, 17))  # a day late, but the appointment was missed
    exception_on(req, ground="missed_appointment", advice=late)
    first = advice(date(2026, 3, 20), kind=AdviceKind.SOCIAL_CARE)  # late
    advice(date(2026, 3, 1), reused_from=first)  # reused: not counted
    [f] = figure("advice-6-weeks")
    assert (f.total, f.hits, f.with_exception) == (3, 1, 1)
    assert f.percent_excluding == 50.0
    by_kind = {row.label: (row.total, row.hits) for row in figure("advice-6-weeks", cut="kind")}
    assert by_kind == {AdviceKind.HEALTH.label: (2, 1), AdviceKind.SOCIAL_CARE.label: (1, 0)}
    [org] = figure("advice-6-weeks", cut="organisation")
    assert (org.label, org.total) == (world.health_org.name, 3)


def _review(plan, **fields):
    return AnnualReview.objects.create(plan=plan, child=plan.child, led_by="council", **fields)


def test_review_decisions_within_4_weeks_and_reviews_held_on_time(world):
    plan = final_plan(world.caseload_child)
    # Meeting 2 March 2026: 4 weeks ends 30 March 2026.
    meeting = date(2026, 3, 2)
    _review(plan, due_by=date(2026, 3, 2), meeting_on=meeting, held_on=meeting,
            decided_on=date(2026, 3, 30), stage="decided")  # fmt: skip
    _review(plan, due_by=date(2026, 3, 1), meeting_on=meeting, held_on=meeting,
            decided_on=date(2026, 3, 31), stage="decided")  # fmt: skip
    _review(plan, due_by=date(2026, 11, 1))  # due, never held: overdue
    _review(plan, due_by=date(2026, 10, 1), stage="cancelled")  # cancelled: not counted
    [decisions] = figure("review-decisions-4-weeks")
    assert (decisions.total, decisions.hits) == (2, 1)
    [held] = figure("reviews-held-on-time")
    # Held on the due day; held a day after it; never held.
    assert (held.total, held.hits, held.misses) == (3, 1, 2)


def test_phase_transfers_amended_by_the_deadline(world):
    child = world.caseload_child
    # A move to secondary school on 1 September 2026: amend by 14 February 2026.
    in_time = final_plan(child)
    late = final_plan(ChildFactory())
    not_moving = final_plan(ChildFactory())
    for plan, issued in ((in_time, date(2026, 2, 14)), (late, date(2026, 2, 16))):
        amendment = Amendment.objects.create(
            plan=plan, child=plan.child, source="phase_transfer", status="issued",
            summary="New school", issued_on=issued,
        )  # fmt: skip
        PhaseTransfer.objects.create(
            plan=plan, child=plan.child, kind="primary_to_secondary",
            transfer_on=date(2026, 9, 1), amendment=amendment,
        )  # fmt: skip
    PhaseTransfer.objects.create(
        plan=not_moving, child=not_moving.child, kind="primary_to_secondary",
        transfer_on=date(2026, 9, 1), not_transferring_reason="Moving abroad",
    )  # fmt: skip
    # A move in September 2027 has its deadline in 2027: not in the period.
    PhaseTransfer.objects.create(
        plan=in_time, child=child, kind="primary_to_secondary", transfer_on=date(2027, 9, 1)
    )
    [f] = figure("phase-transfers-amended")
    assert (f.total, f.hits) == (2, 1)


def test_placements_and_primary_need_mix(world):
    for placement, need in (
        (PlacementType.MAINSTREAM, SENType.ASD),
        (PlacementType.MAINSTREAM, SENType.DS),
        (PlacementType.SPECIAL, SENType.ASD),
        ("", ""),
    ):
        plan = final_plan(ChildFactory(primary_need=need), issued_on=date(2026, 6, 1))
        plan.placement_type = placement
        plan.save()
    final_plan(ChildFactory(), issued_on=date(2027, 1, 5))  # issued after the period
    mix = {f.label: f.total for f in figure("placements")}
    assert mix == {
        PlacementType.MAINSTREAM.label: 2,
        PlacementType.SPECIAL.label: 1,
        "Not recorded": 1,
    }
    head = figures.headline(kpis.KPIS["placements"], start=START, end=END, scope=Q())
    assert (head.total, head.hits, head.percent_including) == (4, 2, 50.0)
    needs = {f.key: f.total for f in figure("primary-need")}
    assert needs == {"ASD": 2, "DS": 1, "": 1}
    assert dict(SENType.choices)["DS"] == "Down syndrome"


def test_cuts_by_locality_need_team_age_and_setting(plans, world):
    by_locality = {f.label: f.total for f in figure("new-plans-20-weeks", cut="locality")}
    assert by_locality == {"North": 2, "Not recorded": 4}
    by_need = {f.label: f.total for f in figure("new-plans-20-weeks", cut="need")}
    assert by_need == {
        "Speech, language and communication needs": 4,
        "Autistic spectrum disorder": 2,
    }
    by_team = {f.label: (f.total, f.hits) for f in figure("new-plans-20-weeks", cut="team")}
    assert by_team == {world.other_team.name: (4, 1), world.team.name: (2, 1)}
    assert sum(f.total for f in figure("new-plans-20-weeks", cut="age")) == 6
    assert sum(f.total for f in figure("new-plans-20-weeks", cut="setting")) == 6


def test_age_groups_use_the_age_on_the_last_day(world):
    five_on_the_day = ChildFactory(date_of_birth=date(2021, 12, 31))
    four = ChildFactory(date_of_birth=date(2022, 1, 1))
    request(five_on_the_day, issued=date(2026, 1, 19))
    request(four, issued=date(2026, 1, 19))
    ages = {f.label: f.total for f in figure("new-plans-20-weeks", cut="age")}
    assert ages == {"Under 5": 1, "Aged 5 to 10": 1}


def test_scope_limits_the_figures(plans, world):
    caseworker = world.users["caseworker"]
    item = kpis.KPIS["new-plans-20-weeks"]
    [own] = figure("new-plans-20-weeks", scope=Q(caseworker_id=caseworker.pk))
    assert (own.total, own.hits) == (2, 1)
    found = cases.case_rows(
        item,
        start=START,
        end=END,
        scope=Q(),
        visible_children=plans[0].__class__.objects.filter(pk=plans[0].pk),
    )
    assert [line.hit for line in found.lines] == [True, False]
    assert (found.total, found.visible, found.hidden, found.not_shown) == (6, 2, 4, 0)


def test_every_kpi_has_its_definition_in_prose():
    for item in kpis.KPIS.values():
        text = item.definition
        assert "Reconciles with" in text or "DfE publishes no national figure" in text, item.slug
        assert len(item.paragraphs) >= 2, item.slug


def test_the_trend_counts_each_quarter_in_one_go(plans):
    item = kpis.KPIS["new-plans-20-weeks"]
    points = figures.trend(item, end=date(2026, 9, 30), scope=Q(), count=4)
    assert [q.label for q, _ in points] == [
        "Oct to Dec 2025",
        "Jan to Mar 2026",
        "Apr to Jun 2026",
        "Jul to Sep 2026",
    ]
    assert [(f.total, f.hits) for _, f in points] == [(1, 1), (4, 2), (0, 0), (2, 0)]
    weeks = figures.trend(kpis.KPIS["average-weeks-to-issue"], end=date(2026, 9, 30), scope=Q())
    assert weeks[-1][1].mean_weeks == round((364 + 365) / 2 / 7, 1)


def test_the_chart_sentence_and_svg():
    from opensend.insights import charts

    points = [charts.Point("Jan to Mar 2026", 40.0), charts.Point("Apr to Jun 2026", None),
              charts.Point("Jul to Sep 2026", 52.1)]  # fmt: skip
    sentence = charts.summary(points, what="new EHC plans within 20 weeks", unit="%")
    assert sentence == (
        "New EHC plans within 20 weeks was 40.0% in Jan to Mar 2026 and rose to 52.1% in "
        "Jul to Sep 2026."
    )
    svg = charts.column_chart(points, percent=True, reference=46.4, reference_label="<England>")
    assert svg.count("<rect") == 2  # no bar where there is no figure
    assert "&lt;England&gt;" in svg and 'aria-hidden="true"' in svg
    assert charts.summary([], what="x", unit="%").startswith("There are no figures")


def test_complaints_answered_within_the_charter(world):
    from opensend.disputes.services import complaint_create

    def complaint(child, responded):
        made = complaint_create(
            actor=world.users["caseworker"],
            child=child,
            received_on=date(2026, 3, 2),
            complainant_name="Alex Parent",
            summary="Late advice",
            today=date(2026, 3, 2),
        )
        made.stages.update(responded_on=responded)

    # 10 working days from Monday 2 March 2026 is Monday 16 March 2026.
    complaint(world.caseload_child, date(2026, 3, 16))
    complaint(world.caseload_child, date(2026, 3, 17))
    complaint(None, date(2026, 3, 10))  # about no child: counted for the area
    [f] = figure("complaints-within-charter")
    assert (f.total, f.hits) == (3, 2)
    by_stage = figure("complaints-within-charter", cut="stage")
    assert [(row.total, row.hits) for row in by_stage] == [(3, 2)]
    [own] = figure(
        "complaints-within-charter",
        scope=Q(complaint__child__caseworker_id=world.users["caseworker"].pk),
    )
    assert (own.total, own.hits) == (2, 1)


def test_tribunal_appeals_by_outcome(world):
    from opensend.disputes.models import Appeal, AppealOutcome, AppealType

    def appeal(outcome, outcome_on):
        Appeal.objects.create(
            child=world.caseload_child, appeal_type=AppealType.REFUSAL_TO_ASSESS,
            decision_sent_on=date(2025, 11, 3), lodged_on=date(2025, 12, 1),
            outcome=outcome, outcome_on=outcome_on,
        )  # fmt: skip

    appeal(AppealOutcome.ALLOWED, date(2026, 1, 1))  # the first day of the period
    appeal(AppealOutcome.CONCEDED, date(2026, 12, 31))  # the last
    appeal(AppealOutcome.DISMISSED, date(2026, 6, 1))
    appeal(AppealOutcome.ALLOWED, date(2025, 12, 31))  # the day before: not counted
    appeal("", None)  # still open: not counted
    outcomes = {f.key: f.total for f in figure("tribunal-outcomes")}
    assert outcomes == {"allowed": 1, "conceded": 1, "dismissed": 1}
    head = figures.headline(kpis.KPIS["tribunal-outcomes"], start=START, end=END, scope=Q())
    assert (head.total, head.hits, head.percent_including) == (3, 2, 66.7)
