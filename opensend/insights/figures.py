"""The figures behind every KPI (split from kpis.py): the cuts a KPI can be broken down by,
the computed figures and quarterly trends, and the list of cases behind a figure."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from opensend import statutory
from opensend.casework.models import AdviceKind
from opensend.disputes.models import ComplaintStage
from opensend.feedback.models import SurveyStage

# DfE's timeliness bands: within 20 weeks, over 20 weeks up to a year, over a year (52 weeks).
from opensend.insights.kpis import Counted, Kpi, Measure
from opensend.insights.kpis_disputes import APPEALABLE_KINDS
from opensend.people.codes import SENType, SettingKind
from opensend.people.models import Enrolment

# ---------------------------------------------------------------------------- cuts


@dataclass(frozen=True)
class Cut:
    slug: str
    label: str


CUTS: dict[str, Cut] = {
    c.slug: c
    for c in (
        Cut("locality", "Locality"),
        Cut("need", "Primary need"),
        Cut("age", "Age group"),
        Cut("setting", "Type of setting"),
        Cut("team", "SENAR team"),
        Cut("organisation", "Organisation"),
        Cut("kind", "Kind of advice"),
        Cut("stage", "Stage of the complaint"),
        Cut("decision", "Kind of appealable decision"),
        Cut("journey_stage", "Stage of the journey"),
    )
}
BASE_CUTS = ("locality", "need", "age", "setting", "team")

# DfE's age bands (age on the last day of the period).
AGE_BANDS: tuple[tuple[int, str], ...] = (
    (5, "Under 5"),
    (11, "Aged 5 to 10"),
    (16, "Aged 11 to 15"),
    (20, "Aged 16 to 19"),
)
OLDEST_BAND = "Aged 20 to 25"
NOT_RECORDED = "Not recorded"


def cuts_for(item: Kpi) -> list[Cut]:
    """The breakdowns a KPI offers: an area-wide one has no child to break down by."""
    base = () if item.area_wide else BASE_CUTS
    return [CUTS[s] for s in (*base, *item.extra_cuts)]


def cut_expression(item: Kpi, cut: str, end: date) -> tuple[Any, dict[str, str]]:
    """The expression giving each record's group, and labels for coded values."""
    c = item.child
    if cut == "locality":
        return F(f"{c}__locality__name"), {}
    if cut == "team":
        return F(f"{c}__senar_team__name"), {}
    if cut == "need":
        return F(f"{c}__primary_need"), dict(SENType.choices)
    if cut == "organisation":
        return F("organisation__name"), {}
    if cut == "kind":
        return F("kind"), dict(AdviceKind.choices)
    if cut == "stage":
        return F("stage"), dict(ComplaintStage.choices)
    if cut == "journey_stage":
        return F("stage"), dict(SurveyStage.choices)
    if cut == "decision":
        return F("appealable"), APPEALABLE_KINDS
    if cut == "age":
        whens = [
            When(
                **{f"{c}__date_of_birth__gt": statutory.add_months(end, -12 * years)},
                then=Value(label),
            )
            for years, label in AGE_BANDS
        ]
        return Case(*whens, default=Value(OLDEST_BAND), output_field=CharField()), {}
    if cut == "setting":
        on_roll = (
            Enrolment.objects.filter(child=OuterRef(c), is_main=True, started_on__lte=end)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=end))
            .order_by("-started_on", "-pk")
            .values("setting__kind")[:1]
        )
        return Subquery(on_roll, output_field=CharField()), dict(SettingKind.choices)
    raise KeyError(cut)


def cut_labels(item: Kpi, cut: str, end: date) -> dict[str, str]:
    """Words for the coded groups of a cut ("ASD" is "Autistic spectrum disorder")."""
    return cut_expression(item, cut, end)[1]


# ---------------------------------------------------------------------------- figures


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class Figure:
    """One line of a KPI: all records (or one group of a cut), and what was counted."""

    label: str
    key: str
    total: int
    hits: int
    with_exception: int = 0
    with_exception_hits: int = 0
    mean_weeks: float | None = None
    mean_weeks_excluding: float | None = None

    @property
    def percent_including(self) -> float | None:
        return _percent(self.hits, self.total)

    @property
    def percent_excluding(self) -> float | None:
        """Hits over records with no exception (DfE's headline for timeliness)."""
        return _percent(self.hits - self.with_exception_hits, self.total - self.with_exception)

    @property
    def excluded_total(self) -> int:
        return self.total - self.with_exception

    @property
    def misses(self) -> int:
        return self.total - self.hits


def _mean_weeks(pairs: Iterable[tuple[date, date]]) -> float | None:
    days = [statutory.days_until(finish, begin) for begin, finish in pairs if begin and finish]
    return round(sum(days) / len(days) / 7, 1) if days else None


