"""RAG for actions and for workstreams (docs/improvement.md, "RAG by workstream"). An impact
measure's own RAG is `improvement.measures.rag`.

An action, on a given day:

- **Complete**, or **Withdrawn** (not rated);
- **Red** when it is overdue: past its due date and not complete;
- **Amber** when it is at risk: its owner says so, a milestone was missed or is past its date
  without being met, or it has not started though its start date has passed;
- **Green** otherwise (on track, or not due to start yet).

A workstream takes the worst rating among its actions and its impact measures: **Red** if any is
red, else **Amber** if any is amber, else **Green** if any is green or complete; a complete
action counts as green; withdrawn actions and measures with no figure yet are left out, and a
workstream with nothing left to rate is "No rating yet". So a workstream is green only when
nothing in it is late, at risk or below its baseline.
"""

from collections.abc import Iterable
from datetime import date

from opensend.improvement.models import ActionStatus, Milestone, MilestoneStatus, PlanAction

GREEN, AMBER, RED = "Green", "Amber", "Red"
COMPLETE, WITHDRAWN, UNRATED = "Complete", "Withdrawn", "No rating yet"
NO_FIGURE = "No figure yet"
ORDER = (RED, AMBER, GREEN)


def is_overdue(action: PlanAction, *, today: date) -> bool:
    return not action.is_done and action.due_on < today


def action_rag(
    action: PlanAction, *, today: date, milestones: list[Milestone] | None = None
) -> str:
    """The action's rating; its milestones should be prefetched (or given: as they stood on a
    past day, `as_at.milestones_on`)."""
    if action.status == ActionStatus.WITHDRAWN:
        return WITHDRAWN
    if action.status == ActionStatus.COMPLETE:
        return COMPLETE
    if is_overdue(action, today=today):
        return RED
    if milestones is None:
        milestones = list(action.milestones.all())
    late = any(
        m.status == MilestoneStatus.MISSED
        or (m.status == MilestoneStatus.PENDING and m.due_on < today)
        for m in milestones
    )
    not_begun = action.status == ActionStatus.NOT_STARTED and action.starts_on < today
    if action.status == ActionStatus.AT_RISK or late or not_begun:
        return AMBER
    return GREEN


def workstream_rag(ratings: Iterable[str]) -> str:
    """The worst of the actions' and measures' ratings (complete counts as green; withdrawn and
    no figure yet are left out)."""
    rated = {GREEN if r == COMPLETE else r for r in ratings} & set(ORDER)
    for rating in ORDER:
        if rating in rated:
            return rating
    return UNRATED


def tag_class(rating: str) -> str:
    """The GOV.UK tag colour that repeats the word (never colour alone)."""
    return {
        GREEN: "govuk-tag--green",
        COMPLETE: "govuk-tag--green",
        AMBER: "govuk-tag--yellow",
        RED: "govuk-tag--red",
    }.get(rating, "govuk-tag--grey")
