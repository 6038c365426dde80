"""One caseworker's whole workload, across apps, for the caseload and team pages.

The assessments table on the caseload page is casework's own. Everything else a caseworker owns
— reviews and amendments, phase transfers, cease decisions, complaints, mediation, appeals and
Tribunal orders about the children on their caseload — comes from each app's own queue selector
and is shown here as `WorkSection`s: a count, how many are overdue or due within 2 weeks, and
the soonest few items, with a link to that app's full queue. The apps keep their own rules
(visibility, clocks from `opensend.statutory`); this module only gathers and orders.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import F, Q
from django.urls import reverse

from opensend import statutory
from opensend.accounts.permissions import Capability
from opensend.core.queues import due_counts
from opensend.core.types import Actor

SOONEST = 5


@dataclass(frozen=True)
class WorkItem:
    child_name: str
    what: str
    due_on: date | None
    url: str
    status: statutory.ClockStatus | None = None
    record: Any = None  # the record shown (it has a child_id), for the list audit


@dataclass(frozen=True)
class WorkSection:
    title: str
    queue_url: str
    total: int
    overdue: int
    at_risk: int
    items: list[WorkItem] = field(default_factory=list)


def _section(
    title: str,
    queue_url: str,
    items: Iterable[WorkItem],
    *,
    total: int | None = None,
    overdue: int | None = None,
    at_risk: int | None = None,
) -> WorkSection:
    rows = sorted(items, key=lambda i: (i.due_on is None, i.due_on or date.max))
    statuses = [r.status for r in rows]
    return WorkSection(
        title=title,
        queue_url=queue_url,
        total=len(rows) if total is None else total,
        overdue=statuses.count(statutory.ClockStatus.OVERDUE) if overdue is None else overdue,
        at_risk=statuses.count(statutory.ClockStatus.AT_RISK) if at_risk is None else at_risk,
        items=rows[:SOONEST],
    )


def _disputes(user: Actor, caseworker: Any, on: date) -> WorkSection | None:
    """Complaints, mediation and appeals (with Tribunal orders) about the caseworker's children,
    by their stored next date (kept by the disputes services from the rules engine's clocks)."""
    from opensend.accounts.permissions import user_can

    if not user_can(user, Capability.MANAGE_DISPUTES):
        return None
    from opensend.disputes.models import Appeal, Complaint, MediationCase
    from opensend.people.querysets import child_visibility

    # The caseworker's children that this user may see: the same rows as each app's list
    # selector narrowed to them, the rule checked per row through the join to the child.
    mine = Q(child__caseworker=caseworker) & child_visibility(user, via="child")
    sources: list[tuple[Any, str, Callable[[Any], str]]] = [
        (
            Complaint.objects.open().filter(mine),
            "disputes:complaint_detail",
            lambda c: f"Complaint: {c.get_stage_display()}",
        ),
        (
            MediationCase.objects.open().filter(mine),
            "disputes:mediation_detail",
            lambda m: "Mediation",
        ),
        (
            Appeal.objects.open().filter(mine),
            "disputes:appeal_detail",
            lambda a: (
                f"Tribunal order: {a.get_order_type_display()}"
                if a.order_type
                else f"Appeal: {a.get_appeal_type_display()}"
            ),
        ),
    ]
    items = []
    for queryset, url_name, describe in sources:
        soonest = queryset.select_related("child").order_by(
            F("next_due_on").asc(nulls_last=True), "pk"
        )[:SOONEST]
        items += [
            WorkItem(
                child_name=record.child.full_name if record.child else "",
                what=describe(record),
                due_on=record.next_due_on,
                url=reverse(url_name, args=[record.pk]),
                status=statutory.clock_status(record.next_due_on, on)
                if record.next_due_on
                else None,
                record=record,
            )
            for record in soonest
        ]
    total, overdue, at_risk = _counts(on, *(queryset for queryset, _, _ in sources))
    return _section(
        "Complaints, mediation and appeals",
        reverse("disputes:queue"),
        items,
        total=total,
        overdue=overdue,
        at_risk=at_risk,
    )


def _reviews(user: Actor, caseworker: Any, on: date) -> WorkSection | None:
    """Open annual reviews and amendments the caseworker owns (sorted and sliced in SQL)."""
    from opensend.accounts.permissions import user_can
    from opensend.people.querysets import child_visibility
    from opensend.reviews import selectors
    from opensend.reviews.models import (
        OPEN_AMENDMENT_STATUSES,
        OPEN_REVIEW_STAGES,
        Amendment,
        AnnualReview,
    )

    if not user_can(user, Capability.MANAGE_REVIEWS):
        return None
    # The same rows as `review_queue_for_user(caseworker=...)`, with visibility checked per row
    # (the one rule, through the join to the child): one caseworker's few hundred reviews, not
    # a team's many thousand children.
    visible = child_visibility(user, via="child")
    queue = selectors.ReviewQueue(
        AnnualReview.objects.filter(caseworker=caseworker, stage__in=OPEN_REVIEW_STAGES).filter(
            visible
        ),
        Amendment.objects.filter(caseworker=caseworker, status__in=OPEN_AMENDMENT_STATUSES).filter(
            visible
        ),
        on,
    )
    items = [
        WorkItem(
            child_name=row.child.full_name,
            what=f"{row.what} ({row.stage.lower()})",
            due_on=row.due_on,
            url=reverse(
                "reviews:review_detail" if row.kind == "review" else "reviews:amendment_detail",
                args=[row.record.pk],
            ),
            status=row.status,
            record=row.record,
        )
        for row in queue[:SOONEST]
    ]
    total, overdue, at_risk = _counts(on, queue.reviews, queue.amendments)
    return _section(
        "Annual reviews and amendments",
        f"{reverse('reviews:queue')}?caseworker={caseworker.pk}",
        items,
        total=total,
        overdue=overdue,
        at_risk=at_risk,
    )


def _counts(on: date, *querysets: Any) -> tuple[int, int, int]:
    """Open, overdue and due within 2 weeks, from the stored next dates (one query each)."""
    totals = [0, 0, 0]
    for qs in querysets:
        row = qs.order_by().aggregate(**due_counts(on))
        totals = [totals[0] + row["open"], totals[1] + row["overdue"], totals[2] + row["at_risk"]]
    return totals[0], totals[1], totals[2]


def _transfers(user: Actor, caseworker: Any, on: date) -> WorkSection | None:
    """Phase transfers still to be amended by their reg 18 deadline."""
    from opensend.accounts.permissions import user_can
    from opensend.reviews.transfers import selectors

    if not user_can(user, Capability.MANAGE_REVIEWS):
        return None
    rows = selectors.transfer_queue_for_user(user=user, on=on, caseworker=caseworker)
    items = [
        WorkItem(
            child_name=row.child.full_name,
            what=row.what,
            due_on=row.due_on,
            url=reverse("reviews:transfer_detail", args=[row.transfer.pk]),
            status=row.status,
            record=row.transfer,
        )
        for row in rows
    ]
    return _section("Phase transfers", reverse("reviews:transfer_planner"), items)


def _cessations(user: Actor, caseworker: Any, on: date) -> WorkSection | None:
    """Decisions to cease a plan: consultation, notice, and any appeal."""
    from opensend.accounts.permissions import user_can
    from opensend.reviews.ceasing import selectors

    if not user_can(user, Capability.MANAGE_REVIEWS):
        return None
    rows = selectors.cessation_queue_for_user(user=user, on=on, caseworker=caseworker)
    items = [
        WorkItem(
            child_name=row.child.full_name,
            what=row.what,
            due_on=row.due_on,
            url=reverse("reviews:cessation_detail", args=[row.cessation.pk]),
            status=row.status,
            record=row.cessation,
        )
        for row in rows
    ]
    return _section("Ceasing plans", reverse("reviews:cessation_list"), items)


PROVIDERS: list[Callable[[Any, Any, date], WorkSection | None]] = [
    _reviews,
    _transfers,
    _cessations,
    _disputes,
]


def records_shown(sections: Iterable[WorkSection]) -> list[Any]:
    """The records the sections name (each has a child_id), for the list audit."""
    return [i.record for s in sections for i in s.items if i.record is not None]


def work_sections_for(*, user: Actor, caseworker: Any, on: date) -> list[WorkSection]:
    """Every other queue's share of this caseworker's work, in a fixed order."""
    sections = [provider(user, caseworker, on) for provider in PROVIDERS]
    return [s for s in sections if s is not None]


@dataclass(frozen=True)
class OtherLoad:
    """A caseworker's reviews, amendments, transfers and cease decisions, for the team page."""

    reviews: tuple[int, int, int] = (0, 0, 0)  # open, overdue, due within 2 weeks
    transfers: tuple[int, int] = (0, 0)  # open, past the deadline
    cessations: tuple[int, int] = (0, 0)  # open, past their next date

    @property
    def overdue(self) -> int:
        return self.reviews[1] + self.transfers[1] + self.cessations[1]


def other_loads_for(*, user: Actor, on: date) -> dict[int, OtherLoad]:
    """Counted in SQL per caseworker (a handful of aggregate queries, whatever the scale)."""
    from opensend.accounts.permissions import user_can
    from opensend.reviews.ceasing.selectors import cessation_counts_by_caseworker
    from opensend.reviews.selectors import review_load_by_caseworker
    from opensend.reviews.transfers.selectors import transfer_counts_by_caseworker

    if not user_can(user, Capability.MANAGE_REVIEWS):
        return {}
    reviews = review_load_by_caseworker(user=user, on=on)
    transfers = transfer_counts_by_caseworker(user=user, on=on)
    cessations = cessation_counts_by_caseworker(user=user, on=on)
    ids = {i for i in [*reviews, *transfers, *cessations] if i is not None}
    return {
        i: OtherLoad(
            reviews=reviews.get(i, (0, 0, 0)),
            transfers=_pair(transfers.get(i)),
            cessations=_pair(cessations.get(i)),
        )
        for i in ids
    }


def _pair(counts: dict[str, int] | None) -> tuple[int, int]:
    return (counts["open"], counts["overdue"]) if counts else (0, 0)


@dataclass(frozen=True)
class TeamRow:
    caseworker: Any
    assessments: Any  # selectors.CaseworkerLoad or None
    other: OtherLoad

    @property
    def overdue(self) -> int:
        return (self.assessments.overdue if self.assessments else 0) + self.other.overdue


def team_rows_for(*, user: Actor, on: date) -> list[TeamRow]:
    """Every caseworker in the manager's teams with any open work, most overdue first."""
    from opensend.accounts.permissions import user_can
    from opensend.casework.selectors import team_load_for_user, team_staff_for_user

    if not user_can(user, Capability.VIEW_TEAM):
        return []
    loads = {load.caseworker.pk: load for load in team_load_for_user(user=user, on=on)}
    others = other_loads_for(user=user, on=on)
    staff = team_staff_for_user(user=user).filter(pk__in=set(loads) | set(others))
    rows = [
        TeamRow(caseworker=u, assessments=loads.get(u.pk), other=others.get(u.pk, OtherLoad()))
        for u in staff
    ]
    return sorted(rows, key=lambda r: (-r.overdue, str(r.caseworker)))
