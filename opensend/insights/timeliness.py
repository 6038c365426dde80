"""The timeliness report: how many statutory steps we did in time over a period, with the cases
where a recorded exception lifted the limit counted apart (issue 4 item 4, DESIGN §7).

Every figure is an aggregate worked out in the database, so it costs the same number of queries
at any scale. No date sums happen here: for each distinct trigger date in the period we ask the
rules engine (`statutory.due`, or the charter's working days) for the due date once, and hand the
database a `CASE trigger WHEN … THEN due` lookup to compare each stored "done" date against.

New plans within 20 weeks are shown both excluding the cases with an exception and including
them, as DfE's statistics do ("Education, health and care plans": 46.4 % excluding exceptions,
45.9 % including, in 2024).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.casework.models import AdviceRequest, AssessmentRequest, ClockException
from opensend.core.types import Actor
from opensend.disputes.clocks import charter_due
from opensend.disputes.models import (
    Appeal,
    AppealType,
    ComplaintStage,
    ComplaintStageRecord,
    OrderStep,
    OrderStepException,
)
from opensend.insights.kpi_base import _lookup_pairs
from opensend.insights.lookups import DueDateLookup

LONGEST_PERIOD_MONTHS = 36

# The regulation paragraphs whose exceptions the report counts, with the rule each one lifts.
REGULATIONS: tuple[tuple[str, str], ...] = (
    ("reg 5(4)", "decide_whether_to_assess"),
    ("reg 8(2)", "provide_advice"),
    ("reg 10(4)", "notify_decision_not_to_issue"),
    ("reg 13(3)", "issue_final_plan"),
)


def can_view_timeliness(user: Actor) -> bool:
    """Team managers, administrators and performance analysts (figures only, no children)."""
    return user_can(user, Capability.VIEW_TIMELINESS)


def default_period(today: date) -> tuple[date, date]:
    """The last 12 months, ending today."""
    return statutory.add_days(statutory.add_months(today, -12), 1), today


def period_too_long(start: date, end: date) -> bool:
    return end > statutory.add_months(start, LONGEST_PERIOD_MONTHS)


# ---------------------------------------------------------------------------- helpers


def _grounds(rule_id: str) -> list[str]:
    return [g.code.value for g in statutory.get_rule(rule_id).exceptions]


def _due_lookup(rule_id: str, field_name: str, triggers: Iterable[date]) -> DueDateLookup:
    """CASE <field> WHEN <trigger> THEN <due> …: each due date from the rules engine, once
    (compiled as one expression, `lookups`)."""
    answers = {t: statutory.due(rule_id, t) for t in set(triggers) if t is not None}
    return DueDateLookup([field_name], answers)


def _triggers(qs: QuerySet[Any], field_name: str) -> list[date]:
    return list(qs.order_by().values_list(field_name, flat=True).distinct())


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class Timeliness:
    """Steps done in the period; how many in time; those with an exception counted apart."""

    label: str
    total: int
    in_time: int
    with_exception: int = 0
    with_exception_in_time: int = 0

    @property
    def percent_including(self) -> float | None:
        """In time, over every case (exceptions included)."""
        return _percent(self.in_time, self.total)

    @property
    def percent_excluding(self) -> float | None:
        """In time, over the cases with no exception (DfE's headline figure)."""
        return _percent(
            self.in_time - self.with_exception_in_time, self.total - self.with_exception
        )


def _timeliness(
    label: str,
    qs: QuerySet[Any],
    *,
    rule_id: str,
    trigger: str,
    done: str,
    exception: Exists | None = None,
) -> Timeliness:
    due = _due_lookup(rule_id, trigger, _triggers(qs, trigger))
    in_time = Q(**{f"{done}__lte": due})
    counts: dict[str, Any] = {"total": Count("pk"), "in_time": Count("pk", filter=in_time)}
    if exception is not None:
        counts["with_exception"] = Count("pk", filter=Q(exception))
        counts["with_exception_in_time"] = Count("pk", filter=Q(exception) & in_time)
    result = qs.order_by().aggregate(**counts)
    return Timeliness(label=label, **{k: v or 0 for k, v in result.items()})


def _case_exception(rule_id: str) -> Exists:
    return Exists(
        ClockException.objects.filter(request=OuterRef("pk"), ground__in=_grounds(rule_id))
    )


# ---------------------------------------------------------------------------- the figures


@dataclass(frozen=True)
class AdviceRow:
    organisation: str
    kind: str
    returned: int
    in_time: int
    with_exception: int

    @property
    def percent_in_time(self) -> float | None:
        return _percent(self.in_time, self.returned)


@dataclass(frozen=True)
class ExceptionRow:
    ground: str
    label: str
    by_regulation: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_regulation.values())


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass
class TimelinessReport:
    start: date
    end: date
    new_plans: Timeliness
    assess_decisions: Timeliness
    not_to_issue: Timeliness
    advice: list[AdviceRow]
    advice_total: Timeliness
    exceptions: list[ExceptionRow]
    regulations: list[str]
    appeals_lodged: list[CountRow]
    appeals_lodged_total: int
    order_steps: Timeliness
    complaints: list[Timeliness] = field(default_factory=list)


