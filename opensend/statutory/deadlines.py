"""Turn a rule and a trigger date into a due date, a status and plain words.

Nothing here reads the clock: callers pass ``on`` (usually today's date in the service layer).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from opensend.statutory.calendar import add_working_days
from opensend.statutory.periods import add_days, add_months, add_weeks
from opensend.statutory.rules import Rule, Unit, get_rule

__all__ = [
    "DEFAULT_AT_RISK_DAYS",
    "ClockStatus",
    "Deadline",
    "appeal_deadline",
    "clock_status",
    "days_until",
    "deadline",
    "due",
    "explain",
    "long_date",
]

DEFAULT_AT_RISK_DAYS = 14

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class ClockStatus(Enum):
    """Where a clock stands on a given day."""

    OVERDUE = "overdue"
    AT_RISK = "at_risk"
    ON_TRACK = "on_track"

    @property
    def label(self) -> str:
        """Plain words for screens and letters."""
        return {
            ClockStatus.OVERDUE: "Overdue",
            ClockStatus.AT_RISK: "Due soon",
            ClockStatus.ON_TRACK: "On track",
        }[self]


def long_date(d: date) -> str:
    """Format a date in GOV.UK style with its weekday, e.g. "Monday 12 January 2026".

    Built by hand so the words never depend on the server's locale.
    """
    return f"{_DAY_NAMES[d.weekday()]} {d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


def _due_for(rule: Rule, trigger: date) -> date:
    if rule.unit is Unit.DAYS:
        return add_days(trigger, rule.limit)
    if rule.unit is Unit.WEEKS:
        return add_weeks(trigger, rule.limit)
    if rule.unit is Unit.MONTHS:
        return add_months(trigger, rule.limit)
    if rule.unit is Unit.WORKING_DAYS:
        return add_working_days(trigger, rule.limit)
    if rule.fixed_date is None:  # pragma: no cover - Rule.__post_init__ forbids this
        raise ValueError(f"rule {rule.id!r} has no fixed date")
    month, day = rule.fixed_date
    return date(trigger.year, month, day)


def due(rule_id: str, trigger: date) -> date:
    """Return the last day on which the step is still in time.

    Raises ``UnknownRule`` for an id that is not in ``RULES``.
    """
    return _due_for(get_rule(rule_id), trigger)


def explain(rule_id: str) -> str:
    """Return the rule as a plain-English sentence that ends with its citation."""
    rule = get_rule(rule_id)
    return f"{rule.plain_english.rstrip('.')} ({rule.citation})."


def days_until(due_on: date, on: date) -> int:
    """Return the days left from ``on`` to ``due_on``: 0 on the due day, negative once overdue."""
    return (due_on - on).days


def clock_status(due_on: date, on: date, at_risk_days: int = DEFAULT_AT_RISK_DAYS) -> ClockStatus:
    """Return OVERDUE after the due day, AT_RISK within ``at_risk_days`` of it, else ON_TRACK."""
    left = days_until(due_on, on)
    if left < 0:
        return ClockStatus.OVERDUE
    if left <= at_risk_days:
        return ClockStatus.AT_RISK
    return ClockStatus.ON_TRACK


def appeal_deadline(decision_sent: date, certificate_issued: date | None = None) -> date:
    """Return the last day to appeal to the First-tier Tribunal (SEND).

    It is the later of 2 months from the decision notice and 1 month from the mediation
    certificate (Tribunal Procedure (HESC) Rules 2008, rule 20(1)(c)).
    """
    by_decision = due("appeal_to_tribunal", decision_sent)
    if certificate_issued is None:
        return by_decision
    return max(by_decision, due("appeal_after_mediation_certificate", certificate_issued))


@dataclass(frozen=True, slots=True)
class Deadline:
    """A rule applied to one trigger date; the thing casework stores and screens show."""

    rule: Rule
    trigger: date
    due_on: date

    def explain(self) -> str:
        """Say what the rule is, where it comes from and how this due date was reached."""
        return (
            f"{explain(self.rule.id)} Counting from {long_date(self.trigger)} "
            f"({self.rule.trigger}), the last day in time is {long_date(self.due_on)}."
        )

    def status(self, on: date, at_risk_days: int = DEFAULT_AT_RISK_DAYS) -> ClockStatus:
        """Return where this clock stands on ``on``."""
        return clock_status(self.due_on, on, at_risk_days)

    def days_left(self, on: date) -> int:
        """Return the days left on ``on`` (negative once overdue)."""
        return days_until(self.due_on, on)


def deadline(rule_id: str, trigger: date) -> Deadline:
    """Apply a rule to a trigger date."""
    rule = get_rule(rule_id)
    return Deadline(rule=rule, trigger=trigger, due_on=_due_for(rule, trigger))
