"""The planner finds next September's movers in SQL, with statuses, filters and progress, in a
fixed number of queries; the queue and the per-caseworker counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opensend import statutory
from opensend.people.codes import Phase
from opensend.reviews.transfers import planner, selectors, services
from testsupport.factories.people import ChildFactory, EnrolmentFactory, SettingFactory
from testsupport.transfers import born_in_year_group, final_plan, today, year6

pytestmark = pytest.mark.django_db


def _child(world, setting, year, **kwargs):
    child = ChildFactory(
        caseworker=world.users["caseworker"],
        senar_team=world.team,
        date_of_birth=born_in_year_group(year),
        **kwargs,
    )
    if setting is not None:
        EnrolmentFactory(child=child, setting=setting)
    return final_plan(child)


@pytest.fixture
def area(world):
    infant = SettingFactory(name="Infant", phase=Phase.INFANT)
    secondary = SettingFactory(name="Secondary", phase=Phase.SECONDARY)
    nursery = SettingFactory(name="Nursery", phase=Phase.NURSERY, kind="early_years")
    plans = {
        "y6_primary": year6(world),
        "y2_infant": _child(world, infant, 2),
        "y2_primary": _child(world, world.setting, 2),  # stays at a primary school
        "y11": _child(world, secondary, 11),
        "y10": _child(world, secondary, 10),
        "nursery": _child(world, nursery, -1),
        "y6_no_setting": _child(world, None, 6),
    }
    return plans


def test_the_movers_and_their_moves(world, area):
    plans = planner.planner_queryset(user=world.users["caseworker"], on=today())
    kinds = {p.pk: p.kind for p in plans}
    assert kinds == {
        area["y6_primary"].pk: "primary_to_secondary",
        area["y2_infant"].pk: "infant_to_junior",
        area["y11"].pk: "secondary_to_post16",
        area["nursery"].pk: "early_years_to_school",
        area["y6_no_setting"].pk: "primary_to_secondary",
    }
    deadlines = {p.pk: p.amend_by for p in plans}
    year = statutory.next_september(today()).year
    assert deadlines[area["y11"].pk] == dt.date(year, 3, 30)
    assert deadlines[area["y6_primary"].pk] == dt.date(year, 2, 14)


def test_a_senco_sees_only_their_own_leavers(world, area):
    plans = planner.planner_queryset(user=world.users["senco"], on=today())
    assert [p.pk for p in plans] == [area["y6_primary"].pk]
    assert not planner.planner_queryset(user=world.users["parent"], on=today()).exists()


def test_statuses_filters_and_progress(world, area):
    cw = world.users["caseworker"]
    services.transfer_open(actor=cw, plan=area["y6_primary"])
    transfer = services.transfer_open(actor=cw, plan=area["y11"])
    services.transfer_preferences_record(
        actor=cw,
        transfer=transfer,
        recorded_on=today(),
        first_preference=SettingFactory(phase=Phase.POST16),
    )
    plans = planner.planner_queryset(user=cw, on=today())
    status = {p.pk: p.planner_status for p in plans}
    assert status[area["y6_primary"].pk] == "not_started"
    assert status[area["y11"].pk] == "preferences"
    assert status[area["nursery"].pk] == "not_opened"
    assert planner.planner_filtered(plans, status="not_opened").count() == 3
    assert planner.planner_filtered(plans, kind="secondary_to_post16").count() == 1
    assert (
        planner.planner_filtered(plans, setting_id=str(world.setting.pk)).get().pk
        == area["y6_primary"].pk
    )
    cohort = planner.planner_cohort(plans)
    assert [e.plan_id for e in planner.cohort_filtered(cohort, status="not_opened")] == [
        p.pk
        for p in planner.planner_filtered(plans, status="not_opened").order_by(
            *planner.PLANNER_ORDER
        )
    ]
    assert len(planner.cohort_filtered(cohort, kind="secondary_to_post16")) == 1
    assert [
        e.plan_id for e in planner.cohort_filtered(cohort, setting_id=str(world.setting.pk))
    ] == [area["y6_primary"].pk]
    assert planner.cohort_filtered(cohort, setting_id="x", kind="nonsense") == cohort
    progress = planner.planner_progress(cohort)
    by_kind = {p.key: p for p in progress.by_kind}
    assert by_kind["primary_to_secondary"].total == 2
    assert by_kind["primary_to_secondary"].opened == 1
    assert by_kind["primary_to_secondary"].percent_in_time == 0
    labels = [p.label for p in progress.by_setting]
    assert "No current setting" in labels and world.setting.name in labels


def test_rows_use_a_fixed_number_of_queries(world, area):
    cw = world.users["caseworker"]
    for plan in area.values():
        try:
            services.transfer_open(actor=cw, plan=plan)
        except Exception:  # noqa: S112 - the ones that do not move
            continue
    cohort = planner.planner_cohort(planner.planner_queryset(user=cw, on=today()))
    one = [e for e in cohort if e.setting_id and e.transfer_id][:1]
    with CaptureQueriesContext(connection) as few:
        planner.planner_rows(one, on=today())
    with CaptureQueriesContext(connection) as many:
        rows = planner.planner_rows(cohort[:25], on=today())
    assert len(rows) == 5
    assert len(many) == len(few)


def test_queue_and_counts(world, area):
    cw = world.users["caseworker"]
    services.transfer_open(actor=cw, plan=area["y6_primary"])
    rows = selectors.transfer_queue_for_user(user=cw, on=today())
    assert len(rows) == 1
    assert rows[0].child == world.caseload_child
    assert "record the family's preferences" in rows[0].what
    assert rows[0].status in set(statutory.ClockStatus)
    counts = selectors.transfer_counts_by_caseworker(user=cw, on=today())
    assert counts == {cw.pk: {"open": 1, "overdue": 0}}
    late = selectors.transfer_counts_by_caseworker(user=cw, on=rows[0].due_on + dt.timedelta(1))
    assert late[cw.pk]["overdue"] == 1
    assert (
        selectors.transfer_queue_for_user(user=cw, on=today(), caseworker=world.users["admin"])
        == []
    )


def test_year_13_in_a_school_sixth_form_is_a_post16_mover(world):
    """Reg 2(1)(f): leaving a school sixth form for a college is a phase transfer (31 March)."""
    sixth_form = SettingFactory(name="Sixth form", phase=Phase.SECONDARY)
    year13 = _child(world, sixth_form, 13)
    year12 = _child(world, sixth_form, 12)
    movers = {p.pk: p.kind for p in planner.movers_queryset(on=today())}
    assert movers.get(year13.pk) == "secondary_to_post16"
    assert year12.pk not in movers


def test_a_january_move_shows_the_literal_date_with_a_warning(world):
    from django.urls import reverse

    from opensend.reviews.models import PhaseTransfer

    plan = year6(world)
    transfer = PhaseTransfer.objects.create(
        plan=plan,
        child=plan.child,
        kind="primary_to_secondary",
        transfer_on=dt.date(2027, 1, 4),
        current_setting=world.setting,
    )
    page = world.client_for("caseworker").get(
        reverse("reviews:transfer_detail", args=[transfer.pk])
    )
    text = page.content.decode()
    assert "Sunday 14 February 2027" in text
    assert "Amend the plan before the move" in text
