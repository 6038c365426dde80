"""Every write to a plan's actions: keyword-only, checked, atomic and audited.

The rules (docs/improvement.md, "Actions"):

- an action depends only on other actions in the same plan, never on itself, and never in a
  circle (A needs B needs A): the dependency that would close a circle is refused;
- an action cannot be marked complete while an action it depends on is neither complete nor
  withdrawn, and a complete action cannot be reopened while an action that depends on it is
  complete (so "complete" never rests on something unfinished);
- every change of status needs a reason and is kept (`ActionStatusChange`: from, to, the date,
  why, who), and "complete" needs evidence: attached before, or with the change;
- evidence is a link or a document that passed `core.uploads.check_upload`, stored under a random
  name by `core.uploads.store_upload`.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.services import apply_changes
from opensend.core.types import Actor
from opensend.core.uploads import CheckedUpload, attach_document, delete_stored
from opensend.core.validation import check_not_future
from opensend.improvement.history_services import action_snapshot, milestone_snapshot
from opensend.improvement.models import (
    DONE_STATUSES,
    ActionEvidence,
    ActionStatus,
    ActionStatusChange,
    ImpactMeasure,
    MeasureFigure,
    Milestone,
    PlanAction,
    Workstream,
)
from opensend.improvement.services import _changed, _created, _unique, check_open

MILESTONE_MONTHS = (3, 6, 12)


def _numbers(actions: Iterable[PlanAction]) -> str:
    return ", ".join(a.number for a in actions)


def _edges(plan_id: int) -> dict[int, set[int]]:
    """Every dependency in the plan: action id -> the ids it depends on."""
    through = PlanAction.depends_on.through
    rows = through.objects.filter(from_planaction__workstream__plan_id=plan_id).values_list(
        "from_planaction_id", "to_planaction_id"
    )
    edges: dict[int, set[int]] = {}
    for source, target in rows:
        edges.setdefault(source, set()).add(target)
    return edges


def _check_dependencies(action: PlanAction, needed: list[PlanAction]) -> None:
    plan_id = action.workstream.plan_id
    if any(other.workstream.plan_id != plan_id for other in needed):
        raise ValidationError({"depends_on": "An action can only depend on actions in its plan"})
    if any(other.pk == action.pk for other in needed):
        raise ValidationError({"depends_on": "An action cannot depend on itself"})
    edges = _edges(plan_id)
    edges[action.pk] = {other.pk for other in needed}
    # A circle exists if, following what the needed actions depend on, we come back here.
    seen: set[int] = set()
    waiting = list(edges[action.pk])
    while waiting:
        current = waiting.pop()
        if current == action.pk:
            raise ValidationError(
                {
                    "depends_on": "That would make a circle: an action it depends on already "
                    f"depends on action {action.number}"
                }
            )
        if current not in seen:
            seen.add(current)
            waiting.extend(edges.get(current, ()))
    if action.status == ActionStatus.COMPLETE:
        unfinished = [other for other in needed if other.status not in DONE_STATUSES]
        if unfinished:
            raise ValidationError(
                {
                    "depends_on": f"Action {action.number} is complete: it cannot depend on "
                    f"unfinished action {_numbers(unfinished)}"
                }
            )


# What the pack for a past meeting needs as it was (improvement.as_at.action_on).
DATED_FIELDS = {
    "owner": "owner",
    "organisation": "organisation",
    "starts_on": "start date",
    "due_on": "due date",
}


def _check_dates(starts_on: date, due_on: date) -> None:
    if due_on < starts_on:
        raise ValidationError({"due_on": "The due date must be on or after the start date"})


@transaction.atomic
def action_create(
    *,
    actor: Actor,
    workstream: Workstream,
    number: str,
    title: str,
    owner: str,
    organisation: str,
    starts_on: date,
    due_on: date,
    depends_on: Iterable[PlanAction] = (),
    milestones: dict[int, str] | None = None,
) -> PlanAction:
    """An action, with a milestone at 3, 6 and 12 months from its start for each description
    given (the milestone's date can be changed afterwards)."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    check_open(workstream, field="number")
    _check_dates(starts_on, due_on)
    number = number.strip()
    action = _unique(
        lambda: PlanAction.objects.create(
            workstream=workstream,
            number=number,
            title=title,
            owner=owner,
            organisation=organisation,
            starts_on=starts_on,
            due_on=due_on,
        ),
        "number",
        f"{workstream} already has an action {number}",
    )
    needed = list(depends_on)
    _check_dependencies(action, needed)
    action.depends_on.set(needed)
    for months, description in sorted((milestones or {}).items()):
        if description.strip():
            milestone = Milestone.objects.create(
                action=action,
                months=months,
                description=description.strip(),
                due_on=statutory.add_months(starts_on, months),
            )
            milestone_snapshot(milestone, actor=actor, on=min(starts_on, timezone.localdate()))
    action_snapshot(
        action, actor=actor, reason="Added to the plan", on=min(starts_on, timezone.localdate())
    )
    _created(actor, action, f"Added action {number} to {workstream}")
    return action


@transaction.atomic
def action_change(
    *,
    actor: Actor,
    action: PlanAction,
    title: str,
    owner: str,
    organisation: str,
    starts_on: date,
    due_on: date,
    depends_on: Iterable[PlanAction] = (),
    reason: str = "",
) -> PlanAction:
    """Change an action's details and dependencies (its status changes on its own page). A new
    owner, organisation or date is kept in its dated history, with why when given."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    _check_dates(starts_on, due_on)
    needed = list(depends_on)
    _check_dependencies(action, needed)
    before = _numbers(action.depends_on.all())
    changes = apply_changes(
        action,
        {
            "title": title,
            "owner": owner,
            "organisation": organisation,
            "starts_on": starts_on,
            "due_on": due_on,
        },
    )
    action.save()
    action.depends_on.set(needed)
    after = _numbers(needed)
    if before != after:
        changes["depends_on"] = [before, after]
    dated = [label for name, label in DATED_FIELDS.items() if name in changes]
    if dated:
        why = f". Why: {reason.strip()}" if reason.strip() else ""
        action_snapshot(action, actor=actor, reason=f"Changed: {', '.join(dated)}{why}")
    _changed(actor, action, changes, f"Changed {action}")
    return action


def _check_status(action: PlanAction, status: str, *, has_new_evidence: bool) -> None:
    if status == action.status:
        raise ValidationError(
            {"status": f"The action is already {action.get_status_display().lower()}"}
        )
    if status == ActionStatus.COMPLETE:
        unfinished = action.depends_on.exclude(status__in=DONE_STATUSES)
        if unfinished.exists():
            raise ValidationError(
                {
                    "status": f"Action {action.number} cannot be complete until action "
                    f"{_numbers(unfinished)}, which it depends on, is complete or withdrawn"
                }
            )
        if not has_new_evidence and not action.evidence.exists():
            raise ValidationError(
                {"description": "Attach the evidence that shows the action is complete"}
            )
    if action.status == ActionStatus.COMPLETE and status != ActionStatus.WITHDRAWN:
        complete = action.needed_by.filter(status=ActionStatus.COMPLETE)
        if complete.exists():
            raise ValidationError(
                {
                    "status": f"Action {_numbers(complete)} depends on this one and is "
                    "complete: change that one first"
                }
            )


@transaction.atomic
def action_status_change(
    *,
    actor: Actor,
    action: PlanAction,
    status: str,
    reason: str,
    changed_on: date,
    description: str = "",
    link: str = "",
    document: CheckedUpload | None = None,
) -> ActionStatusChange:
    """Change the status, keeping who, when and why; evidence may come with it."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the status has changed"})
    check_not_future(changed_on, today=timezone.localdate(), field="changed_on")
    if changed_on < action.starts_on and status != ActionStatus.WITHDRAWN:
        raise ValidationError({"changed_on": "The date must be on or after the action starts"})
    has_new_evidence = bool(link.strip() or document)
    _check_status(action, status, has_new_evidence=has_new_evidence)
    if has_new_evidence:
        evidence_add(
            actor=actor, action=action, description=description, link=link, document=document
        )
    change = ActionStatusChange.objects.create(
        action=action,
        from_status=action.status,
        to_status=status,
        changed_on=changed_on,
        reason=reason.strip(),
        recorded_by=actor,
    )
    changes = apply_changes(action, {"status": status})
    action.save()
    _changed(actor, action, changes, f"{change.get_to_status_display()}: {reason.strip()}")
    return change