def _means(
    qs: QuerySet[Any], counted: Counted, *, group: bool
) -> dict[Any, tuple[float | None, float | None]]:
    """The mean weeks from start to end per group, including and excluding exceptions."""
    exc = Q(counted.exception) if counted.exception is not None else Q(pk__in=[])
    qs = qs.annotate(_exc=ExpressionWrapper(exc, output_field=BooleanField()))
    fields = [counted.start_field, counted.end_field, "_exc"]
    spans: dict[Any, list[tuple[date, date, bool]]] = {}
    for key, begin, finish, excepted in qs.values_list("_group" if group else "pk", *fields):
        spans.setdefault(key if group else None, []).append((begin, finish, excepted))
    return {
        key: (
            _mean_weeks((b, f) for b, f, _ in items),
            _mean_weeks((b, f) for b, f, excepted in items if not excepted),
        )
        for key, items in spans.items()
    }


def _rebased(scope: Q, item: Kpi, other: Kpi) -> Q:
    """`scope` (a user's records, written for `item`'s rows) for `other`'s rows: each lookup
    through the item's owner or child goes through the other's instead."""
    if (item.child, item.owner) == (other.child, other.owner):
        return scope

    def key(lookup: str) -> str:
        for old, new in ((item.owner, other.owner), (item.child, other.child)):
            if lookup.startswith(f"{old}__") or lookup.startswith(f"{old}_id"):
                return new + lookup[len(old) :]
        return lookup

    rebased = Q()
    rebased.connector, rebased.negated = scope.connector, scope.negated
    rebased.children = [
        _rebased(c, item, other) if isinstance(c, Q) else (key(c[0]), c[1])  # type: ignore[index]
        for c in scope.children
    ]
    return rebased


def record_kinds(item: Kpi, counted: Counted, scope: Q) -> Iterator[tuple[Kpi, Counted, Q]]:
    """The KPI's own records, then each of `Counted.more`, with the item and scope for it."""
    yield item, replace(counted, more=()), scope
    for part in counted.more:
        other = replace(item, child=part.child or item.child, owner=part.owner or item.owner)
        yield other, part, _rebased(scope, item, other)


def _summed(groups: Iterable[list[Figure]]) -> list[Figure]:
    """Figures of several kinds of record added together group by group (counts only)."""
    found: dict[str, Figure] = {}
    for figures in groups:
        for f in figures:
            seen = found.get(f.key)
            found[f.key] = (
                f
                if seen is None
                else replace(
                    seen,
                    total=seen.total + f.total,
                    hits=seen.hits + f.hits,
                    with_exception=seen.with_exception + f.with_exception,
                    with_exception_hits=seen.with_exception_hits + f.with_exception_hits,
                )
            )
    return list(found.values())


def compute(
    item: Kpi,
    *,
    start: date,
    end: date,
    scope: Q,
    cut: str | None = None,
    counted: Counted | None = None,
) -> list[Figure]:
    """The KPI for the period within `scope` (whose records a user's figures cover): one
    figure for everything, or one per group of `cut` (largest first). A MIX is always given
    per category. `counted` is `item.count(start, end)` when the caller has it already.
    Records of other kinds (`Counted.more`) are counted alongside (not for mean weeks)."""
    counted = counted or item.count(start, end)
    if counted.more:
        figures = _summed(
            compute(part_item, start=start, end=end, scope=part_scope, cut=cut, counted=part)
            for part_item, part, part_scope in record_kinds(item, counted, scope)
        )
        if cut is not None:  # a group of a constant (one kind of record) comes back empty
            figures = [f for f in figures if f.total]
        figures.sort(key=lambda f: (-f.total, f.label))
        return figures
    qs = counted.rows.filter(scope).order_by()
    means = item.measure == Measure.MEAN_WEEKS
    if cut is not None:
        expression, labels = cut_expression(item, cut, end)
        figures = _figures(counted, qs.annotate(_group=expression), labels, means=means)
    elif item.measure == Measure.MIX:
        grouped = qs.annotate(_group=F(counted.category))
        figures = _figures(counted, grouped, dict(counted.categories))
    else:
        return _figures(counted, qs, None, means=means)
    figures.sort(key=lambda f: (-f.total, f.label))
    return figures


def _figures(
    counted: Counted, qs: QuerySet[Any], labels: dict[str, str] | None, *, means: bool = False
) -> list[Figure]:
    """Counts per `_group` (when `labels` is given; else one figure for all of `qs`), with the
    mean weeks from start to end when `means`."""
    group = labels is not None
    counts = _counts(counted)
    if group:
        rows = list(qs.values("_group").annotate(**counts))
    else:
        rows = [{"_group": None, **qs.aggregate(**counts)}]
    averages = _means(qs, counted, group=group) if means else {}
    figures = []
    for row in rows:
        key = row["_group"]
        text_key = "" if key is None else str(key)
        label = (labels or {}).get(text_key, text_key or NOT_RECORDED) if group else "All"
        figures.append(_figure(str(label), text_key, row, *averages.get(key, (None, None))))
    return figures


