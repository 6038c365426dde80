"""The demo area's transfers and cease decisions: every status, lawful reasons, fast and
deterministic."""

import pytest

from opensend import statutory
from opensend.demo.transfers import build_demo_transfers_and_cessations
from opensend.plans.models import EHCPlan, PlanStatus
from opensend.reviews.models import Cessation, CessationStatus, PhaseTransfer
from opensend.reviews.transfers import planner, selectors
from testsupport.demo import TODAY, demo_area

pytestmark = pytest.mark.django_db


def _fingerprint():
    return (
        sorted(
            PhaseTransfer.objects.values_list("plan_id", "kind", "transfer_on", "named_setting_id")
        ),
        sorted(Cessation.objects.values_list("plan_id", "reason", "status", "decided_on")),
    )


@pytest.fixture
def area(django_db_blocker):
    demo_area(600, stop_after="reviews")
    made = build_demo_transfers_and_cessations(seed=7, today=TODAY)
    return made


def test_transfers_in_every_status(area):
    assert area == PhaseTransfer.objects.count() + Cessation.objects.count()
    plans = planner.movers_queryset(on=TODAY)
    statuses = set(plans.values_list("planner_status", flat=True))
    assert {"not_opened", "not_started", "preferences", "consulting", "named"} <= statuses
    assert statuses & {"amending", "amended"}
    # last September's cohort is done: most amended by the deadline, some late
    last = PhaseTransfer.objects.filter(transfer_on=statutory.academic_year_start(TODAY))
    late = [
        t
        for t in last.select_related("amendment")
        if t.amendment.issued_on > selectors.transfer_deadline(t)
    ]
    assert last.exists() and late and len(late) < last.count()


def test_cessations_in_every_status_with_lawful_reasons(area):
    statuses = set(Cessation.objects.values_list("status", flat=True))
    assert statuses == set(CessationStatus.values)
    appealed = Cessation.objects.get(status=CessationStatus.APPEALED)
    assert appealed.appeal.appeal_type == "ceasing"
    assert appealed.plan.status == PlanStatus.FINAL
    for c in Cessation.objects.select_related("child"):
        assert statutory.cease_check(c.reason, c.child.date_of_birth, TODAY).allowed
        if c.decided_on:
            assert c.family_consulted_on <= c.decided_on <= TODAY
        if c.ceased_on:
            assert c.ceased_on > statutory.appeal_deadline(c.decided_on)
    ceased = Cessation.objects.filter(status=CessationStatus.CEASED).values("plan_id")
    assert EHCPlan.objects.filter(pk__in=ceased, status=PlanStatus.CEASED).count() == len(ceased)


def test_same_seed_same_data(area):
    first = _fingerprint()
    PhaseTransfer.objects.update(amendment=None)
    from opensend.disputes.models import Appeal
    from opensend.reviews.models import Amendment

    Cessation.objects.all()._raw_delete(Cessation.objects.db)
    PhaseTransfer.objects.all()._raw_delete(PhaseTransfer.objects.db)
    Amendment.objects.filter(source="phase_transfer")._raw_delete(Amendment.objects.db)
    Appeal.objects.filter(appeal_type="ceasing")._raw_delete(Appeal.objects.db)
    EHCPlan.objects.filter(status=PlanStatus.CEASED).update(status=PlanStatus.FINAL)
    build_demo_transfers_and_cessations(seed=7, today=TODAY)
    assert _fingerprint() == first
