"""Changing and closing plans, workstreams and impact measures (docs/improvement.md, "Changing
and closing plans"): each with why, kept as a ChangeRecord (who, when, why, what) and in the
audit trail. Nothing is deleted: a closed one stays on its page, marked closed, and leaves the
RAG, the overview and the board pack until it is reopened. A measure can be switched between a
live KPI and an entered figure, with why."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.models import Action
from opensend.audit.services import apply_changes, audit_record
from opensend.core.types import Actor
from opensend.improvement.action_services import keep_first_figure
from opensend.improvement.measures import BINDABLE
from opensend.improvement.models import (
    ChangeKind,
    ChangeRecord,
    ImpactMeasure,
    MeasureFigure,
    Plan,
    Workstream,
)
from opensend.improvement.services import SOURCE, _changed, _reason, _unique
from opensend.insights.kpis import KPIS

Closable = Plan | Workstream | ImpactMeasure


def _owner(record: Closable) -> dict[str, Any]:
    if isinstance(record, Plan):
        return {"plan": record}
    if isinstance(record, Workstream):
        return {"workstream": record}
    return {"measure": record}


def _what(changes: dict[str, list[str]]) -> str:
    parts = [
        f"{name}: {old or '(none)'} to {new or '(none)'}" for name, (old, new) in changes.items()
    ]
    return "; ".join(parts)


def record_change(
    *, actor: Actor, record: Closable, changes: dict[str, list[str]], why: str
) -> ChangeRecord:
    """Keep a change (with its audit line) in the record's history."""
    kept = ChangeRecord.objects.create(
        **_owner(record),
        kind=ChangeKind.CHANGED,
        on=timezone.localdate(),
        reason=why,
        what=_what(changes),
        recorded_by=actor,
    )
    _changed(actor, record, changes, f"Changed {record}: {why}")
    return kept


def is_closed(record: Closable) -> bool:
    """Closed itself, or in a closed workstream or plan."""
    if record.closed_on is not None:
        return True
    if isinstance(record, Workstream):
        return record.plan.closed_on is not None
    if isinstance(record, ImpactMeasure):
        return is_closed(record.workstream)
    return False


def _refuse_if_closed(record: Closable) -> None:
    if is_closed(record):
        raise ValidationError({"reason": f"{record} is closed: it can no longer be changed"})


@transaction.atomic
def plan_change(
    *,
    actor: Actor,
    plan: Plan,
    kind: str,
    title: str,
    source: Any,
    approved_on: date | None,
    reason: str,
) -> Plan:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    _refuse_if_closed(plan)
    changes = apply_changes(
        plan, {"kind": kind, "title": title, "source": source, "approved_on": approved_on}
    )
    if not changes:
        raise ValidationError({"reason": "Nothing was changed"})
    plan.save()
    record_change(actor=actor, record=plan, changes=changes, why=why)
    return plan


@transaction.atomic
def workstream_change(
    *, actor: Actor, workstream: Workstream, number: int, title: str, lead: str, reason: str
) -> Workstream:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    _refuse_if_closed(workstream)
    changes = apply_changes(workstream, {"number": number, "title": title, "lead": lead})
    if not changes:
        raise ValidationError({"reason": "Nothing was changed"})
    _unique(workstream.save, "number", f"{workstream.plan.title} already has a workstream {number}")
    record_change(actor=actor, record=workstream, changes=changes, why=why)
    return workstream


@transaction.atomic
def measure_change(
    *,
    actor: Actor,
    measure: ImpactMeasure,
    name: str,
    baseline: Any,
    baseline_on: date | None,
    target: Any,
    target_on: date,
    voice_of_families: bool,
    reason: str,
) -> ImpactMeasure:
    """Change a measure's name, baseline, target and trajectory (where its figure comes from
    stays: a KPI-bound measure stays bound, an entered one takes new figures instead)."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    _refuse_if_closed(measure)
    if baseline_on is not None and baseline_on >= target_on:
        raise ValidationError({"baseline_on": "The baseline date must be before the target date"})
    changes = apply_changes(
        measure,
        {
            "name": name,
            "baseline": baseline,
            "baseline_on": baseline_on,
            "target": target,
            "target_on": target_on,
            "voice_of_families": voice_of_families,
        },
    )
    measure.save()
    record_change(actor=actor, record=measure, changes=changes, why=why)
    return measure


@transaction.atomic
def close(*, actor: Actor, record: Closable, on: date, reason: str) -> ChangeRecord:
    """Close a plan, a workstream or an impact measure on a date, with why. Closing a plan or a
    workstream takes what is in it out of the RAG and the pack too (they are read through it)."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    if record.closed_on is not None:
        raise ValidationError({"reason": f"{record} is already closed"})
    if is_closed(record):
        raise ValidationError({"reason": f"{record} is in a closed plan or workstream"})
    if on > timezone.localdate():
        raise ValidationError({"on": "The date it closed must be today or in the past"})
    changes = apply_changes(record, {"closed_on": on, "closed_reason": why})
    record.save()
    kept = ChangeRecord.objects.create(
        **_owner(record), kind=ChangeKind.CLOSED, on=on, reason=why, recorded_by=actor
    )
    audit_record(
        actor=actor,
        action=Action.CLOSE,
        obj=record,
        changes=changes,
        summary=f"Closed {record}: {why}",
        source=SOURCE,
    )
    return kept


