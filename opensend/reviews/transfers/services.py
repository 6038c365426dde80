"""Every change to a phase transfer: validated, atomic, audited, and told to the family.

A transfer is opened for a child with a final plan who moves next September (or, for a post-16
move at another time of year, on any date a caseworker gives). Then: the family's preferences,
consultations with the preferred settings (CFA s39), the setting we name, and the amendment
that names it (`reviews.amendments.services.amendment_start`). The transfer is done when
that amendment is issued, by the reg 18 deadline from `opensend.statutory`.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from opensend import statutory
from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.core.validation import REASON_REQUIRED, check_not_future
from opensend.notify.services import notification_send
from opensend.people.models import Enrolment, Setting
from opensend.plans.models import Consultation, EHCPlan, PlanStatus
from opensend.plans.services import consultation_response_record, consultation_send
from opensend.reviews.amendments.services import amendment_start
from opensend.reviews.models import PhaseTransfer, TransferKindChoice
from opensend.reviews.shared import audit_change, locked, update_audited
from opensend.reviews.transfers import planner, selectors

NOT_FINAL = "Only a final EHC plan can have a phase transfer"
NOT_MOVING = (
    "{name} does not move to a new phase next September (by their year group and current "
    "setting). For a post-16 move at another time of year, choose that and give the date"
)
ALREADY_OPEN = "A transfer for this move is already open"
MIDYEAR_DATE_REQUIRED = "Enter the date the young person moves"
MIDYEAR_DATE_PAST = "The move must be in the future"
FIRST_PREFERENCE_REQUIRED = "Choose the family's first preference"
SAME_PREFERENCE = "Choose a different setting for each preference"
CLOSED = "This transfer is closed: {why}"
OPEN_CONSULTATION = "We are already waiting for {setting} to reply"
NAME_FIRST = "Name the new setting first"
AMENDMENT_STARTED = "The amendment naming the setting has already been started"
NOT_THIS_TRANSFER = "Choose a consultation for this transfer"


def _locked(transfer: PhaseTransfer) -> PhaseTransfer:
    return locked(transfer, "child", "plan", "amendment", "named_setting")


def _check_open(transfer: PhaseTransfer) -> None:
    if transfer.not_transferring_reason:
        raise ValidationError(CLOSED.format(why="the child is not transferring"))
    if transfer.amendment_id is not None:
        raise ValidationError(CLOSED.format(why=AMENDMENT_STARTED.lower()))


def _main_setting_id(child_id: int) -> int | None:
    enrolment = (
        Enrolment.objects.filter(child_id=child_id, ended_on__isnull=True, is_main=True)
        .order_by("-started_on", "-pk")
        .first()
    )
    return enrolment.setting_id if enrolment else None


def _tell_family_preferences(actor: Actor, transfer: PhaseTransfer) -> None:
    notification_send(
        actor=actor,
        template="phase_transfer_preferences_requested",
        child=transfer.child,
        personalisation={
            "transfer_on": transfer.transfer_on,
            "move": transfer.get_kind_display().lower(),
            "amend_by": selectors.transfer_deadline(transfer),
        },
    )


@transaction.atomic
def transfer_open(
    *,
    actor: Actor,
    plan: EHCPlan,
    kind: str = "",
    transfer_on: date | None = None,
    today: date | None = None,
) -> PhaseTransfer:
    """Open one child's transfer and ask the family for their preferences.

    Without ``kind`` the move is worked out from the child's year group and current setting
    (`statutory.phase_transfer_due`). A post-16 move at another time of year needs its date.
    """
    check_capability(actor, Capability.MANAGE_REVIEWS)
    today = today_or_local(today)
    plan = EHCPlan.objects.select_related("child").get(pk=plan.pk)
    if plan.status != PlanStatus.FINAL:
        raise ValidationError(NOT_FINAL)
    setting_id = _main_setting_id(plan.child_id)
    if kind == TransferKindChoice.POST16_MIDYEAR:
        if transfer_on is None:
            raise ValidationError({"transfer_on": [MIDYEAR_DATE_REQUIRED]})
        if transfer_on <= today:
            raise ValidationError({"transfer_on": [MIDYEAR_DATE_PAST]})
    else:
        phase = Setting.objects.get(pk=setting_id).phase if setting_id else ""
        due = statutory.phase_transfer_due(
            plan.child.date_of_birth,
            phase,
            today,
            area_has_middle_schools=planner.area_has_middle_schools(),
        )
        if due is None or (kind and kind != due.kind.value):
            raise ValidationError({"kind": [NOT_MOVING.format(name=plan.child.full_name)]})
        kind, transfer_on = due.kind.value, due.transfer_on
    if PhaseTransfer.objects.filter(plan=plan, transfer_on=transfer_on).exists():
        raise ValidationError(ALREADY_OPEN)
    try:
        with transaction.atomic():
            transfer = PhaseTransfer.objects.create(
                plan=plan,
                child=plan.child,
                kind=kind,
                transfer_on=transfer_on,
                current_setting_id=setting_id,
                caseworker_id=plan.child.caseworker_id,
            )
    except IntegrityError as exc:  # opened by someone else at the same moment
        raise ValidationError(ALREADY_OPEN) from exc
    audit_record(actor=actor, action=Action.CREATE, obj=transfer, child_id=plan.child_id)
    _tell_family_preferences(actor, transfer)
    return transfer


@transaction.atomic
def transfers_open_for_cohort(
    *, actor: Actor, kind: str = "", setting_id: str = "", today: date | None = None
) -> int:
    """Open a transfer for every child in the planner (as filtered) who has none yet.

    One action for the cohort, and safe to repeat: children already opened are left alone.
    Each family is asked for their preferences.
    """
    check_capability(actor, Capability.MANAGE_REVIEWS)
    today = today_or_local(today)
    plans = planner.planner_filtered(
        planner.planner_queryset(user=actor, on=today),
        kind=kind,
        setting_id=setting_id,
        status=planner.PlannerStatus.NOT_OPENED,
    )
    transfer_on = statutory.next_september(today)
    rows = [
        PhaseTransfer(
            plan_id=p.pk,
            child_id=p.child_id,
            kind=p.kind,
            transfer_on=transfer_on,
            current_setting_id=p.current_setting_id,
            caseworker_id=p.child.caseworker_id,
        )
        for p in plans.select_related("child").order_by("pk")
    ]  # p: an annotated EHCPlan (kind, current_setting_id)
    PhaseTransfer.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    created = list(
        PhaseTransfer.objects.filter(
            plan_id__in=[r.plan_id for r in rows], transfer_on=transfer_on
        ).select_related("child")
    )
    for transfer in created:
        audit_record(
            actor=actor,
            action=Action.CREATE,
            obj=transfer,
            child_id=transfer.child_id,
            summary="Opened with the cohort",
        )
        _tell_family_preferences(actor, transfer)
    return len(created)


@transaction.atomic
def transfer_preferences_record(
    *,
    actor: Actor,
    transfer: PhaseTransfer,
    recorded_on: date,
    first_preference: Setting | None,
    second_preference: Setting | None = None,
    third_preference: Setting | None = None,
    today: date | None = None,
) -> PhaseTransfer:
    """The family's preferred settings, in order (up to three), and the day they told us."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    transfer = _locked(transfer)
    _check_open(transfer)
    check_not_future(recorded_on, today=today_or_local(today), field="recorded_on")
    if first_preference is None:
        raise ValidationError({"first_preference": [FIRST_PREFERENCE_REQUIRED]})
    chosen = [s.pk for s in (first_preference, second_preference, third_preference) if s]
    if len(chosen) != len(set(chosen)):
        raise ValidationError({"second_preference": [SAME_PREFERENCE]})
    if third_preference is not None and second_preference is None:
        second_preference, third_preference = third_preference, None
    update_audited(
        actor,
        transfer,
        "Preferences recorded",
        {
            "preferences_recorded_on": recorded_on,
            "first_preference": first_preference,
            "second_preference": second_preference,
            "third_preference": third_preference,
        },
    )
    return transfer


