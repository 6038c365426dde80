"""KPI figures as the rows and cells people read: on the pages, in the CSV and in Excel.

One place decides the columns and applies the board's small-number rule (`access`), so a
suppressed figure is suppressed the same way on the screen and in every download.
"""

from dataclasses import dataclass

from opensend.insights.access import Viewer, show_count, show_value
from opensend.insights.figures import Figure
from opensend.insights.kpis import Kpi, Measure


@dataclass(frozen=True)
class Row:
    label: str
    key: str
    cells: list[str]
    total: int


def columns(item: Kpi) -> list[str]:
    if item.measure == Measure.MEAN_WEEKS:
        return [
            "Plans issued",
            "With an exception",
            "Average weeks, including exceptions",
            "Average weeks, excluding exceptions",
        ]
    if item.measure == Measure.MIX:
        return ["Children with plans", "% of all"]
    if item.measure == Measure.COUNT:
        return [item.hit_label]
    if has_exceptions(item):
        return [
            "Records",
            item.hit_label,
            "With an exception",
            "% including exceptions",
            "% excluding exceptions",
        ]
    return ["Records", item.hit_label, "%"]


def has_exceptions(item: Kpi) -> bool:
    return item.exceptions


def cells(item: Kpi, f: Figure, viewer: Viewer, *, grand_total: int = 0) -> list[str]:
    hide = viewer.suppresses(item)
    if item.measure == Measure.MEAN_WEEKS:
        return [
            show_count(f.total, suppressed=hide),
            show_count(f.with_exception, suppressed=hide),
            show_value(f.mean_weeks, hits=f.total, total=f.total, suppressed=hide, unit="weeks"),
            show_value(
                f.mean_weeks_excluding,
                hits=f.excluded_total,
                total=f.excluded_total,
                suppressed=hide,
                unit="weeks",
            ),
        ]
    if item.measure == Measure.MIX:
        share = round(100 * f.total / grand_total, 1) if grand_total else None
        return [
            show_count(f.total, suppressed=hide),
            show_value(share, hits=f.total, total=grand_total, suppressed=hide),
        ]
    if item.measure == Measure.COUNT:
        return [show_count(f.total, suppressed=hide)]
    counted = [show_count(f.total, suppressed=hide), show_count(f.hits, suppressed=hide)]
    if has_exceptions(item):
        return [
            *counted,
            show_count(f.with_exception, suppressed=hide),
            show_value(f.percent_including, hits=f.hits, total=f.total, suppressed=hide),
            show_value(
                f.percent_excluding,
                hits=f.hits - f.with_exception_hits,
                total=f.excluded_total,
                suppressed=hide,
            ),
        ]
    return [
        *counted,
        show_value(f.percent_including, hits=f.hits, total=f.total, suppressed=hide),
    ]


def rows(item: Kpi, figures: list[Figure], viewer: Viewer) -> list[Row]:
    grand_total = sum(f.total for f in figures)
    return [
        Row(f.label, f.key, cells(item, f, viewer, grand_total=grand_total), f.total)
        for f in figures
    ]


def headline_value(item: Kpi, f: Figure) -> tuple[float | None, int, int]:
    """The headline number, with the counts it is worked out from (for suppression): DfE's
    headline is excluding exceptions where exceptions apply."""
    if item.measure == Measure.MEAN_WEEKS:
        return f.mean_weeks_excluding, f.excluded_total, f.excluded_total
    if item.measure == Measure.COUNT:
        return f.total, f.total, f.total
    if has_exceptions(item):
        return f.percent_excluding, f.hits - f.with_exception_hits, f.excluded_total
    return f.percent_including, f.hits, f.total


def headline_text(item: Kpi, f: Figure, viewer: Viewer) -> str:
    if item.measure == Measure.COUNT:
        return show_count(f.total, suppressed=viewer.suppresses(item))
    value, hits, total = headline_value(item, f)
    unit = "weeks" if item.measure == Measure.MEAN_WEEKS else "%"
    return show_value(value, hits=hits, total=total, suppressed=viewer.suppresses(item), unit=unit)


def headline_words(item: Kpi) -> str:
    if item.measure == Measure.MEAN_WEEKS:
        return f"{item.short}, excluding exceptions"
    if has_exceptions(item):
        return f"{item.short}, excluding exceptions"
    return item.short
