"""A clock on a workflow step, worked out from its dates by the rules engine.

Shared by every app whose steps have statutory (or charter) time limits: disputes, reviews,
transfers and ceasing. A clock's due date always comes from `opensend.statutory`.
"""

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
    exception: Any = None  # a recorded exception (e.g. reg 44(3)) that lifts the limit

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
) -> Clock:
    rule = statutory.get_rule(rule_id)
    return Clock(
        rule_id=rule_id,
        title=rule.title,
        trigger_on=trigger,
        due_on=statutory.due(rule_id, trigger),
        done_on=done,
        explanation=statutory.explain(rule_id),
        family_step=family,
        exception=exception,
    )
