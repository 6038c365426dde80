"""The statutory clocks on a case, computed from its dates by `opensend.statutory`.

No date arithmetic happens here: each clock asks the rules engine for its due date, and exceptions
recorded on the case (never silently) say when a limit is lifted. The clocks are core's
(`core.clocks.Clock`); a clock on one advice request is `about` it, and the soonest open one
is `core.clocks.next_open_clock`.
"""

from datetime import date

from opensend import statutory
from opensend.casework.models import AdviceRequest, AssessmentRequest, ClockException, Stage
from opensend.core.clocks import Clock, exception_for, rule_clock


def _clock(
    rule_id: str,
    trigger: date,
    done: date | None,
    exceptions: list[ClockException],
    advice: AdviceRequest | None = None,
) -> Clock:
    """A rule's clock on the case; one on an advice request is `about` it and names who."""
    exception = exception_for(
        rule_id, exceptions, about_attr="advice_request_id" if advice else "", about=advice
    )
    title = f"{statutory.get_rule(rule_id).title}: {advice.organisation}" if advice else ""
    return rule_clock(rule_id, trigger, done, exception=exception, about=advice, title=title)


def clocks_for(case: AssessmentRequest) -> list[Clock]:
    """Every clock that applies to the case as it stands, in due-date order."""
    exceptions = list(case.clock_exceptions.all())
    received = case.received_on
    clocks = [_clock("decide_whether_to_assess", received, case.assess_decision_on, exceptions)]
    assessing = case.stage not in (Stage.NOT_ASSESSING,) and not (
        case.stage == Stage.WITHDRAWN and case.assess_decision_on is None
    )
    if assessing and case.stage != Stage.REQUESTED:
        clocks.append(
            _clock("notify_decision_not_to_issue", received, case.issue_decision_on, exceptions)
        )
        if case.stage != Stage.NOT_ISSUING:
            clocks.append(_clock("issue_final_plan", received, case.final_issued_on, exceptions))
    if case.draft_issued_on is not None:
        done = case.final_issued_on
        clocks.append(_clock("draft_plan_representations", case.draft_issued_on, done, exceptions))
    for advice in case.advice_requests.all():
        if advice.withdrawn_on is not None:
            continue
        clocks.append(
            _clock("provide_advice", advice.requested_on, advice.received_on, exceptions, advice)
        )
    if case.stage == Stage.WITHDRAWN:
        clocks = [c for c in clocks if c.done_on is not None]
    return sorted(clocks, key=lambda c: (c.due_on, c.rule_id))
