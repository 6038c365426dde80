"""Recompute every stored due date from the rules engine, after the rules themselves change.

Queues sort on cached dates (`next_due_on`, and an annual review's `due_by`), which the services
keep in step as records change. When a rule in `opensend.statutory` is corrected (annual reviews
moved to the day before the anniversary, appeal deadlines moved by Tribunal rule 12), the cached
dates of records nobody has touched since would still show the old day. `refresh_due_dates`
recomputes them all, through the same clock functions the services use; `manage.py migrate` runs
it after any migration marked ``refresh_due_dates = True`` (see `reviews.apps`).

It lives in `reviews`, the last app of the journey, because it reaches every app before it.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from opensend import statutory
from opensend.casework.clocks import clocks_for
from opensend.casework.models import AssessmentRequest
from opensend.core.clocks import next_open_clock
from opensend.disputes.clocks import record_clocks
from opensend.disputes.models import Appeal, Complaint, MediationCase
from opensend.reviews.amendments.clocks import amendment_clocks
from opensend.reviews.annual_clocks import review_clocks, soonest_open
from opensend.reviews.models import (
    OPEN_AMENDMENT_STATUSES,
    OPEN_REVIEW_STAGES,
    Amendment,
    AnnualReview,
    Cessation,
    CessationStatus,
)

REVIEW_DUE_RULES = frozenset({"first_annual_review", "next_annual_review", "early_years_review"})
BATCH = 500


@dataclass
class Refreshed:
    """How many stored dates moved, per kind of record."""

    moved: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, n: int) -> None:
        self.moved[kind] = self.moved.get(kind, 0) + n

    @property
    def total(self) -> int:
        return sum(self.moved.values())


def _reviews(result: Refreshed) -> None:
    changed = []
    for review in AnnualReview.objects.filter(stage__in=OPEN_REVIEW_STAGES).iterator(BATCH):
        before = (review.due_by, review.next_due_on)
        if review.due_rule in REVIEW_DUE_RULES and review.due_from is not None:
            review.due_by = statutory.due(review.due_rule, review.due_from)
        review.next_due_on = soonest_open(review_clocks(review))
        if (review.due_by, review.next_due_on) != before:
            changed.append(review)
    AnnualReview.objects.bulk_update(changed, ["due_by", "next_due_on"], batch_size=BATCH)
    result.count("annual reviews", len(changed))


def _amendments(result: Refreshed) -> None:
    changed = []
    amendments = Amendment.objects.filter(status__in=OPEN_AMENDMENT_STATUSES).select_related(
        "appeal"
    )
    for amendment in amendments.prefetch_related("representations").iterator(BATCH):
        new = soonest_open(amendment_clocks(amendment))
        if new != amendment.next_due_on:
            amendment.next_due_on = new
            changed.append(amendment)
    Amendment.objects.bulk_update(changed, ["next_due_on"], batch_size=BATCH)
    result.count("amendments", len(changed))


def _cessations(result: Refreshed) -> None:
    """A decided cessation waits for the family's time to appeal (rule 20 and rule 12)."""
    changed = []
    waiting = Cessation.objects.filter(
        status=CessationStatus.DECIDED, appeal__isnull=True, decided_on__isnull=False
    )
    for cessation in waiting.iterator(BATCH):
        assert cessation.decided_on is not None  # noqa: S101 - filtered above
        new = statutory.appeal_deadline(cessation.decided_on)
        if new != cessation.next_due_on:
            cessation.next_due_on = new
            changed.append(cessation)
    Cessation.objects.bulk_update(changed, ["next_due_on"], batch_size=BATCH)
    result.count("cease decisions", len(changed))


def _assessments(result: Refreshed) -> None:
    changed = []
    cases = AssessmentRequest.objects.open().select_related("child")
    for case in cases.iterator(BATCH):
        upcoming = next_open_clock(clocks_for(case))
        new = (upcoming.due_on, upcoming.rule_id) if upcoming else (None, "")
        if new != (case.next_due_on, case.next_due_rule):
            case.next_due_on, case.next_due_rule = new
            changed.append(case)
    AssessmentRequest.objects.bulk_update(
        changed, ["next_due_on", "next_due_rule"], batch_size=BATCH
    )
    result.count("assessments", len(changed))


def _disputes(result: Refreshed) -> None:
    models: tuple[tuple[Any, str], ...] = (
        (Complaint, "complaints"),
        (MediationCase, "mediation cases"),
        (Appeal, "appeals"),
    )
    for model, label in models:
        changed = []
        for record in model.objects.open().iterator(BATCH):
            upcoming = next_open_clock(record_clocks(record))
            new = upcoming.due_on if upcoming else None
            if new != record.next_due_on:
                record.next_due_on = new
                changed.append(record)
        model.objects.bulk_update(changed, ["next_due_on"], batch_size=BATCH)
        result.count(label, len(changed))


@transaction.atomic
def refresh_due_dates() -> Refreshed:
    """Recompute every open record's stored due dates; return how many moved."""
    result = Refreshed()
    _assessments(result)
    _disputes(result)
    _reviews(result)
    _amendments(result)
    _cessations(result)
    return result
