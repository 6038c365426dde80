"""Every read on disputes: lists, records with their clocks and timeline, the queue, and the
"complaints answered within the charter" figure.

Staff who manage disputes see records whose child they may see (and complaints about no
child); a parent or young person sees only the complaints they made. A record anyone else asks
for gets the same 404 as one that does not exist.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from opensend import statutory
from opensend.accounts.permissions import user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.disputes.clocks import (
    Clock,
    appeal_clocks,
    complaint_clocks,
    mediation_clocks,
    next_open_clock,
    stage_clock,
)
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

_LOOKUP_ERRORS = (ValueError, TypeError, OverflowError)


def _staff(user: Any) -> bool:
    return user_can(user, "manage_disputes")


# ---------------------------------------------------------------------------- complaints


def complaint_list_for_user(*, user: Any) -> ComplaintQuerySet:
    if _staff(user):
        return Complaint.objects.filter(
            Q(child__isnull=True) | Q(child__in=Child.objects.visible_to(user))
        )
    if user_can(user, "complain"):
        return Complaint.objects.filter(made_by_id=user.pk)
    return Complaint.objects.none()


def complaint_get_for_user(*, user: Any, complaint_id: int) -> Complaint:
    """The complaint, if the user may see it; the same 404 otherwise. Audited as a read."""
    try:
        complaint = (
            complaint_list_for_user(user=user)
            .select_related("child", "assessment_request", "made_by")
            .prefetch_related(
                Prefetch(
                    "stages", queryset=ComplaintStageRecord.objects.select_related("responded_by")
                ),
                Prefetch("steps", queryset=DisputeStep.objects.select_related("recorded_by")),
            )
            .get(pk=complaint_id)
        )
    except (Complaint.DoesNotExist, *_LOOKUP_ERRORS) as exc:
        raise Http404("No complaint found") from exc
    audit_record(actor=user, action=Action.VIEW, obj=complaint, child_id=complaint.child_id)
    return complaint


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
    *, user: Any, on: date, since: date | None = None
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


def mediation_list_for_user(*, user: Any) -> MediationQuerySet:
    if not _staff(user):
        return MediationCase.objects.none()
    return MediationCase.objects.filter(child__in=Child.objects.visible_to(user))


def mediation_get_for_user(*, user: Any, mediation_id: int) -> MediationCase:
    try:
        case = (
            mediation_list_for_user(user=user)
            .select_related("child", "assessment_request")
            .prefetch_related(
                Prefetch("steps", queryset=DisputeStep.objects.select_related("recorded_by")),
                "appeals",
            )
            .get(pk=mediation_id)
        )
    except (MediationCase.DoesNotExist, *_LOOKUP_ERRORS) as exc:
        raise Http404("No mediation case found") from exc
    audit_record(actor=user, action=Action.VIEW, obj=case, child_id=case.child_id)
    return case


# ---------------------------------------------------------------------------- appeals


def appeal_list_for_user(*, user: Any) -> AppealQuerySet:
    if not _staff(user):
        return Appeal.objects.none()
    return Appeal.objects.filter(child__in=Child.objects.visible_to(user))


def appeal_get_for_user(*, user: Any, appeal_id: int) -> Appeal:
    try:
        appeal = (
            appeal_list_for_user(user=user)
            .select_related("child", "assessment_request", "mediation")
            .prefetch_related(
                "order_steps",
                Prefetch("steps", queryset=DisputeStep.objects.select_related("recorded_by")),
            )
            .get(pk=appeal_id)
        )
    except (Appeal.DoesNotExist, *_LOOKUP_ERRORS) as exc:
        raise Http404("No appeal found") from exc
    audit_record(actor=user, action=Action.VIEW, obj=appeal, child_id=appeal.child_id)
    return appeal


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


def dispute_queue_for_user(*, user: Any, on: date) -> list[QueueRow]:
    """Open complaints, mediation cases and appeals, soonest next date first (none last)."""
    if not _staff(user):
        return []
    rows = [
        _row("complaint", c, c.get_stage_display(), complaint_clocks(c), on)
        for c in complaint_list_for_user(user=user)
        .open()
        .select_related("child")
        .prefetch_related("stages")
    ]
    rows += [
        _row("mediation", m, m.about, mediation_clocks(m), on)
        for m in mediation_list_for_user(user=user).open().select_related("child")
    ]
    rows += [
        _row("appeal", a, a.get_appeal_type_display(), appeal_clocks(a), on)
        for a in appeal_list_for_user(user=user)
        .open()
        .select_related("child")
        .prefetch_related("order_steps")
    ]
    return sorted(rows, key=lambda r: (r.due_on is None, r.due_on or on, r.kind, r.record.pk))


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    title: str
    detail: str
    done: bool
    clock: Clock | None = None


def timeline_for(
    record: Complaint | MediationCase | Appeal, clocks: list[Clock]
) -> list[TimelineEntry]:
    """Every step done and every date ahead, with the rule (or charter) that sets it."""
    entries = [
        TimelineEntry(
            on=s.occurred_on,
            title=s.get_kind_display(),
            detail=" – ".join(x for x in (s.summary, s.reasons) if x),
            done=True,
        )
        for s in record.steps.all()
    ]
    entries += [
        TimelineEntry(
            on=c.due_on,
            title=f"Due: {c.title}" + (" (the family's time limit)" if c.family_step else ""),
            detail=c.explanation,
            done=False,
            clock=c,
        )
        for c in clocks
        if c.is_open
    ]
    return sorted(entries, key=lambda e: (e.on, not e.done))


def children_to_choose_for_user(*, user: Any, name: str = "") -> QuerySet[Child]:
    """Children this user may pick to start a complaint, mediation case or appeal about."""
    children = Child.objects.visible_to(user).open()
    if name.strip():
        children = children.search(name=name)
    return children.order_by("family_name", "given_name", "pk")
