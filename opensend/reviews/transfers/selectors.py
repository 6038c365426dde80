"""Every read on one phase transfer, and the transfers queue; the planner is
`reviews.transfers.planner` (its names used outside reviews are re-exported here).

A user sees the children `Child.objects.visible_to(user)` allows (a SENCO: their own setting's
pupils). A record anyone else asks for gets the same 404 as one that does not exist.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.clocks import Clock, rule_clock
from opensend.core.types import Actor
from opensend.people.models import Child
from opensend.people.querysets import child_visibility
from opensend.plans.models import Consultation, PlanStatus
from opensend.reviews.models import AmendmentStatus, PhaseTransfer
from opensend.reviews.transfers.planner import PlannerStatus

_LOOKUP_ERRORS = (ValueError, TypeError, OverflowError)


# ---------------------------------------------------------------------------- one transfer


def transfer_list_for_user(*, user: Actor) -> QuerySet[PhaseTransfer]:
    if not user_can(user, Capability.VIEW_REVIEWS):
        return PhaseTransfer.objects.none()
    return PhaseTransfer.objects.filter(child_visibility(user, via="child"))


def transfer_get_for_user(*, user: Actor, transfer_id: Any) -> PhaseTransfer:
    """The transfer, if this user may see the child; the same 404 otherwise. Audited."""
    try:
        transfer = (
            transfer_list_for_user(user=user)
            .select_related(
                "child",
                "plan",
                "current_setting",
                "first_preference",
                "second_preference",
                "third_preference",
                "named_setting",
                "amendment",
                "caseworker",
            )
            .get(pk=transfer_id)
        )
    except (PhaseTransfer.DoesNotExist, *_LOOKUP_ERRORS) as exc:
        raise Http404("No transfer found") from exc
    audit_record(actor=user, action=Action.VIEW, obj=transfer, child_id=transfer.child_id)
    return transfer


def transfer_clock(transfer: PhaseTransfer) -> Clock:
    """The reg 18 clock: the amended plan naming the new setting, due before the move."""
    amendment = transfer.amendment
    rule_id = statutory.TransferKind(transfer.kind).rule_id
    return rule_clock(rule_id, transfer.transfer_on, amendment.issued_on if amendment else None)


def transfer_deadline(transfer: PhaseTransfer) -> date:
    """The last day to issue the amended plan naming the new setting (reg 18)."""
    return statutory.due(statutory.TransferKind(transfer.kind).rule_id, transfer.transfer_on)


def transfer_status(transfer: PhaseTransfer, *, consulted: bool | None = None) -> str:
    """The planner status of one transfer (the Python twin of the planner's SQL CASE)."""
    if transfer.not_transferring_reason:
        return PlannerStatus.NOT_TRANSFERRING
    if transfer.amendment is not None:
        if transfer.amendment.status == AmendmentStatus.ISSUED:
            return PlannerStatus.AMENDED
        return PlannerStatus.AMENDING
    if transfer.named_setting_id:
        return PlannerStatus.NAMED
    if consulted if consulted is not None else bool(transfer_consultations(transfer)):
        return PlannerStatus.CONSULTING
    if transfer.preferences_recorded_on:
        return PlannerStatus.PREFERENCES
    return PlannerStatus.NOT_STARTED


def transfer_consultations(transfer: PhaseTransfer) -> list[Consultation]:
    """The consultations on this plan since the transfer was opened, with their replies."""
    return list(
        Consultation.objects.filter(plan_id=transfer.plan_id, created_at__gte=transfer.created_at)
        .select_related("setting")
        .order_by("sent_on", "pk")
    )


def other_transfers_for_user(*, user: Actor, on: date) -> QuerySet[PhaseTransfer]:
    """Open transfers that are not next September's (post-16 moves at another time)."""
    return (
        transfer_list_for_user(user=user)
        .exclude(transfer_on=statutory.next_september(on))
        .filter(transfer_on__gte=on, not_transferring_reason="")
        .exclude(amendment__status=AmendmentStatus.ISSUED)
        .select_related("child", "current_setting", "named_setting")
        .order_by("transfer_on", "pk")
    )


# ---------------------------------------------------------------------------- queue


@dataclass(frozen=True)
class TransferQueueRow:
    transfer: PhaseTransfer
    child: Child
    what: str
    due_on: date
    status: statutory.ClockStatus


def _open_transfers(user: Actor, caseworker: Any) -> QuerySet[PhaseTransfer]:
    transfers = (
        transfer_list_for_user(user=user)
        .filter(not_transferring_reason="", plan__status=PlanStatus.FINAL)
        .filter(Q(amendment__isnull=True) | ~Q(amendment__status=AmendmentStatus.ISSUED))
    )
    if caseworker is not None:
        transfers = transfers.filter(caseworker=caseworker)
    return transfers


def _next_step(transfer: PhaseTransfer, consulted: bool) -> str:
    status = transfer_status(transfer, consulted=consulted)
    return {
        PlannerStatus.NOT_STARTED: "Record the family's preferences",
        PlannerStatus.PREFERENCES: "Consult the preferred settings",
        PlannerStatus.CONSULTING: "Name the new setting",
        PlannerStatus.NAMED: "Start the amendment naming the setting",
        PlannerStatus.AMENDING: "Issue the amended plan",
    }.get(status, PlannerStatus.LABELS[status])


def transfer_queue_for_user(
    *, user: Actor, on: date, caseworker: Any = None
) -> list[TransferQueueRow]:
    """Open phase transfers with their next step and the reg 18 deadline, soonest first."""
    transfers = list(
        _open_transfers(user, caseworker).select_related("child", "amendment").order_by("pk")
    )
    ids = [t.pk for t in transfers]
    consulted = set(
        PhaseTransfer.objects.filter(pk__in=ids)
        .filter(
            Exists(
                Consultation.objects.filter(
                    plan=OuterRef("plan"), created_at__gte=OuterRef("created_at")
                )
            )
        )
        .values_list("pk", flat=True)
    )
    rows = []
    for t in transfers:
        due_on = transfer_deadline(t)
        rows.append(
            TransferQueueRow(
                transfer=t,
                child=t.child,
                what=f"{t.get_kind_display()}: {_next_step(t, t.pk in consulted).lower()}",
                due_on=due_on,
                status=statutory.clock_status(due_on, on),
            )
        )
    return sorted(rows, key=lambda r: (r.due_on, r.transfer.pk))


def transfer_counts_by_caseworker(*, user: Actor, on: date) -> dict[int | None, dict[str, int]]:
    """Open transfers per caseworker, and how many are past their deadline, counted in SQL."""
    transfers = _open_transfers(user, None)
    pairs = set(transfers.order_by().values_list("kind", "transfer_on").distinct())
    deadline = Case(
        *[
            When(
                kind=kind,
                transfer_on=transfer_on,
                then=Value(statutory.due(statutory.TransferKind(kind).rule_id, transfer_on)),
            )
            for kind, transfer_on in pairs
        ],
        output_field=DateField(),
    )
    counts = (
        transfers.order_by()
        .annotate(amend_by=deadline)
        .values("caseworker_id")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(amend_by__lt=on)),
        )
    )
    return {
        row["caseworker_id"]: {"open": row["open"], "overdue": row["overdue"]} for row in counts
    }
