"""What a KPI is and the query pieces its definitions share (split from kpis.py): the measure
kinds, the counted rows, the registry (KPIS, @kpi) and the due-date lookups from statutory."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from django.db.models import (
    Exists,
    OuterRef,
    Q,
    QuerySet,
)

from opensend import statutory
from opensend.casework.models import AssessmentRequest, ClockException
from opensend.insights.lookups import DueDateLookup

# DfE's timeliness bands: within 20 weeks, over 20 weeks up to a year, over a year (52 weeks).
YEAR_IN_WEEKS = 52


class Measure(StrEnum):
    RATE = "rate"  # hits ÷ records, as a percentage
    MEAN_WEEKS = "mean_weeks"  # the average time from start to end, in weeks
    MIX = "mix"  # how the records divide between categories (a snapshot)
    COUNT = "count"  # how many records there were (no rate: nothing to divide by)


@dataclass(frozen=True)
class Counted:
    """What a KPI function hands back: the records for the period and how to count them."""

    rows: QuerySet[Any]
    hit: Q = field(default_factory=Q)
    exception: Exists | None = None
    start_field: str = ""
    end_field: str = ""
    category: str = ""  # for a MIX: the field whose value is the category
    period: str = ""  # the date that puts a record in a period (the end event if blank)
    categories: tuple[tuple[str, str], ...] = ()
    # KPIs returning the same records under one `shared` name (and counted over the same
    # scope) are counted together in one query on the dashboard (`figures.headlines`).
    shared: str = ""
    # Records of other kinds counted with these (a rate over decisions after requests and
    # after reviews, steps done and steps overdue): each a `Counted` whose `child` and `owner`
    # say how its rows reach the child and caseworker when they differ from the KPI's.
    more: tuple["Counted", ...] = ()
    child: str = ""
    owner: str = ""


@dataclass(frozen=True)
class Kpi:
    slug: str
    title: str
    short: str  # the headline's words after the number ("of new plans within 20 weeks")
    measure: Measure
    function: Callable[[date, date], Counted]
    child: str  # the lookup from a record to its child
    owner: str  # the lookup from a record to the caseworker it belongs to
    start_label: str
    end_label: str
    hit_label: str = "In time"
    extra_cuts: tuple[str, ...] = ()
    snapshot: bool = False  # counted as at the end date (no trend)
    exceptions: bool = False  # a recorded exception may lift the limit (counted apart)
    group: str = ""
    # About the area, not about children (the Local Offer): everyone sees the whole area, the
    # board unsuppressed, with no breakdown by child and no cases behind the figure.
    area_wide: bool = False
    # Answers people gave about themselves (family satisfaction): cut and scoped like any figure
    # about children, but nobody may open the cases behind it.
    personal: bool = False

    @property
    def definition(self) -> str:
        """The docstring: the KPI in prose, exactly as docs/insights.md gives it."""
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def paragraphs(self) -> list[str]:
        return [" ".join(p.split()) for p in self.definition.split("\n\n") if p.strip()]

    def count(self, start: date, end: date) -> Counted:
        return self.function(start, end)


KPIS: dict[str, Kpi] = {}


def kpi(
    **meta: Any,
) -> Callable[[Callable[[date, date], Counted]], Callable[[date, date], Counted]]:
    def register(function: Callable[[date, date], Counted]) -> Callable[[date, date], Counted]:
        item = Kpi(function=function, **meta)
        KPIS[item.slug] = item
        return function

    return register


# ---------------------------------------------------------------------------- helpers


def _grounds(rule_id: str) -> list[str]:
    return [g.code.value for g in statutory.get_rule(rule_id).exceptions]


def _lookup(field_name: str, answers: dict[date, date]) -> DueDateLookup:
    """CASE <field> WHEN <trigger> THEN <date> …, each date worked out once in Python."""
    return DueDateLookup([field_name], answers)


def _lookup_pairs(
    qs: QuerySet[Any], fields: tuple[str, str], answer: Callable[[Any, Any], date]
) -> DueDateLookup:
    """CASE WHEN <a>=x AND <b>=y THEN answer(x, y) …, over the distinct pairs in `qs` (a due
    date that depends on two fields: a rule and its trigger, a start and the days allowed)."""
    pairs = set(qs.order_by().values_list(*fields).distinct())
    answers = {(a, b): answer(a, b) for a, b in pairs if a is not None and b is not None}
    return DueDateLookup(fields, answers)


def _triggers(qs: QuerySet[Any], field_name: str) -> set[date]:
    return {d for d in qs.order_by().values_list(field_name, flat=True).distinct() if d}


def _due(qs: QuerySet[Any], field_name: str, rule_id: str) -> DueDateLookup:
    return _lookup(field_name, {t: statutory.due(rule_id, t) for t in _triggers(qs, field_name)})


def _weeks_after(qs: QuerySet[Any], field_name: str, weeks: int) -> DueDateLookup:
    answers = {t: statutory.add_weeks(t, weeks) for t in _triggers(qs, field_name)}
    return _lookup(field_name, answers)


def _case_exception(rule_id: str, path: str = "pk") -> Exists:
    return Exists(
        ClockException.objects.filter(request=OuterRef(path), ground__in=_grounds(rule_id))
    )


def _new_plans(start: date, end: date) -> QuerySet[AssessmentRequest]:
    return AssessmentRequest.objects.filter(final_issued_on__range=(start, end))
