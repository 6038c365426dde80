"""The board pack for a meeting (docs/improvement.md, "The board pack"): figures for the whole
area only, never a child's. Everything is read as at the meeting's date (or today, for a meeting
still to come): the headline KPIs against their targets with their trend and England's figure,
the RAG of every workstream (`improvement.rag`), the recommendations by status, the risks above
the Board's appetite, what changed since the previous meeting (from the kept history: dated
updates, sign-offs and status changes) and what families told us. The small-number rule
(`insights.access.rate_hidden`) always applies: a pack is a paper that travels."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from opensend.improvement import as_at, charts, measures, rag
from opensend.improvement.models import (
    ActionStatus,
    ActionStatusChange,
    AreaSignOffChange,
    BoardMeeting,
    ChangeKind,
    ChangeRecord,
    ImpactMeasure,
    Plan,
    PlanAction,
    RecommendationUpdate,
    Risk,
    RiskChange,
    Workstream,
)
from opensend.improvement.selectors import recommendation_status_counts
from opensend.insights.charts import Point, summary
from opensend.insights.england import england_for
from opensend.insights.kpis import KPIS, Measure


@dataclass
class ActionLine:
    action: PlanAction
    rag: str
    overdue: bool

    @property
    def tag(self) -> str:
        return rag.tag_class(self.rag)


@dataclass
class WorkstreamSummary:
    workstream: Workstream
    readings: list[tuple[ImpactMeasure, measures.Reading]]
    actions: list[ActionLine]
    rag: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def tag(self) -> str:
        return rag.tag_class(self.rag)

    @property
    def closed_measures(self) -> list[ImpactMeasure]:
        return [m for m in self.workstream.measures.all() if m.closed_on is not None]

    @property
    def overdue(self) -> list[ActionLine]:
        return [line for line in self.actions if line.overdue]


def status_on(action: PlanAction, on: date) -> str:
    """The action's status on a day, from its kept history: the last change on or before it;
    before the first change, the status that change started from. (status_changes prefetched.)"""
    changes = sorted(action.status_changes.all(), key=lambda c: (c.changed_on, c.pk))
    past = [c for c in changes if c.changed_on <= on]
    if past:
        return past[-1].to_status
    if changes:
        return changes[0].from_status or ActionStatus.NOT_STARTED
    return action.status


def closed_by(record: Plan | Workstream | ImpactMeasure, on: date) -> bool:
    """Closed on the day (a pack for a meeting before it closed, or after it was reopened, still
    rates it): `as_at.closed_on_day`, from its kept closings and reopenings."""
    return as_at.closed_on_day(record, on)


def workstream_summary(
    ws: Workstream,
    *,
    today: date,
    suppress: bool,
    from_history: bool = False,
    known: dict[int, measures.Reading] | None = None,
) -> WorkstreamSummary:
    """A workstream's measures (with their RAG), its actions (with theirs) and its own RAG, on
    `today`. With `from_history` (a pack for a past meeting) each action is rated with the status
    it had that day and its milestones as they stood then, and each measure with the source its
    figure had then (`improvement.as_at`); the records themselves are not changed. `known`:
    readings already worked out (a live KPI is costly), by measure id."""
    known = known or {}
    readings = []
    for m in ws.measures.all():
        if closed_by(m, today):
            continue  # a closed measure leaves the RAG (it stays on its page)
        then = as_at.measure_on(m, today)
        readings.append(
            (then, known.get(m.pk) or measures.reading(then, today=today, suppress=suppress))
        )
    actions = []
    for a in ws.actions.all():
        milestones = None
        if from_history:
            a = as_at.action_on(a, today)
            a.status = status_on(a, today)  # this copy only: never saved
            milestones = as_at.milestones_on(a, today)
        actions.append(
            ActionLine(
                a,
                rag.action_rag(a, today=today, milestones=milestones),
                rag.is_overdue(a, today=today),
            )
        )
    ratings = [line.rag for line in actions] + [r.rag for _, r in readings]
    counts = {name: ratings.count(name) for name in (rag.RED, rag.AMBER, rag.GREEN, rag.COMPLETE)}
    return WorkstreamSummary(ws, readings, actions, rag.workstream_rag(ratings), counts)


def plan_summaries(
    plan: Plan,
    *,
    today: date,
    suppress: bool,
    from_history: bool = False,
    known: dict[int, measures.Reading] | None = None,
) -> list[WorkstreamSummary]:
    if closed_by(plan, today):
        return []  # a closed plan leaves the RAG (its page lists its workstreams as closed)
    return [
        workstream_summary(
            ws, today=today, suppress=suppress, from_history=from_history, known=known
        )
        for ws in plan.workstreams.all()
        if not closed_by(ws, today)
    ]


@dataclass
class Headline:
    measure: ImpactMeasure
    title: str
    reading: measures.Reading
    unit: str
    chart: Any
    sentence: str
    rows: list[measures.PathPoint]
    england: str


def _headline(measure: ImpactMeasure, reading: measures.Reading, *, as_of: date) -> Headline:
    item = KPIS[measure.kpi_key]
    percent = item.measure != Measure.MEAN_WEEKS
    unit = "%" if percent else "weeks"
    points = measures.path(measure, today=as_of, suppress=True, quarters=4)
    england = england_for(item.slug)[:1]
    sentence = summary(
        [Point(p.label, None if p.actual is None else float(p.actual)) for p in points],
        what=item.title[:1].lower() + item.title[1:],
        unit=unit,
    )
    return Headline(
        measure=measure,
        title=item.title,
        reading=reading,
        unit=unit,
        chart=charts.trajectory_chart(points, percent=percent),
        sentence=sentence,
        rows=points,
        england=f"{england[0].value}% {england[0].measure} ({england[0].source})"
        if england
        else "",
    )


@dataclass
class Change:
    on: date
    what: str
    link: tuple[str, int]


def changes_between(after: date | None, until: date) -> list[Change]:
    """What the kept history says changed after `after` (the previous meeting) up to `until`."""

    def window(name: str) -> dict[str, Any]:
        found = {f"{name}__lte": until}
        if after is not None:
            found[f"{name}__gt"] = after
        return found

    updates = RecommendationUpdate.objects.filter(**window("written_on")).select_related(
        "recommendation__source"
    )
    found = [
        Change(
            u.written_on,
            f"{u.recommendation.source.title}, recommendation {u.recommendation.number}: "
            f"{u.get_status_display().lower()}",
            ("improvement:recommendation_detail", u.recommendation_id),
        )
        for u in updates
    ]
    sign_offs = AreaSignOffChange.objects.filter(**window("on")).select_related("area__source")
    found += [
        Change(
            s.on,
            f"Area {s.area.number} of {s.area.source.title}: {s.get_sign_off_display().lower()}",
            ("improvement:source_detail", s.area.source_id),
        )
        for s in sign_offs
    ]
    statuses = ActionStatusChange.objects.filter(**window("changed_on")).select_related("action")
    found += [
        Change(
            c.changed_on,
            f"Action {c.action.number}: {c.get_to_status_display().lower()} ({c.reason})",
            ("improvement:action_detail", c.action_id),
        )
        for c in statuses
    ]
    found += _record_changes(window("on"))
    return sorted(found, key=lambda c: (c.on, c.what))


def _record_changes(window: dict[str, Any]) -> list[Change]:
    """Closings, reopenings and switches of plans, workstreams and measures, and each risk
    added, rescored, closed or reopened, in the window."""
    kinds = (ChangeKind.CLOSED, ChangeKind.REOPENED, ChangeKind.SWITCHED)
    records = ChangeRecord.objects.filter(kind__in=kinds, **window).select_related(
        "plan", "workstream__plan", "measure__workstream__plan"
    )
    found = []
    for r in records:
        thing = r.plan or r.workstream or r.measure
        plan_id = r.plan_id or (r.workstream.plan_id if r.workstream else None)
        link = (
            ("improvement:measure_detail", r.measure_id)
            if r.measure_id
            else ("improvement:plan_detail", plan_id)
        )
        what = f"{thing}: {r.get_kind_display().lower()}"
        found.append(Change(r.on, f"{what} ({r.what or r.reason})", link))  # type: ignore[arg-type]
    found.extend(
        Change(
            row.on,
            f"Risk {row.risk.reference}: {row.reason or 'changed'}, score with controls "
            f"{row.residual_score}",
            ("improvement:risk_detail", row.risk_id),
        )
        for row in RiskChange.objects.filter(**window).select_related("risk")
    )
    return found


@dataclass
class Pack:
    meeting: BoardMeeting
    previous: BoardMeeting | None
    as_of: date
    headlines: list[Headline]
    plans: list[tuple[Plan, list[WorkstreamSummary]]]
    status_counts: list[tuple[str, int]]
    risks_above: list[Risk]
    changes: list[Change]
    voices: list[tuple[ImpactMeasure, measures.Reading]]
    entered: list[tuple[ImpactMeasure, measures.Reading]] = field(default_factory=list)
    past: bool = False

    @property
    def rag_totals(self) -> dict[str, int]:
        totals = {name: 0 for name in (rag.RED, rag.AMBER, rag.GREEN, rag.UNRATED)}
        for _, summaries in self.plans:
            for s in summaries:
                totals[s.rag] += 1
        return totals


def board_pack(meeting: BoardMeeting, *, today: date) -> Pack:
    as_of = min(meeting.held_on, today)
    previous = BoardMeeting.objects.filter(held_on__lt=meeting.held_on).order_by("-held_on").first()
    in_use = [
        as_at.measure_on(m, as_of)
        for m in ImpactMeasure.objects.select_related("workstream__plan").prefetch_related(
            "change_records",
            "figures",
            "workstream__change_records",
            "workstream__plan__change_records",
        )
        if not any(closed_by(r, as_of) for r in (m, m.workstream, m.workstream.plan))
    ]
    live = [m for m in in_use if m.kpi_key in KPIS]
    # Each live figure is worked out once and shared by the headlines and the RAG.
    known = {m.pk: measures.reading(m, today=as_of, suppress=True) for m in live}
    plans = Plan.objects.prefetch_related(
        "change_records",
        "workstreams__change_records",
        "workstreams__measures__change_records",
        "workstreams__measures__figures",
        "workstreams__actions__milestones__history",
        "workstreams__actions__status_changes",
        "workstreams__actions__history",
    )
    past = as_of < today
    risks = as_at.open_risks_on(as_of)
    voices = [m for m in in_use if m.voice_of_families]
    return Pack(
        meeting=meeting,
        previous=previous,
        as_of=as_of,
        headlines=[_headline(m, known[m.pk], as_of=as_of) for m in live],
        plans=[
            (p, plan_summaries(p, today=as_of, suppress=True, from_history=past, known=known))
            for p in plans
            if not closed_by(p, as_of)
        ],
        status_counts=as_at.recommendation_counts_on(as_of)
        if past
        else recommendation_status_counts(),
        risks_above=[r for r in risks if r.residual_score > r.appetite],
        changes=changes_between(previous.held_on if previous else None, meeting.held_on),
        voices=[
            (m, known.get(m.pk) or measures.reading(m, today=as_of, suppress=True)) for m in voices
        ],
        entered=[
            (m, measures.reading(m, today=as_of, suppress=True))
            for m in in_use
            if not m.is_live and not m.voice_of_families
        ],
        past=past,
    )
