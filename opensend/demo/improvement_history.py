"""The demo programme's kept history, so the pack for a past meeting differs from today's and
the switching, closing and reopening can be seen (docs/improvement.md, "The demo area"): each
action's owner and dates from the day it started (one action's due date moved two weeks ago,
so a pack for a meeting before then rates it with its old date); each milestone's date and status
from the day its action started (met or missed a week after it was
due); each risk's scores from when it was added, the highest-scoring one rescored two weeks ago
(after the last meeting held, so that meeting's pack shows its old score, under the appetite,
and the next meeting's its new one, above it), one risk closed and
one closed and reopened; one measure entered from a monthly return until six months ago and
bound to its live KPI since; and one measure closed four months ago. Dates are relative to the
demo's today. Deterministic (no randomness here)."""

from datetime import date
from decimal import Decimal

from opensend import statutory
from opensend.improvement.models import (
    DONE_STATUSES,
    ActionChange,
    ChangeKind,
    ChangeRecord,
    ImpactMeasure,
    MeasureFigure,
    Milestone,
    MilestoneChange,
    MilestoneStatus,
    Plan,
    PlanAction,
    Risk,
    RiskChange,
    Trend,
    Workstream,
)


def _actions(today: date) -> None:
    rows = []
    moved = (
        PlanAction.objects.filter(due_on__gt=today)
        .exclude(status__in=DONE_STATUSES)
        .order_by("pk")
        .first()
    )
    for a in PlanAction.objects.order_by("pk"):
        started = min(a.starts_on, today)
        values = {"owner": a.owner, "organisation": a.organisation, "starts_on": a.starts_on}
        if a == moved:
            earlier = max(a.starts_on, statutory.add_months(today, -1))
            rows.append(ActionChange(action=a, on=started, due_on=earlier, **values))
            rows.append(
                ActionChange(
                    action=a,
                    on=max(started, statutory.add_days(today, -14)),
                    due_on=a.due_on,
                    reason="Changed: due date. Why: the new caseworkers start later than planned",
                    **values,
                )
            )
        else:
            rows.append(ActionChange(action=a, on=started, due_on=a.due_on, **values))
    ActionChange.objects.bulk_create(rows)


def _milestones(today: date) -> None:
    rows = []
    for m in Milestone.objects.select_related("action").order_by("pk"):
        started = min(m.action.starts_on, today)
        rows.append(
            MilestoneChange(
                milestone=m, on=started, due_on=m.due_on, status=MilestoneStatus.PENDING
            )
        )
        if m.status != MilestoneStatus.PENDING:
            on = max(started, min(statutory.add_days(m.due_on, 7), today))
            rows.append(MilestoneChange(milestone=m, on=on, due_on=m.due_on, status=m.status))
    MilestoneChange.objects.bulk_create(rows)


def _snapshot(risk: Risk, on: date, reason: str, *, is_open: bool = True, **scores: int) -> None:
    values = {
        "inherent_likelihood": risk.inherent_likelihood,
        "inherent_impact": risk.inherent_impact,
        "residual_likelihood": risk.residual_likelihood,
        "residual_impact": risk.residual_impact,
        **scores,
    }
    RiskChange.objects.create(
        risk=risk,
        on=on,
        appetite=risk.appetite,
        trend=risk.trend,
        is_open=is_open,
        reason=reason,
        **values,
    )


def _risks(today: date) -> None:
    added = statutory.add_months(today, -24).replace(day=1)
    risks = list(Risk.objects.order_by("pk"))
    closed, reopened = risks[-1], risks[-2]
    others = risks[:-2]
    rescored = max(others, key=lambda r: (r.inherent_score, -r.pk))
    for risk in risks:
        if risk is rescored:
            _snapshot(risk, added, "Added to the register", residual_likelihood=1)
            # The controls stopped working: as high as it is before them, above the appetite.
            risk.residual_likelihood = risk.inherent_likelihood
            risk.residual_impact = risk.inherent_impact
            risk.trend = Trend.RISING
            risk.save()
            _snapshot(
                risk, statutory.add_days(today, -14), "Rescored: the controls stopped working"
            )
        else:
            _snapshot(risk, added, "Added to the register")
    closed_on = statutory.add_months(today, -3).replace(day=10)
    closed.closed_on = closed_on
    closed.closed_reason = "The cause has gone: the new contract is in place."
    closed.save()
    _snapshot(closed, closed_on, f"Closed: {closed.closed_reason}", is_open=False)
    _snapshot(
        reopened,
        statutory.add_months(today, -5).replace(day=12),
        "Closed: the vacancies were filled.",
        is_open=False,
    )
    _snapshot(
        reopened,
        statutory.add_months(today, -3).replace(day=20),
        "Reopened: vacancies rose again after the autumn.",
    )


def _switched_measure(today: date) -> None:
    """The first live measure was entered from the council's monthly return until six months
    ago; since then it is read live (its entered figures kept, not mixed in)."""
    measure = ImpactMeasure.objects.filter(kpi_key__gt="").order_by("pk").first()
    if measure is None:
        return
    since = statutory.add_months(today, -6).replace(day=1)
    for months, share in ((-14, Decimal("0.2")), (-10, Decimal("0.4"))):
        MeasureFigure.objects.create(
            measure=measure,
            value=(measure.baseline + (measure.target - measure.baseline) * share).quantize(
                Decimal("0.1")
            ),
            on=statutory.add_months(today, months).replace(day=1),
            source="The council's monthly performance return",
        )
    measure.source_since = since
    measure.save()
    ChangeRecord.objects.create(
        measure=measure,
        kind=ChangeKind.SWITCHED,
        on=since,
        reason="The casework records now hold it: the monthly return has stopped.",
        what="From an entered figure to the live KPI",
        from_kpi_key="",
        to_kpi_key=measure.kpi_key,
    )


def _closed_measure(today: date) -> None:
    workstream = Workstream.objects.filter(plan=Plan.objects.get()).order_by("number").last()
    if workstream is None:
        return
    closed_on = statutory.add_months(today, -4).replace(day=15)
    value, on = Decimal("70"), statutory.add_months(today, -8).replace(day=1)
    measure = ImpactMeasure.objects.create(
        workstream=workstream,
        name="Board papers sent a week ahead (counted by hand)",
        baseline=Decimal("55"),
        target=Decimal("90"),
        target_on=statutory.add_months(today, 6).replace(day=1),
        entered_value=value,
        entered_on=on,
        entered_source="The Board secretary's count",
        baseline_on=statutory.add_months(today, -18).replace(day=1),
        closed_on=closed_on,
        closed_reason="Replaced by the live performance dashboard (action 4.1).",
    )
    MeasureFigure.objects.create(measure=measure, value=value, on=on, source=measure.entered_source)
    ChangeRecord.objects.create(
        measure=measure, kind=ChangeKind.CLOSED, on=closed_on, reason=measure.closed_reason
    )


def build_demo_history(*, today: date) -> None:
    _actions(today)
    _milestones(today)
    _risks(today)
    _switched_measure(today)
    _closed_measure(today)