@transaction.atomic
def transfer_consultation_send(
    *,
    actor: Actor,
    transfer: PhaseTransfer,
    setting: Setting,
    sent_on: date,
    today: date | None = None,
) -> Consultation:
    """Ask a setting whether it can meet the child's needs (CFA s39; 15 days to reply),
    through the plans service, so the plan shows the consultation too."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    transfer = _locked(transfer)
    _check_open(transfer)
    return consultation_send(
        actor=actor,
        plan=transfer.plan,
        setting=setting,
        sent_on=sent_on,
        today=today,
        template="phase_transfer_consultation",
        personalisation={"transfer_on": transfer.transfer_on},
        summary=f"Phase transfer consultation with {setting}",
    )


def transfer_consultation_response_record(
    *,
    actor: Actor,
    transfer: PhaseTransfer,
    consultation: Consultation,
    responded_on: date,
    can_meet_needs: str,
    response_notes: str = "",
    today: date | None = None,
) -> Consultation:
    """A setting's reply, through the plans service that records every consultation reply."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    if consultation.plan_id != transfer.plan_id or consultation.created_at < transfer.created_at:
        raise ValidationError(NOT_THIS_TRANSFER)
    return consultation_response_record(
        actor=actor,
        consultation=consultation,
        responded_on=responded_on,
        can_meet_needs=can_meet_needs,
        response_notes=response_notes,
        today=today,
    )


