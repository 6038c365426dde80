"""The statutory clocks on a case, computed from its dates by `opensend.statutory`.

No date arithmetic happens here: each clock asks the rules engine for its due date, and exceptions
recorded on the case (never silently) say when a limit is lifted.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from opensend import statutory
from opensend.casework.models import AdviceRequest, AssessmentRequest, ClockException, Stage


@dataclass(frozen=True)
class Clock:
    rule_id: str
    title: str
    trigger_on: date
    due_on: date
    done_on: date | None
    exception: ClockException | None = None
    advice_request: AdviceRequest | None = None

    @property
    def explanation(self) -> str:
        return statutory.explain(self.rule_id)

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


def _exception_for(
    rule_id: str, exceptions: Iterable[ClockException], advice: AdviceRequest | None = None
) -> ClockException | None:
    allowed = {ground.code.value for ground in statutory.get_rule(rule_id).exceptions}
    for exc in exceptions:
        if exc.ground not in allowed:
            continue
        if advice is not None and exc.advice_request_id not in (None, advice.pk):
            continue
        return exc
    return None


def _clock(
    rule_id: str,
    trigger: date,
    done: date | None,
    exceptions: list[ClockException],
    advice: AdviceRequest | None = None,
) -> Clock:
    rule = statutory.get_rule(rule_id)
    return Clock(
        rule_id=rule_id,
        title=rule.title if advice is None else f"{rule.title}: {advice.organisation}",
        trigger_on=trigger,
        due_on=statutory.due(rule_id, trigger),
        done_on=done,
        exception=_exception_for(rule_id, exceptions, advice),
        advice_request=advice,
    )


def clocks_for(request: AssessmentRequest) -> list[Clock]:
    """Every clock that applies to the case as it stands, in due-date order."""
    exceptions = list(request.clock_exceptions.all())
    received = request.received_on
    clocks = [_clock("decide_whether_to_assess", received, request.assess_decision_on, exceptions)]
    assessing = request.stage not in (Stage.NOT_ASSESSING,) and not (
        request.stage == Stage.WITHDRAWN and request.assess_decision_on is None
    )
    if assessing and request.stage != Stage.REQUESTED:
        clocks.append(
            _clock("notify_decision_not_to_issue", received, request.issue_decision_on, exceptions)
        )
        if request.stage != Stage.NOT_ISSUING:
            clocks.append(_clock("issue_final_plan", received, request.final_issued_on, exceptions))
    if request.draft_issued_on is not None:
        done = request.final_issued_on
        clocks.append(
            _clock("draft_plan_representations", request.draft_issued_on, done, exceptions)
        )
    for advice in request.advice_requests.all():
        if advice.withdrawn_on is not None:
            continue
        clocks.append(
            _clock("provide_advice", advice.requested_on, advice.received_on, exceptions, advice)
        )
    if request.stage == Stage.WITHDRAWN:
        clocks = [c for c in clocks if c.done_on is not None]
    return sorted(clocks, key=lambda c: (c.due_on, c.rule_id))


def next_open_clock(clocks: Iterable[Clock]) -> Clock | None:
    open_clocks = [c for c in clocks if c.is_open]
    return min(open_clocks, key=lambda c: c.due_on) if open_clocks else None
