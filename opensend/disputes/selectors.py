"""Every read on disputes: lists, records with their clocks and timeline, the queue, and the
"complaints answered within the charter" figure.

Staff who manage disputes see records whose child they may see (and complaints about no
child); a parent or young person sees only the complaints they made. A record anyone else asks
for gets the same 404 as one that does not exist.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, CharField, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.clocks import Clock, TimelineEntry, next_open_clock, step_entries, timeline_of
from opensend.core.types import Actor
from opensend.disputes.clocks import appeal_clocks, complaint_clocks, mediation_clocks, stage_clock
from opensend.disputes.models import (
    Appeal,
    AppealQuerySet,
    CharterStandard,
    Complaint,
    ComplaintQuerySet,
    ComplaintStage,
    ComplaintStageRecord,
    DisputeStep,
    MediationCase,
    MediationQuerySet,
)
from opensend.people.models import Child
from opensend.people.querysets import child_visibility

_LOOKUP_ERRORS = (ValueError, TypeError, OverflowError)


def _staff(user: Actor) -> bool:
    return user_can(user, Capability.MANAGE_DISPUTES)


def _steps() -> Prefetch:
    """A record's timeline steps, with who recorded them."""
    return Prefetch("steps", queryset=DisputeStep.objects.select_related("recorded_by"))


def _get_audited(user: Actor, records: QuerySet[Any], pk: Any, not_found: str) -> Any:
    """One record of `records` (those the user may see), or the same 404 for one that is not
    there and one they may not see. Audited as a read."""
    try:
        record = records.get(pk=pk)
    except (records.model.DoesNotExist, *_LOOKUP_ERRORS) as exc:
        raise Http404(not_found) from exc
    audit_record(actor=user, action=Action.VIEW, obj=record, child_id=record.child_id)
    return record


# ---------------------------------------------------------------------------- complaints


def complaint_list_for_user(*, user: Actor) -> ComplaintQuerySet:
    if _staff(user):
        return Complaint.objects.filter(Q(child__isnull=True) | child_visibility(user, via="child"))
    if user_can(user, Capability.COMPLAIN):
        return Complaint.objects.filter(made_by_id=user.pk)
    return Complaint.objects.none()


def complaint_get_for_user(*, user: Actor, complaint_id: int) -> Complaint:
    """The complaint, if the user may see it; the same 404 otherwise. Audited as a read."""
    records = (
        complaint_list_for_user(user=user)
        .select_related("child", "assessment_request", "made_by")
        .prefetch_related(
            Prefetch(
                "stages", queryset=ComplaintStageRecord.objects.select_related("responded_by")
            ),
            _steps(),
        )
    )
    return _get_audited(user, records, complaint_id, "No complaint found")


@dataclass(frozen=True)
class CharterFigure:
    """Complaints answered within the charter at one stage."""

    stage: str
    label: str
    working_days: int | None
    answered: int
    answered_in_time: int
    waiting: int
    waiting_overdue: int

    @property
    def percent_in_time(self) -> float | None:
        if not self.answered:
            return None
        return round(100 * self.answered_in_time / self.answered, 1)


def charter_figures_for_user(
    *, user: Actor, on: date, since: date | None = None
) -> list[CharterFigure]:
    """Per stage: replies sent, how many within the charter, and how many still waiting."""
    records = ComplaintStageRecord.objects.filter(
        complaint__in=complaint_list_for_user(user=user)
    ).select_related("complaint")
    if since is not None:
        records = records.filter(started_on__gte=since)
    standards = {s.stage: s.working_days for s in CharterStandard.objects.all()}
    counts: dict[str, list[int]] = {stage: [0, 0, 0, 0] for stage in ComplaintStage.values}
    for record in records:
        clock = stage_clock(record)
        row = counts[record.stage]
        if clock.done_on is not None:
            row[0] += 1
            row[1] += 0 if clock.was_late else 1
        elif record.complaint.is_open:
            row[2] += 1
            row[3] += 1 if clock.status(on) is statutory.ClockStatus.OVERDUE else 0
    return [
        CharterFigure(stage, ComplaintStage(stage).label, standards.get(stage), *counts[stage])
        for stage in ComplaintStage.values
    ]


# ---------------------------------------------------------------------------- mediation


def mediation_list_for_user(*, user: Actor) -> MediationQuerySet:
    if not _staff(user):
        return MediationCase.objects.none()
    return MediationCase.objects.filter(child_visibility(user, via="child"))


def mediation_get_for_user(*, user: Actor, mediation_id: int) -> MediationCase:
    records = (
        mediation_list_for_user(user=user)
        .select_related("child", "assessment_request", "review")
        .prefetch_related(_steps(), "appeals")
    )
    return _get_audited(user, records, mediation_id, "No mediation case found")


# ---------------------------------------------------------------------------- appeals


def appeal_list_for_user(*, user: Actor) -> AppealQuerySet:
    if not _staff(user):
        return Appeal.objects.none()
    return Appeal.objects.filter(child_visibility(user, via="child"))