@transaction.atomic
def transfer_setting_name(
    *, actor: Actor, transfer: PhaseTransfer, setting: Setting, today: date | None = None
) -> PhaseTransfer:
    """The setting the council will name in the amended plan; the family is told, with the
    date the amended plan is due."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    transfer = _locked(transfer)
    _check_open(transfer)
    update_audited(actor, transfer, f"Setting named: {setting}", {"named_setting": setting})
    notification_send(
        actor=actor,
        template="phase_transfer_setting_named",
        child=transfer.child,
        personalisation={
            "setting_name": setting.name,
            "transfer_on": transfer.transfer_on,
            "amend_by": selectors.transfer_deadline(transfer),
        },
    )
    return transfer


@transaction.atomic
def transfer_amendment_start(
    *, actor: Actor, transfer: PhaseTransfer, today: date | None = None
) -> PhaseTransfer:
    """Start the amendment that names the new setting, and link it to the transfer."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    transfer = _locked(transfer)
    _check_open(transfer)
    if transfer.named_setting is None:
        raise ValidationError(NAME_FIRST)
    amendment = amendment_start(
        actor=actor,
        plan=transfer.plan,
        source="phase_transfer",
        summary=(
            f"Name {transfer.named_setting.name} in section I for the move on "
            f"{statutory.long_date(transfer.transfer_on)} "
            f"({transfer.get_kind_display().lower()}), and update the plan for the new phase."
        ),
        today=today_or_local(today),
    )
    transfer.amendment = amendment
    transfer.save(update_fields=["amendment", "updated_at"])
    audit_change(actor, transfer, "Amendment naming the new setting started")
    return transfer


@transaction.atomic
def transfer_not_transferring(
    *, actor: Actor, transfer: PhaseTransfer, reason: str, today: date | None = None
) -> PhaseTransfer:
    """Record that the child is not moving after all (for example, staying on in the sixth
    form of an all-through school, or moving out of the area)."""
    check_capability(actor, Capability.MANAGE_REVIEWS)
    transfer = _locked(transfer)
    if transfer.not_transferring_reason:
        raise ValidationError(CLOSED.format(why="the child is not transferring"))
    if not reason.strip():
        raise ValidationError({"reason": [REASON_REQUIRED]})
    transfer.not_transferring_reason = reason.strip()
    transfer.save(update_fields=["not_transferring_reason", "updated_at"])
    audit_change(
        actor, transfer, "Not transferring", {"not_transferring_reason": ["", reason.strip()]}
    )
    return transfer
