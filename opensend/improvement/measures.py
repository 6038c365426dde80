"""An impact measure's figure now and its RAG (docs/improvement.md).

A measure bound to a KPI reads it live from insights.kpis over the 12 months to today, for the
whole area (improvement figures are the area's, never a child's): the percentage for a rate, the
average weeks for a time. An entered measure shows its entered figure. The better direction is
the one from the baseline to the target. RAG: green when the figure has reached the target, amber
when it is better than the baseline but short of the target, red when it is no better than the
baseline, "No figure yet" when there is none (a KPI with no records in the period). Board members
get the board's small-number rule (insights.access.rate_hidden): a rate over so few records that it
could point to a child is not shown, and neither is its RAG."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q

from opensend import statutory
from opensend.improvement.models import ImpactMeasure
from opensend.insights.access import rate_hidden
from opensend.insights.figures import headline, trend
from opensend.insights.kpis import KPIS, Measure

BINDABLE = (Measure.RATE, Measure.MEAN_WEEKS)


def kpi_choices() -> list[tuple[str, str]]:
    return [(key, item.title) for key, item in KPIS.items() if item.measure in BINDABLE]


@dataclass(frozen=True)
class Reading:
    value: Decimal | None
    rag: str  # "Green", "Amber", "Red" or "No figure yet"
    where_from: str


SUPPRESSED = "Too few records to show (the board's small-number rule)"


def live_value(kpi_key: str, *, today: date, suppress: bool = False) -> Decimal | None:
    item = KPIS[kpi_key]
    start = statutory.add_months(today, -12)
    figure = headline(item, start=start, end=today, scope=Q())
    if suppress and rate_hidden(figure.hits, figure.total):
        return None
    return _value(item, figure)


def rag(value: Decimal | None, *, baseline: Decimal, target: Decimal) -> str:
    if value is None:
        return "No figure yet"
    up = target >= baseline
    reached = value >= target if up else value <= target
    better = value > baseline if up else value < baseline
    if reached:
        return "Green"
    return "Amber" if better else "Red"


def reading(measure: ImpactMeasure, *, today: date, suppress: bool = False) -> Reading:
    if measure.is_live:
        value = live_value(measure.kpi_key, today=today, suppress=suppress)
        where = f"Live from the records: {KPIS[measure.kpi_key].title}, the 12 months to today"
        if value is None and suppress:
            where = f"{where}. {SUPPRESSED}"
    else:
        value = measure.entered_value
        on = f", {measure.entered_on:%d %B %Y}" if measure.entered_on else ""
        where = f"Entered from {measure.entered_source}{on}"
    if measure.source_since is not None:
        kind = "live" if measure.is_live else "entered"
        where = f"{where} ({kind} since {measure.source_since:%d %B %Y})"
    return Reading(value, rag(value, baseline=measure.baseline, target=measure.target), where)


# --- the trajectory --------------------------------------------------------------------------


def expected(measure: ImpactMeasure, on: date) -> Decimal | None:
    """Where the trajectory says the figure should be on `on`: a straight line from the
    baseline (on its date) to the target (on the target date), flat before and after. None
    when the baseline has no date (then there is no trajectory, only the target)."""
    start, end = measure.baseline_on, measure.target_on
    if start is None or end <= start:
        return None
    if on <= start:
        return measure.baseline
    if on >= end:
        return measure.target
    share = Decimal((on - start).days) / Decimal((end - start).days)
    value = measure.baseline + (measure.target - measure.baseline) * share
    return value.quantize(Decimal("0.1"))


@dataclass(frozen=True)
class PathPoint:
    label: str
    on: date
    actual: Decimal | None
    expected: Decimal | None


def _value(item: Any, figure: Any) -> Decimal | None:
    value = figure.mean_weeks if item.measure == Measure.MEAN_WEEKS else figure.percent_including
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"))


def path(
    measure: ImpactMeasure, *, today: date, suppress: bool = False, quarters: int = 8
) -> list[PathPoint]:
    """The actual figure against the trajectory: for a live measure each of the last
    `quarters` quarters to today (the board's small-number rule applied when `suppress`), for
    an entered one each figure entered (its history, `MeasureFigure`, and the measure's own
    figure) on its date, up to today."""
    if not measure.is_live:
        since = measure.source_since  # figures from before a switch are not mixed in
        entered: dict[date, Decimal | None] = {
            f.on: f.value
            for f in measure.figures.all()
            if f.on <= today and (since is None or f.on >= since)
        }
        if measure.entered_on is None or measure.entered_on <= today:
            entered.setdefault(measure.entered_on or today, measure.entered_value)
        return [
            PathPoint(f"{on:%d %b %Y}", on, value, expected(measure, on))
            for on, value in sorted(entered.items())
        ]
    item = KPIS[measure.kpi_key]
    points = []
    for quarter, figure in trend(item, end=today, scope=Q(), count=quarters):
        hidden = suppress and rate_hidden(figure.hits, figure.total)
        actual = None if hidden else _value(item, figure)
        points.append(PathPoint(quarter.label, quarter.end, actual, expected(measure, quarter.end)))
    return points
