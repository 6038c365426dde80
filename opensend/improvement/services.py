"""Every write in improvement governance: keyword-only, checked, atomic and audited."""

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.models import Action
from opensend.audit.services import apply_changes, audit_record
from opensend.core.types import Actor
from opensend.improvement.history_services import risk_snapshot
from opensend.improvement.models import (
    AgendaItem,
    Area,
    AreaSignOffChange,
    Attendee,
    BoardMeeting,
    ImpactMeasure,
    MeetingOutcome,
    Plan,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
    Risk,
    SignOff,
    Source,
    SourceKind,
    Workstream,
)

SOURCE = "Improvement governance"


def _created(actor: Actor, obj: Any, summary: str) -> None:
    audit_record(actor=actor, action=Action.CREATE, obj=obj, summary=summary, source=SOURCE)


def _changed(actor: Actor, obj: Any, changes: dict[str, list[str]], summary: str) -> None:
    audit_record(
        actor=actor, action=Action.UPDATE, obj=obj, changes=changes, summary=summary, source=SOURCE
    )


@transaction.atomic
def source_create(*, actor: Actor, **fields: Any) -> Source:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    is_2023 = fields.get("kind") == SourceKind.INSPECTION_2023
    if is_2023 and not fields.get("outcome"):
        raise ValidationError({"outcome": "Choose which of the three outcomes the inspection gave"})
    if fields.get("outcome") and not is_2023:
        raise ValidationError(
            {"outcome": "Only an area SEND inspection under the 2023 framework has this outcome"}
        )
    source = Source.objects.create(**fields)
    _created(actor, source, f"Added {source.get_kind_display().lower()}: {source.title}")
    return source


def _unique(save: Any, field: str, message: str) -> Any:
    """Run `save`; a clash on the unique number becomes a message by the field."""
    try:
        with transaction.atomic():
            return save()
    except IntegrityError as exc:
        raise ValidationError({field: message}) from exc


@transaction.atomic
def area_create(*, actor: Actor, source: Source, number: int, text: str, owner: str) -> Area:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    area = _unique(
        lambda: Area.objects.create(source=source, number=number, text=text, owner=owner),
        "number",
        f"{source.title} already has an area {number}",
    )
    _created(actor, area, f"Added area {number} to {source.title}")
    return area


@transaction.atomic
def area_sign_off(
    *, actor: Actor, area: Area, sign_off: str, on: date, body: str, reason: str
) -> AreaSignOffChange:
    """Sign an area off (or reopen it), keeping every earlier change."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    if area.withdrawn_on is not None:
        raise ValidationError({"sign_off": f"{area} was withdrawn"})
    if sign_off == SignOff.SIGNED_OFF and not body.strip():
        raise ValidationError({"body": "Enter who signed the area off"})
    if on < area.source.published_on:
        raise ValidationError({"on": "The date must be on or after the inspection was published"})
    signed = sign_off == SignOff.SIGNED_OFF
    changes = apply_changes(
        area,
        {
            "sign_off": sign_off,
            "signed_off_on": on if signed else None,
            "signed_off_by": body.strip() if signed else "",
        },
    )
    area.save()
    change = AreaSignOffChange.objects.create(
        area=area, sign_off=sign_off, on=on, body=body.strip(), reason=reason, recorded_by=actor
    )
    _changed(actor, area, changes, f"{area.get_sign_off_display()} ({on.isoformat()}): {reason}")
    return change


def sort_key(number: str) -> int:
    """'9' before '9a' before '10' (the reports number restated recommendations 9a, 10a)."""
    match = re.match(r"\s*(\d+)\s*([a-z]?)", number.lower())
    if match is None:
        return 0
    letter = ord(match.group(2)) - ord("a") + 1 if match.group(2) else 0
    return int(match.group(1)) * 100 + letter


@transaction.atomic
def recommendation_create(
    *,
    actor: Actor,
    source: Source,
    number: str,
    text: str,
    paragraph: str = "",
    owner: str = "",
    restates: Iterable[Recommendation] = (),
    next_review_on: date | None = None,
    next_review_at: str = "",
) -> Recommendation:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    number = number.strip()
    recommendation = _unique(
        lambda: Recommendation.objects.create(
            source=source,
            number=number,
            sort_key=sort_key(number),
            text=text,
            paragraph=paragraph,
            owner=owner,
            next_review_on=next_review_on,
            next_review_at=next_review_at,
        ),
        "number",
        f"{source.title} already has a recommendation {number}",
    )
    earlier = list(restates)
    if any(r.source.published_on > source.published_on for r in earlier):
        raise ValidationError({"restates": "A recommendation can only restate earlier ones"})
    recommendation.restates.set(earlier)
    _created(actor, recommendation, f"Added recommendation {number} from {source.title}")
    return recommendation


@transaction.atomic
def recommendation_update_add(
    *,
    actor: Actor,
    recommendation: Recommendation,
    written_on: date,
    text: str,
    status: str,
    evidence: str = "",
    next_review_on: date | None = None,
    next_review_at: str = "",
) -> RecommendationUpdate:
    """A dated update, kept beside the earlier ones; it sets the recommendation's status.
    'Complete' needs the evidence that shows it is."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    if status == RecommendationStatus.COMPLETE and not evidence.strip():
        raise ValidationError(
            {"evidence": "Enter the evidence that shows the recommendation is complete"}
        )
    if written_on < recommendation.source.published_on:
        raise ValidationError(
            {"written_on": "The update must be dated on or after the report was published"}
        )
    update = RecommendationUpdate.objects.create(
        recommendation=recommendation,
        written_on=written_on,
        text=text,
        status=status,
        evidence=evidence.strip(),
        recorded_by=actor,
    )
    changes = apply_changes(
        recommendation,
        {"status": status, "next_review_on": next_review_on, "next_review_at": next_review_at},
    )
    recommendation.save()
    _changed(
        actor,
        recommendation,
        changes,
        f"Update of {written_on.isoformat()}: {update.get_status_display()}",
    )
    return update


