"""Synthetic annual reviews and amendments for the demo area.

Built after the plans (`demo.plans`). Every final plan gets exactly one open review, in a
realistic mix: most planned, due over the next 12 months; those due soon at every stage (meeting
set, invited, held, report in awaiting the decision); about 1 in 10 overdue. A plan older than a
year also has its last review, decided: mostly "keep the plan", some "amend". Amendments from
recent decisions are still open (proposals with the family, some late); older ones were issued as
version 2 of the plan (with both versions kept, so "compare" shows the change).

Due dates come from `opensend.statutory.review_due_choice` and the rules engine, and the
`next_due_on` cache from the same clock code the services use. Rows are bulk-inserted: a fixed
number of queries at any scale. Deterministic from the seed.
"""

import copy
import random
from dataclasses import dataclass
from datetime import date

from opensend import statutory
from opensend.people.models import Child, Setting
from opensend.plans.content import plan_content
from opensend.plans.models import EHCPlan, PlanStatus, PlanVersion, Provision
from opensend.reviews.amendments.clocks import amendment_clocks
from opensend.reviews.annual_clocks import review_clocks, review_lead_for, soonest_open
from opensend.reviews.models import (
    Amendment,
    AmendmentRepresentation,
    AmendmentSource,
    AmendmentStatus,
    AnnualReview,
    ReviewDecision,
    ReviewStage,
)

BATCH = 2000
OVERDUE_SHARE = 0.1
AMEND_SHARE = 0.15
NEW_FREQUENCY = "Twice a week"


@dataclass
class _Plan:
    pk: int
    child_id: int
    issued_on: date
    setting_id: int | None
    request_id: int | None


def _days(on: date, n: int) -> date:
    return statutory.add_days(on, n)


def build_demo_reviews(*, seed: int, today: date) -> int:
    """Reviews (and amendments) for every final plan in the demo. Returns the reviews made."""
    rng = random.Random(seed * 7919 + 11)
    plans = [
        _Plan(pk, child_id, issued_on, setting_id, request_id)
        for pk, child_id, issued_on, setting_id, request_id in EHCPlan.objects.filter(
            status=PlanStatus.FINAL, issued_on__isnull=False
        )
        .order_by("pk")
        .values_list("pk", "child_id", "issued_on", "named_setting_id", "request_id")
        if issued_on is not None
    ]
    children = {
        pk: (dob, caseworker)
        for pk, dob, caseworker in Child.objects.filter(
            pk__in=[p.child_id for p in plans]
        ).values_list("pk", "date_of_birth", "caseworker_id")
    }
    kinds = dict(Setting.objects.values_list("pk", "kind"))
    past: list[AnnualReview] = []
    current: list[AnnualReview] = []
    for plan in plans:
        dob, caseworker = children[plan.child_id]
        common = {
            "plan_id": plan.pk,
            "child_id": plan.child_id,
            "setting_id": plan.setting_id,
            "led_by": review_lead_for(kinds.get(plan.setting_id) if plan.setting_id else None),
            "caseworker_id": caseworker,
        }
        overdue = rng.random() < OVERDUE_SHARE
        last_held = _last_review(rng, plan.issued_on, today, overdue=overdue)
        if last_held is not None:
            past.append(_decided(rng, plan, dob, last_held, today, common))
        trigger = last_held or plan.issued_on
        due = statutory.review_due_choice(
            date_of_birth=dob, trigger=trigger, first=last_held is None
        )
        review = AnnualReview(
            kind=due.kind,
            due_by=due.due_by,
            due_rule=due.rule_id,
            due_from=due.trigger,
            **common,
        )
        _open_stage(rng, review, today)
        review.next_due_on = soonest_open(review_clocks(review))
        current.append(review)
    AnnualReview.objects.bulk_create(past, batch_size=BATCH)
    AnnualReview.objects.bulk_create(current, batch_size=BATCH)
    _amendments(rng, [r for r in past if r.decision == ReviewDecision.AMEND], plans, today)
    return len(past) + len(current)


def _last_review(rng: random.Random, issued: date, today: date, *, overdue: bool) -> date | None:
    """When the last review was held: none for a plan under a year old (unless overdue)."""
    if statutory.add_months(issued, 12) > today:
        return None
    back = rng.randint(375, 420) if overdue else rng.randint(20, 340)
    held = _days(today, -back)
    return held if held > issued else None


def _decided(
    rng: random.Random, plan: _Plan, dob: date, held: date, today: date, common: dict
) -> AnnualReview:
    first = statutory.add_months(plan.issued_on, 15) > held
    trigger = plan.issued_on if first else statutory.add_months(held, -12)
    due = statutory.review_due_choice(date_of_birth=dob, trigger=trigger, first=first)
    decision = (
        ReviewDecision.AMEND
        if plan.request_id is None and rng.random() < AMEND_SHARE
        else ReviewDecision.MAINTAIN
    )
    decided = min(today, _days(held, rng.randint(7, 30)))
    return AnnualReview(
        kind=due.kind,
        stage=ReviewStage.DECIDED,
        due_by=due.due_by,
        due_rule=due.rule_id,
        due_from=due.trigger,
        meeting_on=held,
        invitations_sent_on=_days(held, -rng.randint(14, 28)),
        held_on=held,
        report_sent_on=min(decided, _days(held, rng.randint(3, 16))),
        child_views="Synthetic demo review: the child's views would be here.",
        family_views="Synthetic demo review: the family's views would be here.",
        progress="Good progress towards most outcomes.",
        recommendation=decision,
        decision=decision,
        decided_on=decided,
        decision_reasons="Synthetic demo decision.",
        next_due_on=None,
        **common,
    )


