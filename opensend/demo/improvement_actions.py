# ruff: noqa: E501  (the actions are data: one line each reads as the plan does)
"""The demo plan's actions: three in each workstream of the Written Statement of Action, so the
board pack for the next meeting has actions in every state (docs/improvement.md): complete with
their evidence, on track, at risk, with a missed milestone, overdue, not yet started, withdrawn;
with milestones at 3, 6 and 12 months, dependencies, and the history of each status change with
its reason. Dates are relative to the demo's today. No person is named."""

from datetime import date

from opensend import statutory
from opensend.improvement.models import (
    ActionEvidence,
    ActionStatus,
    ActionStatusChange,
    Milestone,
    MilestoneStatus,
    Plan,
    PlanAction,
)

# (workstream, number, action, owner, organisation, starts (months from today), due (months
# from today), state, the number of the action it depends on or "")
# fmt: off
ACTIONS = [
    (1, "1.1", "Agree a co-production charter with the parent carer forum", "Director for Children and Families", "The council", -14, -4, "complete", ""),
    (1, "1.2", "Publish a termly 'you said, we did' to every family with a plan", "Head of SENAR", "The council", -8, 8, "on_track", "1.1"),
    (1, "1.3", "Agree a joint complaints protocol with the health board", "Health board SEND lead", "The health board (ICB)", -7, 3, "at_risk", ""),
    (2, "2.1", "Recruit to every vacant caseworker post", "Head of SENAR", "The council", -15, -3, "complete", ""),
    (2, "2.2", "Clear the backlog of needs assessments past 20 weeks", "Head of SENAR", "The council", -10, -1, "overdue", "2.1"),
    (2, "2.3", "Quality assure every draft plan before it is issued", "Principal educational psychologist", "The council", -9, 5, "on_track", ""),
    (3, "3.1", "Start preparing for adulthood at every Year 9 review", "Head of Inclusion", "The council", -8, 9, "missed", ""),
    (3, "3.2", "Offer a supported internship in every college", "Head of Inclusion", "Colleges and the council", 2, 14, "not_started", "3.1"),
    (3, "3.3", "Write a separate transition protocol with adult social care", "Children's Trust director", "Social care", -12, 2, "withdrawn", ""),
    (4, "4.1", "Give the Board a live performance dashboard", "Head of performance", "The council", -13, -5, "complete", ""),
    (4, "4.2", "Agree a sufficiency strategy for special school places", "Chief Executive", "The council", -5, 7, "on_track", "4.1"),
    (4, "4.3", "Jointly commission speech and language therapy", "Health board SEND lead", "The health board (ICB)", -2, 4, "on_track", ""),
]
# fmt: on

STATUS = {
    "complete": ActionStatus.COMPLETE,
    "on_track": ActionStatus.ON_TRACK,
    "at_risk": ActionStatus.AT_RISK,
    "missed": ActionStatus.ON_TRACK,
    "overdue": ActionStatus.ON_TRACK,
    "not_started": ActionStatus.NOT_STARTED,
    "withdrawn": ActionStatus.WITHDRAWN,
}
REASONS: dict[str, str] = {
    ActionStatus.COMPLETE: "Done: the evidence is attached.",
    ActionStatus.AT_RISK: "Two of the partners have not yet agreed the draft.",
    ActionStatus.WITHDRAWN: "Replaced by action 3.1: preparing for adulthood starts at Year 9.",
}


def _milestones(action: PlanAction, state: str, today: date) -> None:
    for months in (3, 6, 12):
        due_on = statutory.add_months(action.starts_on, months)
        status, evidence = MilestoneStatus.PENDING, ""
        if due_on < today:
            missed = (state == "missed" and months == 6) or (state == "overdue" and months == 12)
            status = MilestoneStatus.MISSED if missed else MilestoneStatus.MET
            evidence = "" if missed else "Reported to the Improvement Board."
        if state in ("complete", "withdrawn") and status == MilestoneStatus.PENDING:
            continue
        Milestone.objects.create(
            action=action,
            months=months,
            description=f"The {months}-month step of: {action.title.lower()}",
            due_on=due_on,
            status=status,
            evidence=evidence,
        )


def _history(action: PlanAction, today: date) -> None:
    """Started a month in; then the change to where it is now, in the last few weeks."""
    if action.status == ActionStatus.NOT_STARTED:
        return
    started = statutory.add_months(action.starts_on, 1)
    ActionStatusChange.objects.create(
        action=action,
        from_status=ActionStatus.NOT_STARTED,
        to_status=ActionStatus.ON_TRACK,
        changed_on=min(started, today),
        reason="The work has started.",
    )
    if action.status in REASONS:
        ActionStatusChange.objects.create(
            action=action,
            from_status=ActionStatus.ON_TRACK,
            to_status=action.status,
            changed_on=statutory.add_days(today, -12),
            reason=REASONS[action.status],
        )
    if action.status == ActionStatus.COMPLETE:
        ActionEvidence.objects.create(
            action=action,
            description="Report to the Improvement Board",
            link="https://www.example.org/improvement-board/papers",
        )


def build_demo_actions(plan: Plan, *, today: date) -> None:
    workstreams = {w.number: w for w in plan.workstreams.all()}
    made: dict[str, PlanAction] = {}
    for ws, number, title, owner, organisation, starts, due, state, needs in ACTIONS:
        action = PlanAction.objects.create(
            workstream=workstreams[ws],
            number=number,
            title=title,
            owner=owner,
            organisation=organisation,
            starts_on=statutory.add_months(today, starts).replace(day=1),
            due_on=statutory.add_months(today, due).replace(day=1),
            status=STATUS[state],
        )
        if needs:
            action.depends_on.add(made[needs])
        _milestones(action, state, today)
        _history(action, today)
        made[number] = action