@transaction.atomic
def evidence_add(
    *,
    actor: Actor,
    action: PlanAction,
    description: str,
    link: str = "",
    document: CheckedUpload | None = None,
    milestone: Milestone | None = None,
) -> ActionEvidence:
    """A link or a checked document (or both) as evidence for the action or a milestone."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    if not link.strip() and document is None:
        raise ValidationError({"link": "Enter a link or choose a document"})
    if not description.strip():
        raise ValidationError({"description": "Enter what the evidence shows"})
    if milestone is not None and milestone.action_id != action.pk:
        raise ValidationError({"milestone": "Choose one of this action's milestones"})
    evidence = ActionEvidence(
        action=action,
        milestone=milestone,
        description=description.strip(),
        link=link.strip(),
        recorded_by=actor,
    )
    save_with_document(evidence, document)
    _created(actor, evidence, f"Added evidence to {action}: {evidence.description}")
    return evidence


def save_with_document(record: Any, document: CheckedUpload | None) -> None:
    """Store the checked document (random name) and save the record; if the save fails the
    stored file is removed, so no file is kept without its record."""
    if document is not None:
        attach_document(record, document)
    try:
        record.save()
    except Exception:
        delete_stored(record.document)
        raise


@transaction.atomic
def milestone_update(
    *, actor: Actor, milestone: Milestone, due_on: date, status: str, evidence: str = ""
) -> Milestone:
    """A milestone's date, whether it was met or missed, and what shows it."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    if due_on < milestone.action.starts_on:
        raise ValidationError({"due_on": "The date must be on or after the action starts"})
    if status == "met" and not evidence.strip():
        raise ValidationError({"evidence": "Enter what shows the milestone was met"})
    changes: dict[str, Any] = apply_changes(
        milestone, {"due_on": due_on, "status": status, "evidence": evidence.strip()}
    )
    milestone.save()
    _changed(actor, milestone.action, changes, f"{milestone} of {milestone.action} updated")
    if "due_on" in changes or "status" in changes:
        milestone_snapshot(milestone, actor=actor)
    return milestone