def _open_stage(rng: random.Random, review: AnnualReview, today: date) -> None:
    """Reviews due within about 10 weeks are under way, at every stage."""
    days_left = statutory.days_until(review.due_by, today)
    if days_left > 70:
        return
    roll = rng.random()
    if days_left < 0 or roll < 0.3:
        review.meeting_on = _days(today, rng.randint(5, 40))  # set, still to come (maybe late)
        if roll < 0.15:
            review.invitations_sent_on = _days(today, -rng.randint(0, 5))
            review.stage = ReviewStage.INVITED
        return
    held = _days(today, -rng.randint(1, 25))
    review.meeting_on = review.held_on = held
    review.invitations_sent_on = _days(held, -rng.randint(10, 25))
    review.stage = ReviewStage.HELD
    if roll > 0.6:
        review.report_sent_on = min(today, _days(held, rng.randint(2, 16)))
        review.recommendation = ReviewDecision.MAINTAIN
        review.progress = "Good progress towards most outcomes."
        review.stage = ReviewStage.REPORTED


def _amendments(
    rng: random.Random, reviews: list[AnnualReview], plans: list[_Plan], today: date
) -> None:
    """Amendments after "amend" decisions: recent ones open, older ones issued as version 2."""
    amendments: list[Amendment] = []
    comments_for: list[list[date]] = []
    issued_plans: dict[int, date] = {}
    for review in reviews:
        assert review.decided_on is not None  # noqa: S101 - decided reviews have both dates
        assert review.held_on is not None  # noqa: S101
        amendment = Amendment(
            plan_id=review.plan_id,
            child_id=review.child_id,
            source=AmendmentSource.REVIEW,
            review_id=review.pk,
            caseworker_id=review.caseworker_id,
            summary="Increase speech and language therapy to twice a week.",
            evidence="Speech and language therapy report for the review.",
            meeting_on=review.held_on,
            proposed_on=review.decided_on,
            base_version=1,
        )
        issue_on = _days(review.decided_on, rng.randint(20, 50))
        if issue_on <= today and statutory.days_until(today, review.decided_on) > 70:
            amendment.status = AmendmentStatus.ISSUED
            amendment.issued_on = amendment.closed_on = issue_on
            amendment.issued_version = 2
            issued_plans[review.plan_id] = issue_on
        else:
            amendment.status = AmendmentStatus.PROPOSED
        comments = [] if rng.random() < 0.5 else [min(today, _days(review.decided_on, 5))]
        amendment.next_due_on = (
            soonest_open(amendment_clocks(amendment, comments_on=comments))
            if amendment.is_open
            else None
        )
        amendments.append(amendment)
        comments_for.append(comments)
    Amendment.objects.bulk_create(amendments, batch_size=BATCH)
    AmendmentRepresentation.objects.bulk_create(
        [
            AmendmentRepresentation(
                amendment=a, made_on=on, made_by="Parent", comments="We agree with the changes."
            )
            for a, said in zip(amendments, comments_for, strict=True)
            for on in said
        ],
        batch_size=BATCH,
    )
    _second_versions(issued_plans, {p.pk: p.issued_on for p in plans})


def _second_versions(issued: dict[int, date], first_issued: dict[int, date]) -> None:
    """Version 1 as first issued and version 2 with the amended provision, for each issued
    amendment; the plan now reads as version 2."""
    if not issued:
        return
    plans = list(
        EHCPlan.objects.filter(pk__in=list(issued))
        .select_related("child", "named_setting")
        .prefetch_related("needs", "outcomes__needs", "provisions__outcomes")
    )
    versions: list[PlanVersion] = []
    for plan in plans:
        before = plan_content(plan)
        after = copy.deepcopy(before)
        for row in after["provision"]:
            row["frequency"] = NEW_FREQUENCY
        first_on = first_issued[plan.pk]
        versions.append(PlanVersion(plan=plan, version=1, issued_on=first_on, snapshot=before))
        versions.append(
            PlanVersion(plan=plan, version=2, issued_on=issued[plan.pk], snapshot=after)
        )
        plan.version, plan.issued_on = 2, issued[plan.pk]
    PlanVersion.objects.bulk_create(versions, batch_size=BATCH)
    EHCPlan.objects.bulk_update(plans, ["version", "issued_on"], batch_size=BATCH)
    Provision.objects.filter(plan_id__in=list(issued)).update(frequency=NEW_FREQUENCY)