@transaction.atomic
def risk_create(*, actor: Actor, **fields: Any) -> Risk:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    risk = _unique(
        lambda: Risk.objects.create(**fields),
        "reference",
        f"There is already a risk {fields.get('reference')}",
    )
    _created(actor, risk, f"Added risk {risk}")
    risk_snapshot(risk, actor=actor, reason="Added to the register")
    return risk


@transaction.atomic
def risk_change(*, actor: Actor, risk: Risk, **fields: Any) -> Risk:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    changes = apply_changes(risk, fields)
    _unique(risk.save, "reference", f"There is already a risk {risk.reference}")
    _changed(actor, risk, changes, f"Changed risk {risk}")
    if changes:
        risk_snapshot(risk, actor=actor, reason="Changed")
    return risk


def check_open(record: Plan | Workstream, *, field: str) -> None:
    """Nothing new is added to a closed plan or workstream (it stays as it was closed)."""
    plan = record if isinstance(record, Plan) else record.plan
    if record.closed_on is not None or plan.closed_on is not None:
        raise ValidationError({field: f"{record} is closed: nothing new can be added to it"})


@transaction.atomic
def plan_create(*, actor: Actor, **fields: Any) -> Plan:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    plan = Plan.objects.create(**fields)
    _created(actor, plan, f"Added {plan.get_kind_display().lower()}: {plan.title}")
    return plan


@transaction.atomic
def workstream_create(
    *, actor: Actor, plan: Plan, number: int, title: str, lead: str
) -> Workstream:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    check_open(plan, field="number")
    workstream = _unique(
        lambda: Workstream.objects.create(plan=plan, number=number, title=title, lead=lead),
        "number",
        f"{plan.title} already has a workstream {number}",
    )
    _created(actor, workstream, f"Added {workstream} to {plan.title}")
    return workstream


@transaction.atomic
def measure_create(
    *,
    actor: Actor,
    workstream: Workstream,
    name: str,
    baseline: Any,
    target: Any,
    target_on: date,
    kpi_key: str = "",
    entered_value: Any = None,
    entered_on: date | None = None,
    entered_source: str = "",
    baseline_on: date | None = None,
    voice_of_families: bool = False,
) -> ImpactMeasure:
    """Bound to a live KPI, or entered with its source: never both, never neither."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    check_open(workstream, field="name")
    entered = entered_value is not None or bool(entered_source.strip())
    if kpi_key and entered:
        raise ValidationError(
            {"kpi_key": "Choose a live KPI or enter a figure with its source, not both"}
        )
    if not kpi_key and not entered:
        raise ValidationError(
            {"kpi_key": "Choose a live KPI, or enter the figure and where it comes from"}
        )
    if not kpi_key and entered_value is None:
        raise ValidationError({"entered_value": "Enter the figure"})
    if not kpi_key and not entered_source.strip():
        raise ValidationError({"entered_source": "Enter where the figure comes from"})
    measure = ImpactMeasure.objects.create(
        workstream=workstream,
        name=name,
        kpi_key=kpi_key,
        baseline=baseline,
        target=target,
        target_on=target_on,
        entered_value=None if kpi_key else entered_value,
        entered_on=None if kpi_key else entered_on,
        entered_source=entered_source.strip(),
        baseline_on=baseline_on,
        voice_of_families=voice_of_families,
    )
    _created(actor, measure, f"Added impact measure {name} to {workstream}")
    return measure


@transaction.atomic
def meeting_create(*, actor: Actor, title: str, held_on: date) -> BoardMeeting:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    meeting = BoardMeeting.objects.create(title=title, held_on=held_on)
    _created(actor, meeting, f"Added board meeting {title} ({held_on.isoformat()})")
    return meeting


@transaction.atomic
def agenda_item_create(*, actor: Actor, meeting: BoardMeeting, **fields: Any) -> AgendaItem:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    number = fields["number"]
    item = _unique(
        lambda: AgendaItem.objects.create(meeting=meeting, **fields),
        "number",
        f"The agenda already has an item {number}",
    )
    _created(actor, item, f"Added {item} to {meeting}")
    return item


@transaction.atomic
def attendee_add(*, actor: Actor, meeting: BoardMeeting, **fields: Any) -> Attendee:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    attendee = Attendee.objects.create(meeting=meeting, **fields)
    _created(actor, attendee, f"Recorded attendance of {attendee} at {meeting}")
    return attendee


@transaction.atomic
def outcome_record(*, actor: Actor, meeting: BoardMeeting, **fields: Any) -> MeetingOutcome:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    item = fields.get("item")
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": "Choose an item on this meeting's agenda"})
    if fields.get("kind") == "action" and not fields.get("owner", "").strip():
        raise ValidationError({"owner": "Enter who owns the action"})
    outcome = MeetingOutcome.objects.create(meeting=meeting, **fields)
    _created(actor, outcome, f"Recorded a {outcome.get_kind_display().lower()} at {meeting}")
    return outcome


# --- changing and withdrawing what was added (nothing is deleted) ---------------------------


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": "Enter why"})
    return reason.strip()


@transaction.atomic
def area_change(*, actor: Actor, area: Area, text: str, owner: str, reason: str) -> Area:
    """Correct an area's text or owner; why is kept in the audit trail with the change."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    changes = apply_changes(area, {"text": text, "owner": owner})
    area.save()
    _changed(actor, area, changes, f"Changed {area}: {why}")
    return area


