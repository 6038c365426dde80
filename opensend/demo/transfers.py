"""Synthetic phase transfers and cease decisions for the demo area.

Next September's movers (found exactly as the planner finds them) get transfers in every status,
with preferences, consultations and amendments to match; a few are left unopened. Last
September's cohort is shown done, most amended by the deadline and some late. A few plans have a
cease decision in each status, including one under appeal (with its disputes `Appeal`), and some
plans are ceased with their SEN2 reason. Deterministic from the seed; bulk inserts only, so it
stays fast at 100,000 plans. Called by the generator after the plans and reviews are built.
"""

import random
from datetime import date

from opensend import statutory
from opensend.disputes.models import Appeal, AppealType
from opensend.people.codes import Phase
from opensend.people.models import Setting
from opensend.plans.models import CanMeetNeeds, Consultation, EHCPlan, PlanStatus
from opensend.reviews.models import (
    OPEN_AMENDMENT_STATUSES,
    OPEN_CESSATION_STATUSES,
    OPEN_REVIEW_STAGES,
    Amendment,
    AmendmentSource,
    AmendmentStatus,
    AnnualReview,
    CeaseReason,
    Cessation,
    CessationStatus,
    PhaseTransfer,
    ReviewStage,
    TransferKindChoice,
)
from opensend.reviews.transfers.planner import movers_queryset

BATCH = 2000
# Share of next September's movers in each state (the rest are "not opened").
_STATES = [
    ("not_opened", 0.10),
    ("not_started", 0.18),
    ("preferences", 0.20),
    ("consulting", 0.20),
    ("named", 0.10),
    ("amending", 0.10),
    ("amended", 0.07),
    ("not_transferring", 0.05),
]
_PHASES_FOR: dict[str, list[str]] = {
    TransferKindChoice.EARLY_YEARS_TO_SCHOOL: [Phase.PRIMARY, Phase.INFANT],
    TransferKindChoice.INFANT_TO_JUNIOR: [Phase.JUNIOR],
    TransferKindChoice.PRIMARY_TO_MIDDLE: [Phase.MIDDLE],
    TransferKindChoice.PRIMARY_TO_SECONDARY: [Phase.SECONDARY, Phase.ALL_THROUGH],
    TransferKindChoice.MIDDLE_TO_UPPER: [Phase.SECONDARY],
    TransferKindChoice.SECONDARY_TO_POST16: [Phase.POST16, Phase.SECONDARY],
}
# Last September's moves, by the year group the child is in now.
_LAST_YEAR = {
    7: TransferKindChoice.PRIMARY_TO_SECONDARY,
    12: TransferKindChoice.SECONDARY_TO_POST16,
}
CESSATION_SHARE = 0.004
_CESSATION_STATES = [
    "proposed",
    "consulted",
    "decided",
    "ready",
    "appealed",
    "ceased",
    "ceased",
    "not_ceased",
]
NOT_TRANSFERRING = [
    "Staying on in the sixth form of the same all-through school.",
    "The family is moving out of the area.",
    "The family has chosen to educate at home.",
]