def appeal_get_for_user(*, user: Actor, appeal_id: int) -> Appeal:
    records = (
        appeal_list_for_user(user=user)
        .select_related("child", "assessment_request", "review", "mediation")
        .prefetch_related("order_steps", "amendments", "order_exceptions", _steps())
    )
    return _get_audited(user, records, appeal_id, "No appeal found")


# ---------------------------------------------------------------------------- queue, timeline


@dataclass(frozen=True)
class QueueRow:
    kind: str  # "complaint", "mediation" or "appeal"
    record: Complaint | MediationCase | Appeal
    child: Child | None
    what: str
    next_clock: Clock | None
    status: statutory.ClockStatus | None

    @property
    def due_on(self) -> date | None:
        return self.next_clock.due_on if self.next_clock else None


def _row(kind: str, record: Any, what: str, clocks: list[Clock], on: date) -> QueueRow:
    clock = next_open_clock(clocks)
    return QueueRow(
        kind=kind,
        record=record,
        child=record.child,
        what=what,
        next_clock=clock,
        status=clock.status(on) if clock else None,
    )


QUEUE_PAGE_SIZE = 50


def _queue_keys(qs: QuerySet[Any], kind: str) -> QuerySet[Any]:
    """(no date last, next date, kind, pk) for one kind of record, ready for a UNION."""
    return (
        qs.order_by()
        .annotate(
            kind=Value(kind, output_field=CharField()),
            no_date=Case(
                When(next_due_on__isnull=True, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .values_list("no_date", "next_due_on", "kind", "pk")
    )


def dispute_queue_page_for_user(
    *, user: Actor, on: date, page: Any = 1
) -> tuple[Page, list[QueueRow]]:
    """One page of open complaints, mediation cases and appeals, soonest next date first (none
    last). The database sorts and pages the records by their stored `next_due_on`; clocks are
    worked out only for the records on the page, in a fixed number of queries."""
    if not _staff(user):
        return Paginator([], QUEUE_PAGE_SIZE).get_page(1), []
    keys = (
        _queue_keys(complaint_list_for_user(user=user).open(), "complaint")
        .union(
            _queue_keys(mediation_list_for_user(user=user).open(), "mediation"),
            _queue_keys(appeal_list_for_user(user=user).open(), "appeal"),
            all=True,
        )
        .order_by("no_date", "next_due_on", "kind", "pk")
    )
    page_obj = Paginator(keys, QUEUE_PAGE_SIZE).get_page(page)
    wanted: dict[str, list[int]] = {"complaint": [], "mediation": [], "appeal": []}
    for _no_date, _due, kind, pk in page_obj.object_list:
        wanted[kind].append(pk)
    records: dict[tuple[str, int], Any] = {}
    if wanted["complaint"]:
        for c in (
            Complaint.objects.filter(pk__in=wanted["complaint"])
            .select_related("child")
            .prefetch_related("stages")
        ):
            records["complaint", c.pk] = _row(
                "complaint", c, c.get_stage_display(), complaint_clocks(c), on
            )
    if wanted["mediation"]:
        for m in MediationCase.objects.filter(pk__in=wanted["mediation"]).select_related("child"):
            records["mediation", m.pk] = _row("mediation", m, m.about, mediation_clocks(m), on)
    if wanted["appeal"]:
        for a in (
            Appeal.objects.filter(pk__in=wanted["appeal"])
            .select_related("child")
            .prefetch_related("order_steps", "order_exceptions")
        ):
            records["appeal", a.pk] = _row(
                "appeal", a, a.get_appeal_type_display(), appeal_clocks(a), on
            )
    rows = [records[kind, pk] for _n, _d, kind, pk in page_obj.object_list if (kind, pk) in records]
    return page_obj, rows


def dispute_queue_for_user(*, user: Actor, on: date) -> list[QueueRow]:
    """The first page of the queue (see `dispute_queue_page_for_user`)."""
    return dispute_queue_page_for_user(user=user, on=on)[1]


def timeline_for(
    record: Complaint | MediationCase | Appeal, clocks: list[Clock]
) -> list[TimelineEntry]:
    """Every step done and every date ahead, with the rule (or charter) that sets it."""
    return timeline_of(step_entries(record.steps.all()), clocks, say_family=True)


def children_to_choose_for_user(*, user: Actor, name: str = "") -> QuerySet[Child]:
    """Children this user may pick to start a complaint, mediation case or appeal about."""
    children = Child.objects.visible_to(user).open()
    if name.strip():
        children = children.search(name=name)
    return children.order_by("family_name", "given_name", "pk")


def plan_to_amend_for(appeal: Appeal) -> Any:
    """The child's final plan, when the order is to amend it and no amendment is under way.

    The order is complied with through the reviews app's amendment flow: issuing the amended
    plan records the order's step (regulation 44(2)(e)–(f))."""
    from opensend.plans.models import EHCPlan, PlanStatus

    if appeal.order_type not in ("amend", "amend_section_i") or appeal.compliant_on:
        return None
    if any(a.is_open for a in appeal.amendments.all()):
        return None
    return EHCPlan.objects.filter(child_id=appeal.child_id, status=PlanStatus.FINAL).first()
