"""The clocks on a re-assessment, each from `opensend.statutory` (no date arithmetic here): decide
within 15 days of the request (reg 25(1)); after a decision to re-assess, the amended or replaced
plan within 14 weeks of telling the family (reg 27(2)); after a refusal, the family's time to
appeal (CFA s51(2)(d); Tribunal rules 20 and 12)."""

from opensend import statutory
from opensend.core.clocks import Clock, rule_clock
from opensend.reviews.codes import ReassessmentStatus
from opensend.reviews.models import Reassessment


def reassessment_clocks(reassessment: Reassessment) -> list[Clock]:
    """The decision (reg 25(1)); then the plan (reg 27(2)) or the family's time to appeal."""
    clocks = [
        rule_clock("decide_whether_to_reassess", reassessment.received_on, reassessment.decided_on)
    ]
    decided = reassessment.decided_on
    if decided is not None and reassessment.status != ReassessmentStatus.REFUSED:
        clocks.append(rule_clock("issue_reassessed_plan", decided, reassessment.plan_issued_on))
    if decided is not None and reassessment.status == ReassessmentStatus.REFUSED:
        deadline = statutory.appeal_deadline_explained(decided)
        clocks.append(
            Clock(
                rule_id=deadline.rule_id,
                title="Appeal to the Tribunal",
                trigger_on=decided,
                due_on=deadline.last_day,
                done_on=None,
                explanation=f"{statutory.explain(deadline.rule_id)} {deadline.explain()}",
                family_step=True,
            )
        )
    return clocks