def _pick(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for state, share in _STATES:
        total += share
        if roll < total:
            return state
    return _STATES[-1][0]


def _between(rng: random.Random, start: date, end: date) -> date:
    span = statutory.days_until(end, start)
    return start if span <= 0 else statutory.add_days(start, rng.randint(0, span))


def build_demo_transfers_and_cessations(*, seed: int, today: date) -> int:
    """Make the demo's transfers and cease decisions; returns how many rows of each were made."""
    rng = random.Random(seed * 7919 + 11)
    busy = set(
        Amendment.objects.filter(status__in=OPEN_AMENDMENT_STATUSES).values_list(
            "plan_id", flat=True
        )
    )
    by_phase: dict[str, list[int]] = {}
    for pk, phase in Setting.objects.open().order_by("pk").values_list("pk", "phase"):
        by_phase.setdefault(phase, []).append(pk)
    made, moving = _next_september(rng, today, busy, by_phase)
    made += _last_september(rng, today, moving)
    made += _cessations(rng, today, busy | moving)
    return made


def _preferences(rng: random.Random, kind: str, by_phase: dict[str, list[int]]) -> list[int]:
    pool = [pk for phase in _PHASES_FOR.get(kind, []) for pk in by_phase.get(phase, [])]
    return rng.sample(pool, min(len(pool), rng.randint(1, 3))) if pool else []


def _next_september(
    rng: random.Random, today: date, busy: set[int], by_phase: dict[str, list[int]]
) -> tuple[int, set[int]]:
    transfer_on = statutory.next_september(today)
    year_start = statutory.academic_year_start(today)
    movers = movers_queryset(on=today).order_by("pk")
    rows = list(
        movers.values_list("pk", "child_id", "kind", "current_setting_id", "child__caseworker_id")
    )
    transfers: list[PhaseTransfer] = []
    states: list[str] = []
    for plan_id, child_id, kind, setting_id, caseworker_id in rows:
        state = _pick(rng)
        if state in {"amending"} and plan_id in busy:
            state = "named"
        if state == "not_opened":
            continue
        preferences = _preferences(rng, kind, by_phase) if state != "not_started" else []
        if state not in {"not_started", "not_transferring"} and not preferences:
            state = "not_started"
        recorded = _between(rng, year_start, today) if preferences else None
        named = preferences[0] if state in {"named", "amending", "amended"} else None
        transfers.append(
            PhaseTransfer(
                plan_id=plan_id,
                child_id=child_id,
                kind=kind,
                transfer_on=transfer_on,
                current_setting_id=setting_id,
                preferences_recorded_on=recorded,
                first_preference_id=preferences[0] if preferences else None,
                second_preference_id=preferences[1] if len(preferences) > 1 else None,
                third_preference_id=preferences[2] if len(preferences) > 2 else None,
                named_setting_id=named,
                not_transferring_reason=rng.choice(NOT_TRANSFERRING)
                if state == "not_transferring"
                else "",
                caseworker_id=caseworker_id,
            )
        )
        states.append(state)
    PhaseTransfer.objects.bulk_create(transfers, batch_size=BATCH)
    consultations = [
        Consultation(
            plan_id=t.plan_id,
            setting_id=t.first_preference_id,
            sent_on=_between(rng, t.preferences_recorded_on, today),
            responded_on=today if state != "consulting" or rng.random() < 0.5 else None,
            can_meet_needs=CanMeetNeeds.YES if state != "consulting" else "",
        )
        for t, state in zip(transfers, states, strict=True)
        if state in {"consulting", "named", "amending", "amended"}
        and t.first_preference_id
        and t.preferences_recorded_on
    ]
    for c in consultations:
        if c.responded_on is None:
            c.can_meet_needs = ""
        else:
            c.responded_on = _between(rng, c.sent_on, today)
    Consultation.objects.bulk_create(consultations, batch_size=BATCH)
    _transfer_amendments(rng, today, transfers, states)
    return len(transfers), {t.plan_id for t in transfers}


def _amendment(transfer: PhaseTransfer, status: str, proposed: date | None) -> Amendment:
    return Amendment(
        plan_id=transfer.plan_id,
        child_id=transfer.child_id,
        source=AmendmentSource.PHASE_TRANSFER,
        status=status,
        caseworker_id=transfer.caseworker_id,
        summary="Name the new school or college in section I for the move, and update the plan "
        "for the new phase.",
        proposed_on=proposed,
        base_version=1,
    )


def _transfer_amendments(
    rng: random.Random, today: date, transfers: list[PhaseTransfer], states: list[str]
) -> None:
    linked: list[tuple[PhaseTransfer, Amendment]] = []
    for transfer, state in zip(transfers, states, strict=True):
        if state not in {"amending", "amended"}:
            continue
        start = transfer.preferences_recorded_on or today
        proposed = _between(rng, start, today)
        if state == "amending":
            status = rng.choice([AmendmentStatus.PREPARING, AmendmentStatus.PROPOSED])
            amendment = _amendment(
                transfer, status, proposed if status == AmendmentStatus.PROPOSED else None
            )
            if status == AmendmentStatus.PROPOSED:
                amendment.next_due_on = statutory.due("issue_amended_plan", proposed)
        else:
            amendment = _amendment(transfer, AmendmentStatus.ISSUED, proposed)
            amendment.issued_on = _between(rng, proposed, today)
        linked.append((transfer, amendment))
    Amendment.objects.bulk_create([a for _, a in linked], batch_size=BATCH)
    for transfer, amendment in linked:
        transfer.amendment_id = amendment.pk
    PhaseTransfer.objects.bulk_update([t for t, _ in linked], ["amendment"], batch_size=BATCH)


def _last_september(rng: random.Random, today: date, skip: set[int]) -> int:
    """Last year's movers, done: most amended by the deadline, some late."""
    moved_on = statutory.academic_year_start(today)
    year = statutory.academic_year(today)
    transfers: list[PhaseTransfer] = []
    amendments: list[Amendment] = []
    for nc_year, kind in _LAST_YEAR.items():
        born = year - nc_year - 5
        plans = (
            EHCPlan.objects.filter(
                status=PlanStatus.FINAL,
                child__date_of_birth__gte=date(born, 9, 1),
                child__date_of_birth__lt=date(born + 1, 9, 1),
            )
            .exclude(pk__in=skip)
            .order_by("pk")
            .values_list("pk", "child_id", "named_setting_id", "child__caseworker_id")
        )
        deadline = statutory.due(statutory.TransferKind(kind).rule_id, moved_on)
        for plan_id, child_id, setting_id, caseworker_id in plans:
            if rng.random() > 0.7:
                continue
            late = rng.random() < 0.2
            issued = statutory.add_days(
                deadline, rng.randint(1, 45) if late else -rng.randint(0, 50)
            )
            transfer = PhaseTransfer(
                plan_id=plan_id,
                child_id=child_id,
                kind=kind,
                transfer_on=moved_on,
                preferences_recorded_on=statutory.add_months(deadline, -4),
                first_preference_id=setting_id,
                named_setting_id=setting_id,
                caseworker_id=caseworker_id,
            )
            amendment = _amendment(
                transfer, AmendmentStatus.ISSUED, statutory.add_months(issued, -1)
            )
            amendment.issued_on = issued
            transfers.append(transfer)
            amendments.append(amendment)
    Amendment.objects.bulk_create(amendments, batch_size=BATCH)
    for transfer, amendment in zip(transfers, amendments, strict=True):
        transfer.amendment_id = amendment.pk
    PhaseTransfer.objects.bulk_create(transfers, batch_size=BATCH)
    return len(transfers)


_DETAILS: dict[str, str] = {
    CeaseReason.NEEDS_MET: "Good progress: needs now met from the setting's own resources.",
    CeaseReason.TRANSFERRED: "Moved to another council, which has taken on the plan.",
    CeaseReason.MOVED_OUTSIDE_ENGLAND: "The family has moved to Scotland.",
    CeaseReason.HIGHER_EDUCATION: "Started a degree course at university.",
    CeaseReason.PAID_EMPLOYMENT: "Started a full-time paid job (not an apprenticeship).",
    CeaseReason.MAX_AGE: "Reached the end of the academic year in which they turned 25.",
}


def _lawful_reason(rng: random.Random, dob: date, today: date) -> str:
    """A SEN2 reason the law allows at this age (no review-first reasons in the demo)."""
    choices = [
        r
        for r in _DETAILS
        if (check := statutory.cease_check(r, dob, today)).allowed and not check.review_required
    ]
    weights = [4 if r in (CeaseReason.NEEDS_MET, CeaseReason.TRANSFERRED) else 1 for r in choices]
    return rng.choices(choices, weights=weights)[0]


def _cessations(rng: random.Random, today: date, skip: set[int]) -> int:
    candidates = [
        row
        for row in EHCPlan.objects.filter(status=PlanStatus.FINAL)
        .exclude(
            pk__in=Cessation.objects.filter(status__in=OPEN_CESSATION_STATUSES).values("plan_id")
        )
        .order_by("pk")
        .values_list("pk", "child_id", "child__date_of_birth", "child__caseworker_id")
        if row[0] not in skip
    ]
    count = max(len(_CESSATION_STATES), int(len(candidates) * CESSATION_SHARE))
    chosen = rng.sample(candidates, min(count, len(candidates)))
    cessations: list[Cessation] = []
    appeals: list[tuple[Cessation, Appeal]] = []
    for i, (plan_id, child_id, dob, caseworker_id) in enumerate(chosen):
        state = _CESSATION_STATES[i % len(_CESSATION_STATES)]
        reason = _lawful_reason(rng, dob, today)
        cessation = Cessation(
            plan_id=plan_id,
            child_id=child_id,
            reason=reason,
            details=_DETAILS[reason],
            status=CessationStatus.PROPOSED,
            caseworker_id=caseworker_id,
        )
        _cessation_dates(rng, today, cessation, state)
        if state == "appealed":
            assert cessation.decided_on is not None  # noqa: S101 - set for this state
            appeals.append(
                (
                    cessation,
                    Appeal(
                        child_id=child_id,
                        appeal_type=AppealType.CEASING,
                        grounds="The family says the support is still needed.",
                        decision_sent_on=cessation.decided_on,
                        lodged_on=statutory.add_days(cessation.decided_on, rng.randint(10, 40)),
                    ),
                )
            )
        cessations.append(cessation)
    Appeal.objects.bulk_create([a for _, a in appeals], batch_size=BATCH)
    for cessation, appeal in appeals:
        cessation.appeal_id = appeal.pk
    Cessation.objects.bulk_create(cessations, batch_size=BATCH)
    ceased = [c.plan_id for c in cessations if c.status == CessationStatus.CEASED]
    EHCPlan.objects.filter(pk__in=ceased).update(status=PlanStatus.CEASED)
    AnnualReview.objects.filter(plan_id__in=ceased, stage__in=OPEN_REVIEW_STAGES).update(
        stage=ReviewStage.CANCELLED, cancelled_reason="The plan was ceased.", next_due_on=None
    )
    return len(cessations)


# Days ago the family and setting were consulted, by state: the decision follows within 2 weeks.
_CONSULTED_DAYS_AGO = {
    "consulted": (5, 20),
    "decided": (20, 40),  # the family can still appeal
    "ready": (90, 150),  # the time to appeal has passed: ready to cease
    "appealed": (60, 100),
    "ceased": (200, 400),
    "not_ceased": (30, 90),
}


def _cessation_dates(rng: random.Random, today: date, c: Cessation, state: str) -> None:
    """Dates in order, each in the past: consulted, decided, (appealed,) ceased."""
    if state == "proposed":
        return
    low, high = _CONSULTED_DAYS_AGO[state]
    consulted = statutory.add_days(today, -rng.randint(low, high))
    c.family_consulted_on = c.setting_consulted_on = consulted
    c.consultation_notes = "The family and the school shared their views."
    if state == "consulted":
        return
    if state == "not_ceased":
        c.status = CessationStatus.NOT_CEASED
        c.closed_reason = "The family's evidence showed the plan is still needed."
        return
    decided = min(today, statutory.add_days(consulted, rng.randint(0, 14)))
    c.decided_on = decided
    appeal_due = statutory.appeal_deadline(decided)
    c.status = CessationStatus.DECIDED
    c.next_due_on = appeal_due
    if state == "appealed":
        c.status = CessationStatus.APPEALED
        c.next_due_on = None
    elif state == "ceased":
        c.status = CessationStatus.CEASED
        c.ceased_on = min(today, statutory.add_days(appeal_due, rng.randint(1, 30)))
        c.next_due_on = None
