"""Records as they stood on a past day, from their kept history (docs/improvement.md, "Packs for
past meetings"): whether a plan, workstream or measure was closed (its closings and reopenings),
where a measure's figure came from (its switches), each action's owner and dates
(`ActionChange`), each milestone's date and status
(`MilestoneChange`), each risk's scores and whether it was open (`RiskChange`) and each
recommendation's status (its dated updates). Each returns copies: the records themselves are never
changed or saved. For today or later, the records as they are."""

import copy
from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.db.models import Prefetch
from django.utils import timezone

from opensend.improvement.models import (
    ChangeKind,
    ImpactMeasure,
    Milestone,
    Plan,
    PlanAction,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
    Risk,
    Workstream,
)

T = TypeVar("T")


def _as_it_was(record: T, **values: object) -> T:
    past = copy.copy(record)
    for name, value in values.items():
        setattr(past, name, value)
    return past


def _in_the_past(day: date) -> bool:
    return day < timezone.localdate()


def closed_on_day(record: Plan | Workstream | ImpactMeasure, day: date) -> bool:
    """Closed on the day: now, by its closing date; for a past day, by its last closing or
    reopening on or before it (change_records should be prefetched)."""
    if not _in_the_past(day):
        return record.closed_on is not None and record.closed_on <= day
    events = sorted(
        (
            c
            for c in record.change_records.all()
            if c.kind in (ChangeKind.CLOSED, ChangeKind.REOPENED)
        ),
        key=lambda c: (c.on, c.pk),
    )
    if not events:
        return record.closed_on is not None and record.closed_on <= day
    past = [c for c in events if c.on <= day]
    return bool(past) and past[-1].kind == ChangeKind.CLOSED


def measure_on(measure: ImpactMeasure, day: date) -> ImpactMeasure:
    """The measure with its figure's source as on the day: the KPI it was bound to then, or the
    latest figure entered by then in the period it was entered (figures prefetched)."""
    if not _in_the_past(day):
        return measure
    switches = sorted(
        (c for c in measure.change_records.all() if c.kind == ChangeKind.SWITCHED),
        key=lambda c: (c.on, c.pk),
    )
    past = [c for c in switches if c.on <= day]
    if past:
        key, since = past[-1].to_kpi_key, past[-1].on
    elif switches:
        key, since = switches[0].from_kpi_key, None
    else:
        key, since = measure.kpi_key, measure.source_since
    if key:
        if key == measure.kpi_key and since == measure.source_since:
            return measure
        return _as_it_was(
            measure,
            kpi_key=key,
            source_since=since,
            entered_value=None,
            entered_on=None,
            entered_source="",
        )
    entered: list[tuple[date, int, Decimal | None, str]] = [
        (f.on, f.pk, f.value, f.source)
        for f in measure.figures.all()
        if f.on <= day and (since is None or f.on >= since)
    ]
    if not measure.is_live and (measure.entered_on is None or measure.entered_on <= day):
        # Its own figure (kept as a MeasureFigure only once a second one is added).
        entered.append(
            (measure.entered_on or day, 0, measure.entered_value, measure.entered_source)
        )
    latest = max(entered, key=lambda f: (f[0], f[1]), default=None)
    return _as_it_was(
        measure,
        kpi_key="",
        source_since=since,
        entered_value=latest[2] if latest else None,
        entered_on=latest[0] if latest else None,
        entered_source=latest[3] if latest else measure.entered_source or "an entered figure",
    )


def action_on(action: PlanAction, day: date) -> PlanAction:
    """The action with the owner, organisation, start and due dates it had on the day (before its
    first row, as it was added; history prefetched)."""
    if not _in_the_past(day):
        return action
    rows = sorted(action.history.all(), key=lambda r: (r.on, r.pk))
    if not rows:
        return action  # no history kept: as it is
    row = ([r for r in rows if r.on <= day] or rows[:1])[-1]
    return _as_it_was(
        action,
        owner=row.owner,
        organisation=row.organisation,
        starts_on=row.starts_on,
        due_on=row.due_on,
    )


def milestones_on(action: PlanAction, day: date) -> list[Milestone]:
    """The action's milestones with the date and status each had on the day (one added later is
    left out; milestones and their history prefetched)."""
    if not _in_the_past(day):
        return list(action.milestones.all())
    found = []
    for milestone in action.milestones.all():
        rows = sorted(milestone.history.all(), key=lambda r: (r.on, r.pk))
        past = [r for r in rows if r.on <= day]
        if past:
            found.append(_as_it_was(milestone, due_on=past[-1].due_on, status=past[-1].status))
        elif not rows:
            found.append(milestone)  # no history kept: as it is
    return found


def _open_on(risk: Risk, day: date) -> bool:
    """Whether the risk was open on the day, from its closings and reopenings: the rows, in the
    order written, where it went from open to closed or back (with the first, when it was
    added). Each holds from its date on, the later written over the earlier: a closing
    back-dated before a change written earlier still closes the risk from its date."""
    decided: bool | None = None
    was_open: bool | None = None
    for row in sorted(risk.history.all(), key=lambda r: r.pk):
        if row.is_open != was_open:
            was_open = row.is_open
            if row.on <= day:
                decided = row.is_open
    return bool(decided)


def open_risks_on(day: date) -> list[Risk]:
    """The risks open on the day, with the scores, appetite and trend they had then."""
    risks = Risk.objects.prefetch_related("history")
    if not _in_the_past(day):
        return [r for r in risks if r.closed_on is None]
    found = []
    for risk in risks:
        rows = sorted(risk.history.all(), key=lambda r: (r.on, r.pk))
        past = [r for r in rows if r.on <= day]
        if past:
            row = past[-1]
            if _open_on(risk, day):
                found.append(
                    _as_it_was(
                        risk,
                        inherent_likelihood=row.inherent_likelihood,
                        inherent_impact=row.inherent_impact,
                        residual_likelihood=row.residual_likelihood,
                        residual_impact=row.residual_impact,
                        appetite=row.appetite,
                        trend=row.trend,
                    )
                )
        elif not rows and (risk.closed_on is None or risk.closed_on > day):
            found.append(risk)
    return found


def recommendation_counts_on(day: date) -> list[tuple[str, int]]:
    """How many recommendations had each status on the day: those of reports published by then,
    not withdrawn by then, each with the status of its latest update on or before the day (not
    started before its first)."""
    in_force = (
        Recommendation.objects.filter(source__published_on__lte=day)
        .exclude(withdrawn_on__lte=day)
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=RecommendationUpdate.objects.filter(written_on__lte=day),
                to_attr="updates_by_then",
            )
        )
    )
    statuses = [
        r.updates_by_then[0].status if r.updates_by_then else RecommendationStatus.NOT_STARTED
        for r in in_force
    ]
    return [(label, statuses.count(value)) for value, label in RecommendationStatus.choices]