def _advice(start: date, end: date) -> tuple[list[AdviceRow], Timeliness]:
    qs = AdviceRequest.objects.filter(received_on__range=(start, end), reused_from__isnull=True)
    due = _due_lookup("provide_advice", "requested_on", _triggers(qs, "requested_on"))
    exception = Exists(
        ClockException.objects.filter(
            request=OuterRef("request_id"), ground__in=_grounds("provide_advice")
        ).filter(Q(advice_request__isnull=True) | Q(advice_request=OuterRef("pk")))
    )
    rows = (
        qs.order_by()
        .values("organisation__name", "kind")
        .annotate(
            returned=Count("pk"),
            in_time=Count("pk", filter=Q(received_on__lte=due)),
            with_exception=Count("pk", filter=Q(exception)),
        )
        .order_by("organisation__name", "kind")
    )
    kinds = dict(AdviceRequest._meta.get_field("kind").choices or [])  # type: ignore[arg-type]
    result = [
        AdviceRow(
            organisation=row["organisation__name"],
            kind=str(kinds.get(row["kind"], row["kind"])),
            returned=row["returned"],
            in_time=row["in_time"],
            with_exception=row["with_exception"],
        )
        for row in rows
    ]
    total = Timeliness(
        label="All advice",
        total=sum(r.returned for r in result),
        in_time=sum(r.in_time for r in result),
        with_exception=sum(r.with_exception for r in result),
    )
    return result, total


def _exceptions(start: date, end: date) -> tuple[list[ExceptionRow], list[str]]:
    """Exceptions recorded on the cases counted in each figure, by ground and regulation."""
    in_figure = {
        "decide_whether_to_assess": Q(request__assess_decision_on__range=(start, end)),
        "provide_advice": Q(advice_request__received_on__range=(start, end))
        | Q(advice_request__isnull=True, request__advice_requests__received_on__range=(start, end)),
        "notify_decision_not_to_issue": Q(
            request__issue_decision_on__range=(start, end), request__final_issued_on__isnull=True
        ),
        "issue_final_plan": Q(request__final_issued_on__range=(start, end)),
    }
    counts: dict[str, dict[str, int]] = {}
    for regulation, rule_id in REGULATIONS:
        rows = (
            ClockException.objects.filter(in_figure[rule_id], ground__in=_grounds(rule_id))
            .order_by()
            .values("ground")
            .annotate(n=Count("pk", distinct=True))
        )
        for row in rows:
            counts.setdefault(row["ground"], {})[regulation] = row["n"]
    order_rows = (
        OrderStepException.objects.filter(
            appeal__order_steps__done_on__range=(start, end),
            appeal__order_steps__rule_id=F("rule_id"),
        )
        .order_by()
        .values("ground")
        .annotate(n=Count("pk", distinct=True))
    )
    for row in order_rows:
        counts.setdefault(row["ground"], {})["reg 44(3)"] = row["n"]
    regulations = [r for r, _ in REGULATIONS] + ["reg 44(3)"]
    result = [
        ExceptionRow(
            ground=code.value,
            label=code.label,
            by_regulation={r: counts.get(code.value, {}).get(r, 0) for r in regulations},
        )
        for code in statutory.StatutoryException
    ]
    return result, regulations


def _order_steps(start: date, end: date) -> Timeliness:
    """Steps of Tribunal orders done in the period (reg 44(2)); reg 44(3) exceptions apart."""
    qs = OrderStep.objects.filter(done_on__range=(start, end), appeal__order_on__isnull=False)
    pairs = list(qs.order_by().values_list("rule_id", "appeal__order_on").distinct())
    due = Case(
        *[
            When(rule_id=rule_id, appeal__order_on=on, then=Value(statutory.due(rule_id, on)))
            for rule_id, on in sorted(pairs)
            if on is not None
        ],
        default=Value(None),
        output_field=DateField(),
    )
    exception = Exists(
        OrderStepException.objects.filter(appeal=OuterRef("appeal_id"), rule_id=OuterRef("rule_id"))
    )
    in_time = Q(done_on__lte=due)
    result = qs.order_by().aggregate(
        total=Count("pk"),
        in_time=Count("pk", filter=in_time),
        with_exception=Count("pk", filter=Q(exception)),
        with_exception_in_time=Count("pk", filter=Q(exception) & in_time),
    )
    return Timeliness(label="Steps of Tribunal orders", **{k: v or 0 for k, v in result.items()})