@transaction.atomic
def milestone_add(
    *,
    actor: Actor,
    action: PlanAction,
    months: int,
    description: str,
    due_on: date | None = None,
) -> Milestone:
    """A milestone at 3, 6 or 12 months, dated from the action's start unless a date is given."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    due_on = due_on or statutory.add_months(action.starts_on, months)
    if due_on < action.starts_on:
        raise ValidationError({"due_on": "The date must be on or after the action starts"})
    milestone = _unique(
        lambda: Milestone.objects.create(
            action=action, months=months, description=description.strip(), due_on=due_on
        ),
        "months",
        f"Action {action.number} already has a {months}-month milestone",
    )
    _created(actor, milestone, f"Added the {milestone} to {action}")
    milestone_snapshot(milestone, actor=actor)
    return milestone


def keep_first_figure(measure: ImpactMeasure) -> None:
    """Keep the figure the measure was added with as the first of its history (before the
    first new figure, or before it is switched to a live KPI)."""
    if measure.figures.exists() or measure.entered_value is None:
        return
    MeasureFigure.objects.create(
        measure=measure,
        value=measure.entered_value,
        on=measure.entered_on or measure.created_at.date(),
        source=measure.entered_source,
    )


@transaction.atomic
def measure_figure_add(
    *, actor: Actor, measure: ImpactMeasure, value: Any, on: date, source: str
) -> MeasureFigure:
    """A new entered figure for a measure no record holds, kept beside the earlier ones; the
    latest by date becomes the measure's figure. A live measure reads its figure from the
    records, so it takes none."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    if measure.is_live:
        raise ValidationError({"value": "This measure is read live from the records"})
    if measure.closed_on is not None:
        raise ValidationError({"value": f"{measure} is closed: it takes no new figures"})
    if not source.strip():
        raise ValidationError({"source": "Enter where the figure comes from"})
    check_not_future(on, today=timezone.localdate(), field="on")
    if measure.source_since is not None and on < measure.source_since:
        raise ValidationError(
            {
                "on": f"The measure has been entered since {measure.source_since:%d %B %Y}: "
                "a figure from before then would mix with the live one"
            }
        )
    keep_first_figure(measure)
    figure = MeasureFigure.objects.create(
        measure=measure, value=value, on=on, source=source.strip(), recorded_by=actor
    )
    if measure.entered_on is None or on >= measure.entered_on:
        changes = apply_changes(
            measure, {"entered_value": value, "entered_on": on, "entered_source": source.strip()}
        )
        measure.save()
    else:
        changes = {}
    _changed(actor, measure, changes, f"Figure {value} of {on.isoformat()} from {source}")
    return figure
