"""The demo area's disputes: every state, deterministic from the seed, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opensend.core.clocks import next_open_clock
from opensend.demo.disputes import build_demo_disputes
from opensend.disputes.clocks import record_clocks
from opensend.disputes.models import (
    Appeal,
    AppealType,
    Complaint,
    ComplaintStage,
    ComplaintStageRecord,
    ComplaintStatus,
    DisputeStep,
    MediationCase,
    OrderStepException,
)
from testsupport.demo import TODAY, demo_area

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        list(
            Complaint.objects.order_by("pk").values_list(
                "child_id", "received_on", "stage", "status"
            )
        ),
        list(MediationCase.objects.order_by("pk").values_list("child_id", "certificate_issued_on")),
        list(Appeal.objects.order_by("pk").values_list("child_id", "outcome", "compliant_on")),
    )


@pytest.fixture
def area():
    demo_area(1500, stop_after="plans")


def test_demo_disputes_cover_every_state(area):
    made = build_demo_disputes(seed=7, today=TODAY)
    assert (
        made == Complaint.objects.count() + MediationCase.objects.count() + Appeal.objects.count()
    )
    assert Complaint.objects.filter(status=ComplaintStatus.OPEN).exists()
    assert Complaint.objects.filter(status=ComplaintStatus.CLOSED).exists()
    assert Complaint.objects.exclude(stage=ComplaintStage.STAGE_1).exists()
    assert ComplaintStageRecord.objects.exclude(remedy="").exclude(learning="").exists()
    assert MediationCase.objects.filter(certificate_issued_on__isnull=False).exists()
    assert MediationCase.objects.filter(held_on__isnull=False).exists()
    assert Appeal.objects.filter(appeal_type=AppealType.REFUSAL_TO_ASSESS).exists()
    assert Appeal.objects.filter(order_on__isnull=False).exists()
    assert DisputeStep.objects.count() > made
    # the queue's stored next date matches the clocks worked out from the saved rows
    for record in [
        *Complaint.objects.open()[:20],
        *MediationCase.objects.open()[:20],
        *Appeal.objects.open()[:20],
    ]:
        upcoming = next_open_clock(record_clocks(record))
        assert record.next_due_on == (upcoming.due_on if upcoming else None), record
    assert not Appeal.objects.filter(lodged_on__gt=TODAY).exists()
    assert not OrderStepException.objects.filter(starts_on__gt=TODAY).exists()


def test_demo_disputes_are_deterministic(area):
    build_demo_disputes(seed=7, today=TODAY)
    first = _snapshot()
    DisputeStep.objects.all().delete()
    OrderStepException.objects.all().delete()
    from opensend.disputes.models import OrderStep

    OrderStep.objects.all().delete()
    Appeal.objects.all()._raw_delete(Appeal.objects.db)
    MediationCase.objects.all()._raw_delete(MediationCase.objects.db)
    ComplaintStageRecord.objects.all().delete()
    Complaint.objects.all()._raw_delete(Complaint.objects.db)
    build_demo_disputes(seed=7, today=TODAY)
    assert _snapshot() == first


def test_demo_disputes_take_a_fixed_number_of_queries(area):
    with CaptureQueriesContext(connection) as queries:
        build_demo_disputes(seed=7, today=TODAY)
    # reads (charter, cases, names) and one insert per batch of each table
    assert len(queries) < 20


def test_demo_disputes_include_decisions_after_annual_reviews(db):
    demo_area(1500, stop_after="disputes")
    about_reviews = Appeal.objects.filter(review__isnull=False).select_related("review")
    mediation = MediationCase.objects.filter(review__isnull=False).select_related("review")
    assert mediation.exists() and about_reviews.exists()
    for record in (*about_reviews, *mediation):
        assert record.assessment_request_id is None and record.review.child_id == record.child_id
        assert record.review.decision in ("maintain", "cease")
    ceasing = about_reviews.filter(appeal_type=AppealType.CEASING)
    assert all(a.order_type in ("", "maintain") for a in ceasing)