def _counts(counted: Counted) -> dict[str, Any]:
    """The aggregates of one figure: records, hits and, where exceptions apply, those with one."""
    counts: dict[str, Any] = {"total": Count("pk"), "hits": Count("pk", filter=counted.hit)}
    if counted.exception is not None:
        counts["with_exception"] = Count("pk", filter=Q(counted.exception))
        counts["with_exception_hits"] = Count("pk", filter=Q(counted.exception) & counted.hit)
    return counts


def _figure(
    label: str, key: str, row: dict[str, Any], mean: float | None, mean_excluding: float | None
) -> Figure:
    return Figure(
        label=label,
        key=key,
        total=row["total"] or 0,
        hits=row["hits"] or 0,
        with_exception=row.get("with_exception") or 0,
        with_exception_hits=row.get("with_exception_hits") or 0,
        mean_weeks=mean,
        mean_weeks_excluding=mean_excluding,
    )


def headlines(
    items: Iterable[Kpi], *, start: date, end: date, scope_for: Callable[[Kpi], Q]
) -> dict[str, Figure]:
    """Each KPI's `headline`, by slug, with the rates that count the same records (one
    `Counted.shared` name, one scope) worked out in a single query: one scan of the records
    and one set of counts per KPI, where `headline` would scan once per KPI."""
    found: dict[str, Figure] = {}
    batches: dict[tuple[str, Q], list[tuple[Kpi, Counted]]] = {}
    for item in items:
        scope = scope_for(item)
        if item.measure != Measure.RATE:
            found[item.slug] = headline(item, start=start, end=end, scope=scope)
            continue
        counted = item.count(start, end)
        if counted.shared:
            batches.setdefault((counted.shared, scope), []).append((item, counted))
        else:
            found[item.slug] = compute(item, start=start, end=end, scope=scope, counted=counted)[0]
    for (_, scope), members in batches.items():
        wanted = {
            f"k{i}_{name}": aggregate
            for i, (_, counted) in enumerate(members)
            for name, aggregate in _counts(counted).items()
        }
        row = members[0][1].rows.filter(scope).order_by().aggregate(**wanted)
        for i, (item, _) in enumerate(members):
            prefix = f"k{i}_"
            mine = {k.removeprefix(prefix): v for k, v in row.items() if k.startswith(prefix)}
            found[item.slug] = _figure("All", "", mine, None, None)
    return found


@dataclass(frozen=True)
class Quarter:
    start: date
    end: date

    @property
    def label(self) -> str:
        last = statutory.add_months(self.start, 2)
        return f"{self.start:%b} to {last:%b} {last.year}"


def quarters_ending(end: date, count: int = 8) -> list[Quarter]:
    """The `count` calendar quarters up to the one holding `end` (that one cut at `end`)."""
    first_of_quarter = date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
    result = []
    for back in range(count - 1, -1, -1):
        begins = statutory.add_months(first_of_quarter, -3 * back)
        ends = statutory.add_days(statutory.add_months(begins, 3), -1)
        result.append(Quarter(begins, min(ends, end)))
    return result


def trend(item: Kpi, *, end: date, scope: Q, count: int = 8) -> list[tuple[Quarter, Figure]]:
    """The KPI for each of the last `count` quarters, in one grouped query (not for a
    snapshot)."""
    quarters = quarters_ending(end, count)
    means = item.measure == Measure.MEAN_WEEKS
    everything = item.count(quarters[0].start, quarters[-1].end)
    by_part = []
    for _, counted, part_scope in record_kinds(item, everything, scope):
        field_name = counted.period or counted.end_field
        by_quarter = Case(
            *[
                When(**{f"{field_name}__range": (q.start, q.end)}, then=Value(q.start.isoformat()))
                for q in quarters
            ],
            default=Value(""),
            output_field=CharField(),
        )
        qs = counted.rows.filter(part_scope).order_by().annotate(_group=by_quarter)
        by_part.append(_figures(counted, qs, {}, means=means))
    found = {f.key: f for f in (by_part[0] if len(by_part) == 1 else _summed(by_part))}
    return [
        (q, found.get(q.start.isoformat(), Figure(label=q.label, key="", total=0, hits=0)))
        for q in quarters
    ]


def headline(item: Kpi, *, start: date, end: date, scope: Q) -> Figure:
    """The one figure for everything in scope (a MIX summed over its categories)."""
    if item.measure != Measure.MIX:
        return compute(item, start=start, end=end, scope=scope)[0]
    parts = compute(item, start=start, end=end, scope=scope)
    return Figure(
        label="All",
        key="",
        total=sum(p.total for p in parts),
        hits=sum(p.hits for p in parts),
    )