def _complaints(start: date, end: date) -> list[Timeliness]:
    """Replies sent in the period, per stage, within the charter's working days then."""
    qs = ComplaintStageRecord.objects.filter(responded_on__range=(start, end))
    due = _lookup_pairs(qs, ("started_on", "charter_working_days"), charter_due)
    rows = {
        row["stage"]: row
        for row in qs.order_by()
        .values("stage")
        .annotate(total=Count("pk"), in_time=Count("pk", filter=Q(responded_on__lte=due)))
    }
    return [
        Timeliness(
            label=stage.label,
            total=rows.get(stage.value, {}).get("total", 0),
            in_time=rows.get(stage.value, {}).get("in_time", 0),
        )
        for stage in ComplaintStage
    ]


def _appeals_lodged(start: date, end: date) -> list[CountRow]:
    counts = dict(
        Appeal.objects.filter(lodged_on__range=(start, end))
        .order_by()
        .values("appeal_type")
        .annotate(n=Count("pk"))
        .values_list("appeal_type", "n")
    )
    return [CountRow(label=t.label, count=counts.get(t.value, 0)) for t in AppealType]


def timeliness_report(*, start: date, end: date) -> TimelinessReport:
    """Every figure for the period (both days included), area-wide. Figures only: no child."""
    requests = AssessmentRequest.objects.all()
    new_plans = _timeliness(
        "New EHC plans issued within 20 weeks",
        requests.filter(final_issued_on__range=(start, end)),
        rule_id="issue_final_plan",
        trigger="received_on",
        done="final_issued_on",
        exception=_case_exception("issue_final_plan"),
    )
    assess = _timeliness(
        "Decisions whether to assess within 6 weeks",
        requests.filter(assess_decision_on__range=(start, end)),
        rule_id="decide_whether_to_assess",
        trigger="received_on",
        done="assess_decision_on",
        exception=_case_exception("decide_whether_to_assess"),
    )
    not_to_issue = _timeliness(
        "Decisions not to issue a plan within 16 weeks",
        requests.filter(issue_decision_on__range=(start, end), final_issued_on__isnull=True),
        rule_id="notify_decision_not_to_issue",
        trigger="received_on",
        done="issue_decision_on",
        exception=_case_exception("notify_decision_not_to_issue"),
    )
    advice, advice_total = _advice(start, end)
    exceptions, regulations = _exceptions(start, end)
    lodged = _appeals_lodged(start, end)
    return TimelinessReport(
        start=start,
        end=end,
        new_plans=new_plans,
        assess_decisions=assess,
        not_to_issue=not_to_issue,
        advice=advice,
        advice_total=advice_total,
        exceptions=exceptions,
        regulations=regulations,
        appeals_lodged=lodged,
        appeals_lodged_total=sum(r.count for r in lodged),
        order_steps=_order_steps(start, end),
        complaints=_complaints(start, end),
    )


def timeliness_csv_rows(report: TimelinessReport) -> list[list[str]]:
    """The report as rows for a CSV download: section, measure, value."""

    def pct(value: float | None) -> str:
        return "" if value is None else f"{value}"

    period = f"{report.start.isoformat()} to {report.end.isoformat()}"
    rows = [["section", "measure", "value"], ["period", "dates (both included)", period]]
    for t in (report.new_plans, report.assess_decisions, report.not_to_issue, report.order_steps):
        rows += [
            [t.label, "total", str(t.total)],
            [t.label, "in time", str(t.in_time)],
            [t.label, "with an exception", str(t.with_exception)],
            [t.label, "with an exception, in time", str(t.with_exception_in_time)],
            [t.label, "% in time excluding exceptions", pct(t.percent_excluding)],
            [t.label, "% in time including exceptions", pct(t.percent_including)],
        ]
    for a in report.advice:
        section = f"Advice within 6 weeks: {a.organisation} ({a.kind})"
        rows += [
            [section, "returned", str(a.returned)],
            [section, "in time", str(a.in_time)],
            [section, "with an exception", str(a.with_exception)],
            [section, "% in time", pct(a.percent_in_time)],
        ]
    for e in report.exceptions:
        for regulation, n in e.by_regulation.items():
            rows.append([f"Exceptions: {e.label}", regulation, str(n)])
    for c in report.appeals_lodged:
        rows.append(["Appeals lodged", c.label, str(c.count)])
    for t in report.complaints:
        section = f"Complaints answered within the charter: {t.label}"
        rows += [
            [section, "replies", str(t.total)],
            [section, "in time", str(t.in_time)],
            [section, "% in time", pct(t.percent_including)],
        ]
    return rows
