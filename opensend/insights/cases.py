"""The cases behind a figure (split from figures.py): the records a user may open, of every
kind of record the KPI counts, the first MOST_CASES_LISTED of them, and how many there are."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from opensend.insights.figures import cut_expression, record_kinds
from opensend.insights.kpis import Counted, Kpi, Measure


@dataclass(frozen=True)
class CaseLine:
    record: Any
    child: Any
    started: date | None
    finished: date | None
    hit: bool
    exception: bool


# A figure can stand for thousands of cases: the page lists the first ones and says so.
MOST_CASES_LISTED = 200


@dataclass(frozen=True)
class CaseList:
    lines: list[CaseLine]
    total: int  # every record behind the figure
    visible: int  # those the user may open (the first MOST_CASES_LISTED are in `lines`)

    @property
    def hidden(self) -> int:
        return self.total - self.visible

    @property
    def not_shown(self) -> int:
        return self.visible - len(self.lines)


def case_rows(
    item: Kpi,
    *,
    start: date,
    end: date,
    scope: Q,
    visible_children: QuerySet[Any],
    cut: str | None = None,
    group: str | None = None,
) -> CaseList:
    """The records behind a figure that the user may open (the first MOST_CASES_LISTED), and
    how many there are of each (of every kind of record the KPI counts)."""
    lists = [
        _case_rows(part_item, part, part_scope, visible_children, end=end, cut=cut, group=group)
        for part_item, part, part_scope in record_kinds(item, item.count(start, end), scope)
    ]
    if len(lists) == 1:
        return lists[0]
    lines = sorted(
        (line for found in lists for line in found.lines),
        key=lambda line: line.started or date.min,
    )
    return CaseList(
        lines=lines[:MOST_CASES_LISTED],
        total=sum(found.total for found in lists),
        visible=sum(found.visible for found in lists),
    )


def _case_rows(
    item: Kpi,
    counted: Counted,
    scope: Q,
    visible_children: QuerySet[Any],
    *,
    end: date,
    cut: str | None,
    group: str | None,
) -> CaseList:
    qs = counted.rows.filter(scope)
    if cut is not None and group is not None:
        expression, _ = cut_expression(item, cut, end)
        qs = qs.annotate(_group=expression)
        qs = qs.filter(_group__isnull=True) if group == "" else qs.filter(_group=group)
    elif item.measure == Measure.MIX and group is not None:
        qs = qs.filter(**{counted.category: group})
    total = qs.count()
    visible = qs.filter(**{f"{item.child}__in": visible_children})
    visible = visible.annotate(
        _hit=ExpressionWrapper(counted.hit, output_field=BooleanField()),
        _exc=ExpressionWrapper(
            Q(counted.exception) if counted.exception is not None else Q(pk__in=[]),
            output_field=BooleanField(),
        ),
    )
    child_field = item.child
    visible = visible.select_related(child_field).order_by(
        *(f for f in (counted.start_field,) if "__" not in f), "pk"
    )
    lines = []
    for record in visible[:MOST_CASES_LISTED]:
        child = record
        for part in child_field.split("__"):
            child = getattr(child, part)
        lines.append(
            CaseLine(
                record=record,
                child=child,
                started=_dotted(record, counted.start_field),
                finished=_dotted(record, counted.end_field),
                hit=bool(record._hit),
                exception=bool(record._exc),
            )
        )
    return CaseList(lines=lines, total=total, visible=visible.count())


def _dotted(record: Any, path: str) -> Any:
    value = record
    for part in path.split("__") if path else []:
        value = getattr(value, part, None)
        if value is None:
            return None
    return value if path else None
