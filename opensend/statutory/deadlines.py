"""Turn a rule and a trigger date into a due date, a status and plain words.

Nothing here reads the clock: callers pass ``on`` (usually today's date in the service layer).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from opensend.statutory.calendar import add_working_days
from opensend.statutory.periods import add_days, add_months, add_weeks, months_starting_with
from opensend.statutory.rules import Rule, Unit, get_rule
from opensend.statutory.tribunal import TribunalDay, tribunal_last_day

__all__ = [
    "DEFAULT_AT_RISK_DAYS",
    "AppealDeadline",
    "ClockStatus",
    "Deadline",
    "appeal_deadline",
    "appeal_deadline_explained",
    "clock_status",
    "days_until",
    "deadline",
    "draft_plan_latest",
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


def _counted_to(rule: Rule, trigger: date) -> date:
    """The day the count itself ends, before any rule-12 move."""
    if rule.unit is Unit.DAYS:
        return add_days(trigger, rule.limit)
    if rule.unit is Unit.WEEKS:
        return add_weeks(trigger, rule.limit)
    if rule.unit is Unit.MONTHS:
        return add_months(trigger, rule.limit)
    if rule.unit is Unit.PERIOD_OF_MONTHS:
        return months_starting_with(trigger, rule.limit)
    if rule.unit is Unit.WORKING_DAYS:
        return add_working_days(trigger, rule.limit)
    if rule.fixed_date is None:  # pragma: no cover - Rule.__post_init__ forbids this
        raise ValueError(f"rule {rule.id!r} has no fixed date")
    month, day = rule.fixed_date
    return date(trigger.year, month, day)


def _due_for(rule: Rule, trigger: date) -> date:
    counted = _counted_to(rule, trigger)
    if rule.tribunal_time:
        return tribunal_last_day(counted).last_day
    return counted


def due(rule_id: str, trigger: date) -> date:
    """Return the last day on which the step is still in time.

    Raises ``UnknownRule`` for an id that is not in ``RULES``.
    """
    return _due_for(get_rule(rule_id), trigger)


def draft_plan_latest(final_due: date) -> date:
    """The last day to send the draft plan so that the family's 15 days end before the final plan
    is due: "at least 15 days, beginning with the day on which the draft plan was served" (SEND
    Regulations 2014, reg 13(1)(a)) and the final plan "in any event within 20 weeks" (reg 13(2)).
    Pass the final plan's due date (``due("issue_final_plan", received)``)."""
    return add_days(final_due, -(get_rule("draft_plan_representations").limit + 1))


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


@dataclass(frozen=True, slots=True)
class AppealDeadline:
    """The last day to appeal, which limit gave it, and why it is not the plain count."""

    last_day: date
    rule_id: str
    trigger: date
    tribunal_day: TribunalDay

    @property
    def reason(self) -> str:
        """Plain words for a moved day ("" when the count itself is the last day)."""
        return self.tribunal_day.reason

    def explain(self) -> str:
        """A sentence for letters and pages: the last day, and why if it moved."""
        text = f"The last day to appeal is {long_date(self.last_day)}."
        if self.tribunal_day.moved:
            text += (
                f" The time counted to {long_date(self.tribunal_day.counted_to)}. "
                f"{self.reason} ({self.tribunal_day.citation})."
            )
        return text


def appeal_deadline_explained(
    decision_sent: date, certificate_issued: date | None = None
) -> AppealDeadline:
    """The last day to appeal to the First-tier Tribunal (SEND), with the reason it falls there.

    Rule 20(1)(c): 2 months after the decision notice was sent or, with a mediation certificate,
    1 month from its issue if that is later; then rule 12 (working days, Christmas, August).
    """
    by_decision = _appeal_limit("appeal_to_tribunal", decision_sent)
    if certificate_issued is None:
        return by_decision
    by_certificate = _appeal_limit("appeal_after_mediation_certificate", certificate_issued)
    return by_certificate if by_certificate.last_day > by_decision.last_day else by_decision


def _appeal_limit(rule_id: str, trigger: date) -> AppealDeadline:
    rule = get_rule(rule_id)
    day = tribunal_last_day(_counted_to(rule, trigger))
    return AppealDeadline(last_day=day.last_day, rule_id=rule_id, trigger=trigger, tribunal_day=day)


def appeal_deadline(decision_sent: date, certificate_issued: date | None = None) -> date:
    """Return the last day to appeal to the First-tier Tribunal (SEND).

    It is the later of 2 months from the decision notice and 1 month from the mediation
    certificate (Tribunal Procedure (HESC) Rules 2008, rule 20(1)(c)), moved by rule 12 to the
    next working day, or past Christmas or August. ``appeal_deadline_explained`` gives the reason.
    """
    return appeal_deadline_explained(decision_sent, certificate_issued).last_day


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
