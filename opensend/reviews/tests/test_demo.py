"""The demo area's reviews and amendments: every final plan has one open review, a realistic mix."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opensend.demo.reviews import build_demo_reviews
from opensend.plans.content import content_compare
from opensend.plans.models import EHCPlan, PlanStatus, PlanVersion
from opensend.reviews.models import (
    OPEN_REVIEW_STAGES,
    Amendment,
    AmendmentStatus,
    AnnualReview,
    ReviewStage,
)
from testsupport.demo import TODAY, demo_area

pytestmark = pytest.mark.django_db


def test_demo_reviews():
    demo_area(400, stop_after="plans")
    assert not AnnualReview.objects.exists()
    with CaptureQueriesContext(connection) as queries:
        build_demo_reviews(seed=7, today=TODAY)
    assert len(queries) < 40
    finals = EHCPlan.objects.filter(status=PlanStatus.FINAL)
    open_reviews = AnnualReview.objects.filter(stage__in=OPEN_REVIEW_STAGES)
    assert open_reviews.count() == finals.count() > 50
    assert set(open_reviews.values_list("plan_id", flat=True)) == set(
        finals.values_list("pk", flat=True)
    )
    stages = Counter(open_reviews.values_list("stage", flat=True))
    assert stages[ReviewStage.PLANNED] > finals.count() / 2
    assert {ReviewStage.HELD, ReviewStage.REPORTED} <= set(stages)
    overdue = open_reviews.filter(next_due_on__lt=TODAY).count()
    assert 0.03 < overdue / finals.count() < 0.3
    assert not open_reviews.filter(next_due_on__isnull=True).exists()
    assert AnnualReview.objects.filter(stage=ReviewStage.DECIDED).exists()
    statuses = Counter(Amendment.objects.values_list("status", flat=True))
    assert statuses[AmendmentStatus.ISSUED] and statuses[AmendmentStatus.PROPOSED]
    issued = Amendment.objects.filter(status=AmendmentStatus.ISSUED).first()
    v1, v2 = (PlanVersion.objects.get(plan_id=issued.plan_id, version=n) for n in (1, 2))
    assert [c.code for c in content_compare(v1.snapshot, v2.snapshot) if c.changed] == ["F"]
