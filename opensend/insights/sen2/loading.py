"""Every record the SEN2 return reads, each table read once and grouped in memory.

The return reads nearly every child with a plan or a request and a dozen kinds of record about
each. Django's `prefetch_related` builds a queryset for every object and relation it fills (about
220,000 at 25,000 plans) and every `.all()` builds another: profiled at 25,000 plans, that was
three quarters of the export's time (issue 15: the return in under 10 s at 100,000 plans). Here
each table is read in one query, in its model's own order, and its rows are handed out as plain
lists kept on the object they belong to (`related`), so the checks that run after the build read
them too.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models

from opensend.casework.models import AssessmentRequest, ClockException
from opensend.disputes.models import Appeal, MediationCase
from opensend.people.models import Child, Enrolment, Setting
from opensend.plans.models import EHCPlan, PlanVersion
from opensend.reviews.models import Amendment, AnnualReview, Cessation, PhaseTransfer

_KEPT = "_sen2_related"

# The columns the return (build, checks, the page and the audit lines) reads of each record; a
# field left out would be read back one row at a time (test_sen2_queries counts the queries).
CHILD_FIELDS = (
    "family_name",
    "given_name",
    "preferred_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "postcode",
    "upn",
    "uln",
    "primary_need",
    "secondary_need",
)
REQUEST_FIELDS = (
    "child_id",
    "received_on",
    "source",
    "stage",
    "assess_decision_on",
    "issue_decision_on",
    "final_issued_on",
    "closed_on",
)
PLAN_FIELDS = (
    "child_id",
    "request_id",
    "status",
    "issued_on",
    "named_setting_id",
    "placement_type",
    "personal_budget_amount",
)
SETTING_FIELDS = ("name", "kind", "urn", "ukprn")


def related(obj: models.Model, name: str) -> list[Any]:
    """The `name` records of `obj` (as `obj.<name>.all()` would give them): from what
    `load_related` kept on it, or, for an object it did not load, from the database."""
    kept = obj.__dict__.get(_KEPT)
    if kept is not None and name in kept:
        return kept[name]
    return list(getattr(obj, name).all())


def _hand_out(owners: Iterable[models.Model], name: str, rows: Iterable[Any], key: str) -> None:
    by_owner: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        by_owner[getattr(row, key)].append(row)
    for owner in owners:
        owner.__dict__.setdefault(_KEPT, {})[name] = by_owner.get(owner.pk, [])


def load_related(children: Sequence[Child]) -> None:
    """Read every record the return needs about these children, one query a table.

    The rows are read for the whole area (not `IN` a list of tens of thousands of ids, which
    SQLite would parse for every row): the return covers nearly every child who has a record.
    """
    child_ids = {c.pk for c in children}
    # A few hundred settings, read once, rather than joined to every plan and enrolment.
    settings = {s.pk: s for s in Setting.objects.only(*SETTING_FIELDS)}
    requests = [
        r for r in AssessmentRequest.objects.only(*REQUEST_FIELDS) if r.child_id in child_ids
    ]
    plans = [p for p in EHCPlan.objects.only(*PLAN_FIELDS) if p.child_id in child_ids]
    for plan in plans:
        if plan.named_setting_id is not None:
            plan.named_setting = settings[plan.named_setting_id]
    enrolments = list(
        Enrolment.objects.only("child_id", "setting_id", "started_on", "ended_on", "is_main")
    )
    for enrolment in enrolments:
        enrolment.setting = settings[enrolment.setting_id]
    _hand_out(children, "enrolments", enrolments, "child_id")
    _hand_out(children, "assessment_requests", requests, "child_id")
    _hand_out(children, "ehc_plans", plans, "child_id")
    _hand_out(requests, "plans", plans, "request_id")
    # Only the columns the return reads (no timestamps or texts to convert, row by row).
    _hand_out(
        requests,
        "mediation_cases",
        MediationCase.objects.only("assessment_request_id"),
        "assessment_request_id",
    )
    _hand_out(
        requests,
        "appeals",
        Appeal.objects.only("assessment_request_id", "appeal_type"),
        "assessment_request_id",
    )
    _hand_out(
        requests,
        "clock_exceptions",
        ClockException.objects.only("request_id", "ground"),
        "request_id",
    )
    _hand_out(
        plans, "versions", PlanVersion.objects.only("plan_id", "issued_on", "is_draft"), "plan_id"
    )
    _hand_out(
        plans,
        "cessations",
        Cessation.objects.only("plan_id", "status", "ceased_on", "reason"),
        "plan_id",
    )
    _hand_out(
        plans,
        "reviews",
        AnnualReview.objects.only("plan_id", "held_on", "decision", "decided_on"),
        "plan_id",
    )
    _hand_out(
        plans,
        "amendments",
        Amendment.objects.only("plan_id", "review_id", "proposed_on"),
        "plan_id",
    )
    _hand_out(
        plans,
        "phase_transfers",
        PhaseTransfer.objects.select_related("amendment").only(
            "plan_id", "kind", "transfer_on", "amendment__issued_on"
        ),
        "plan_id",
    )