@transaction.atomic
def recommendation_change(
    *,
    actor: Actor,
    recommendation: Recommendation,
    text: str,
    paragraph: str,
    owner: str,
    reason: str,
) -> Recommendation:
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    changes = apply_changes(recommendation, {"text": text, "paragraph": paragraph, "owner": owner})
    recommendation.save()
    _changed(actor, recommendation, changes, f"Changed {recommendation}: {why}")
    return recommendation


@transaction.atomic
def withdraw(*, actor: Actor, record: Area | Recommendation, on: date, reason: str) -> None:
    """Withdraw an area or a recommendation added in error or overtaken: it stays, marked
    withdrawn with the date and why, and leaves the counts and the board pack."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    if record.withdrawn_on is not None:
        raise ValidationError({"reason": f"{record} is already withdrawn"})
    changes = apply_changes(record, {"withdrawn_on": on, "withdrawn_reason": why})
    record.save()
    _changed(actor, record, changes, f"Withdrew {record}: {why}")


@transaction.atomic
def risk_close(*, actor: Actor, risk: Risk, on: date, reason: str) -> Risk:
    """Close a risk that no longer applies: it stays in the register, marked closed with why,
    and leaves the heat maps and the board pack."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    if risk.closed_on is not None:
        raise ValidationError({"reason": f"Risk {risk.reference} is already closed"})
    if on > timezone.localdate():
        raise ValidationError({"on": "The date it closed must be today or in the past"})
    changes = apply_changes(risk, {"closed_on": on, "closed_reason": why})
    risk.save()
    _changed(actor, risk, changes, f"Closed risk {risk}: {why}")
    risk_snapshot(risk, actor=actor, reason=f"Closed: {why}", on=on)
    return risk


@transaction.atomic
def risk_reopen(*, actor: Actor, risk: Risk, on: date, reason: str) -> Risk:
    """Reopen a closed risk with why: from that day it is back in the heat maps and the board
    pack (a pack for a meeting while it was closed still leaves it out, from its history)."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    if risk.closed_on is None:
        raise ValidationError({"reason": f"Risk {risk.reference} is not closed"})
    if on < risk.closed_on or on > timezone.localdate():
        raise ValidationError(
            {"on": "The date it reopened must be between the day it closed and today"}
        )
    changes = apply_changes(risk, {"closed_on": None, "closed_reason": ""})
    risk.save()
    _changed(actor, risk, changes, f"Reopened risk {risk}: {why}")
    risk_snapshot(risk, actor=actor, reason=f"Reopened: {why}", on=on)
    return risk


@transaction.atomic
def area_links(
    *,
    actor: Actor,
    area: Area,
    actions: Iterable[Any],
    recommendations: Iterable[Recommendation],
    reason: str,
) -> Area:
    """Say which actions and recommendations answer an area: its evidence library gathers their
    evidence. Why is kept in the audit trail with what was linked and unlinked."""
    check_capability(actor, Capability.MANAGE_IMPROVEMENT)
    why = _reason(reason)
    wanted = {"actions": list(actions), "recommendations": list(recommendations)}
    if any(r.withdrawn_on is not None for r in wanted["recommendations"]):
        raise ValidationError({"recommendations": "A withdrawn recommendation cannot be linked"})
    changes: dict[str, list[str]] = {}
    for name, chosen in wanted.items():
        manager = getattr(area, name)
        before = sorted(str(x) for x in manager.all())
        manager.set(chosen)
        after = sorted(str(x) for x in chosen)
        if before != after:
            changes[name] = ["; ".join(before), "; ".join(after)]
    _changed(actor, area, changes, f"Changed what answers {area}: {why}")
    return area