@transaction.atomic
def reopen(*, actor: Actor, record: Closable, on: date, reason: str) -> ChangeRecord:
    """Reopen a closed plan, workstream or impact measure with the date and why: from that day it
    is back in the RAG and the board pack (a pack for a meeting while it was closed still leaves
    it out: `as_at.closed_on_day` reads the kept closings and reopenings)."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    if record.closed_on is None:
        raise ValidationError({"reason": f"{record} is not closed"})
    parent: Plan | Workstream | None = record.plan if isinstance(record, Workstream) else None
    if isinstance(record, ImpactMeasure):
        parent = record.workstream
    if parent is not None and is_closed(parent):
        raise ValidationError(
            {"reason": f"{record} is in a closed plan or workstream: reopen that first"}
        )
    if on < record.closed_on or on > timezone.localdate():
        raise ValidationError(
            {"on": "The date it reopened must be between the day it closed and today"}
        )
    changes = apply_changes(record, {"closed_on": None, "closed_reason": ""})
    record.save()
    kept = ChangeRecord.objects.create(
        **_owner(record), kind=ChangeKind.REOPENED, on=on, reason=why, recorded_by=actor
    )
    _changed(actor, record, changes, f"Reopened {record}: {why}")
    return kept


def _kpi_title(key: str) -> str:
    return f"live KPI {KPIS[key].title}" if key else "an entered figure"


@transaction.atomic
def measure_switch(
    *,
    actor: Actor,
    measure: ImpactMeasure,
    on: date,
    reason: str,
    kpi_key: str = "",
    entered_value: Any = None,
    entered_on: date | None = None,
    entered_source: str = "",
) -> ChangeRecord:
    """Switch where a measure's figure comes from, from `on`: an entered measure is bound to a
    live KPI (`kpi_key`), a live one takes an entered figure with its date and source. Never
    both: the entered figures are kept (`MeasureFigure`) but no longer used once it is live,
    and an entered figure from before the switch is refused, so the two never mix."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    _refuse_if_closed(measure)
    today = timezone.localdate()
    if on > today:
        raise ValidationError({"on": "The date of the switch must be today or in the past"})
    if measure.source_since is not None and on < measure.source_since:
        raise ValidationError(
            {"on": f"It was last switched on {measure.source_since:%d %B %Y}: choose a later date"}
        )
    before = measure.kpi_key
    if measure.is_live:
        if entered_value is None:
            raise ValidationError({"entered_value": "Enter the figure"})
        if not entered_source.strip():
            raise ValidationError({"entered_source": "Enter where the figure comes from"})
        entered_on = entered_on or on
        if entered_on < on or entered_on > today:
            raise ValidationError(
                {"entered_on": "The figure's date must be between the switch and today"}
            )
        fields: dict[str, Any] = {
            "kpi_key": "",
            "entered_value": entered_value,
            "entered_on": entered_on,
            "entered_source": entered_source.strip(),
        }
    else:
        if kpi_key not in KPIS or KPIS[kpi_key].measure not in BINDABLE:
            raise ValidationError({"kpi_key": "Choose the live KPI to bind it to"})
        keep_first_figure(measure)
        fields = {
            "kpi_key": kpi_key,
            "entered_value": None,
            "entered_on": None,
            "entered_source": "",
        }
    changes = apply_changes(measure, {**fields, "source_since": on})
    measure.save()
    if not measure.is_live:
        MeasureFigure.objects.create(
            measure=measure,
            value=entered_value,
            on=entered_on or on,
            source=measure.entered_source,
            recorded_by=actor,
        )
    kept = ChangeRecord.objects.create(
        measure=measure,
        kind=ChangeKind.SWITCHED,
        on=on,
        reason=why,
        what=f"From {_kpi_title(before)} to {_kpi_title(measure.kpi_key)}",
        from_kpi_key=before,
        to_kpi_key=measure.kpi_key,
        recorded_by=actor,
    )
    _changed(actor, measure, changes, f"Switched {measure}: {kept.what}: {why}")
    return kept
