"""A clock on a workflow step, worked out from its dates by the rules engine.

The one clock vocabulary every journey app shares (casework, plans, disputes, reviews, transfers,
ceasing): `Clock`, `rule_clock`, `next_open_clock` and `TimelineEntry`. The API shape is
`core.api_helpers.ClockOutput`, the page shape `templates/includes/clock_table.html`, and a
recorded exception that lifts a limit is a `core.models.RecordedException`. A clock's due date
always comes from `opensend.statutory`: no date arithmetic happens here.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from opensend import statutory


@dataclass(frozen=True)
class Clock:
    rule_id: str  # a statutory rule id, or "charter" for our customer charter
    title: str
    trigger_on: date
    due_on: date
    done_on: date | None
    explanation: str
    family_step: bool = False
    exception: Any = None  # a recorded exception (a RecordedException) that lifts the limit
    about: Any = None  # the record one of several alike clocks is about (e.g. an advice request)

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    @property
    def was_late(self) -> bool:
        return self.done_on is not None and self.done_on > self.due_on

    def status(self, on: date) -> statutory.ClockStatus | None:
        """None once the step is done; otherwise overdue / due soon / on track."""
        if self.done_on is not None:
            return None
        return statutory.clock_status(self.due_on, on)

    def status_label(self, on: date) -> str:
        if self.done_on is not None:
            if self.was_late:
                return "Done late" + (" (exception applies)" if self.exception else "")
            return "Done in time"
        status = self.status(on)
        if status is statutory.ClockStatus.OVERDUE and self.exception is not None:
            return "Limit lifted by an exception"
        return status.label if status else ""


def rule_clock(
    rule_id: str,
    trigger: date,
    done: date | None,
    *,
    family: bool = False,
    exception: Any = None,
    about: Any = None,
    title: str = "",
) -> Clock:
    """The clock `rule_id` sets from `trigger`; `title` overrides the rule's own title."""
    rule = statutory.get_rule(rule_id)
    return Clock(
        rule_id=rule_id,
        title=title or rule.title,
        trigger_on=trigger,
        due_on=statutory.due(rule_id, trigger),
        done_on=done,
        explanation=statutory.explain(rule_id),
        family_step=family,
        exception=exception,
        about=about,
    )


def exception_for(
    rule_id: str, exceptions: Iterable[Any], *, about_attr: str = "", about: Any = None
) -> Any:
    """The first recorded exception whose ground the rule allows (and, where `about_attr` is
    given, that is about `about` or about nothing in particular), else None."""
    allowed = {ground.code.value for ground in statutory.get_rule(rule_id).exceptions}
    for exc in exceptions:
        if exc.ground not in allowed:
            continue
        if about_attr and getattr(exc, about_attr) not in (None, getattr(about, "pk", None)):
            continue
        return exc
    return None


def next_open_clock(clocks: Iterable[Clock]) -> Clock | None:
    """The soonest open clock that is ours; a family's time limit only if nothing else is open."""
    open_clocks = [c for c in clocks if c.is_open]
    ours = [c for c in open_clocks if not c.family_step]
    chosen = ours or open_clocks
    return min(chosen, key=lambda c: c.due_on) if chosen else None


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a record's timeline: a step done, or a date ahead with the clock that sets it."""

    on: date
    title: str
    detail: str
    done: bool
    clock: Clock | None = None
    step: Any = None  # the stored step (e.g. a CaseStep) a done entry comes from


def step_entries(steps: Iterable[Any]) -> list[TimelineEntry]:
    """A record's stored steps (each with `kind`, `occurred_on`, `summary`, `reasons`) as done
    entries of its timeline."""
    return [
        TimelineEntry(
            on=s.occurred_on,
            title=s.get_kind_display(),
            detail=" – ".join(x for x in (s.summary, s.reasons) if x),
            done=True,
            step=s,
        )
        for s in steps
    ]


def timeline_of(
    done: Iterable[TimelineEntry], clocks: Iterable[Clock], *, say_family: bool = False
) -> list[TimelineEntry]:
    """The steps done, with each open clock as a date ahead, in date order (a step done on a
    day before a date due that day). `say_family` marks a family's own time limits."""
    ahead = [
        TimelineEntry(
            on=c.due_on,
            title=f"Due: {c.title}"
            + (" (the family's time limit)" if say_family and c.family_step else ""),
            detail=c.explanation,
            done=False,
            clock=c,
        )
        for c in clocks
        if c.is_open
    ]
    return sorted([*done, *ahead], key=lambda e: (e.on, not e.done))
