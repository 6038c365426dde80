"""Every read on phase transfers: the planner, its progress figures, one transfer, the queue.

Who moves next September is decided in SQL, so the planner stays fast at 100,000 plans: the
rules engine (`statutory.transfer_kind`) is asked once for every (school phase, year group) pair
that makes a move, each year group becomes a date-of-birth range (from
`statutory.academic_year`), and the plans are filtered on the child's date of birth and the phase
of their current main setting. The planner's status is a SQL `CASE` over the transfer row, so
filters, counts and pages all run in the database.

A user sees the children `Child.objects.visible_to(user)` allows (a SENCO: their own setting's
pupils). A record anyone else asks for gets the same 404 as one that does not exist.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor
from opensend.people.codes import Phase
from opensend.people.models import Child, Setting
from opensend.plans.models import Consultation, EHCPlan, PlanStatus
from opensend.reviews.models import AmendmentStatus, PhaseTransfer, TransferKindChoice

_LOOKUP_ERRORS = (ValueError, TypeError, OverflowError)
# Year groups that can make a move at the end of the year (nursery N2 to Year 11).
_YEARS = range(-1, 14)  # nursery N2 to Year 13 (school sixth forms, reg 2(1)(f))
_SEPTEMBER = 9
UNKNOWN_PHASE = ""


class PlannerStatus:
    """Where one child's transfer stands; the order is the order of the work."""

    NOT_OPENED = "not_opened"
    NOT_STARTED = "not_started"
    PREFERENCES = "preferences"
    CONSULTING = "consulting"
    NAMED = "named"
    AMENDING = "amending"
    AMENDED = "amended"
    NOT_TRANSFERRING = "not_transferring"

    CHOICES = [
        (NOT_OPENED, "Not opened"),
        (NOT_STARTED, "Not started"),
        (PREFERENCES, "Preferences recorded"),
        (CONSULTING, "Consulting settings"),
        (NAMED, "Setting named"),
        (AMENDING, "Plan being amended"),
        (AMENDED, "Plan amended"),
        (NOT_TRANSFERRING, "Not transferring"),
    ]
    LABELS = dict(CHOICES)
    DONE = frozenset({AMENDED, NOT_TRANSFERRING})


def area_has_middle_schools() -> bool:
    return Setting.objects.open().filter(phase=Phase.MIDDLE).exists()


def _born_in_year_group(year: int, on: date) -> Q:
    """Children in National Curriculum ``year`` on ``on``: born in one academic year."""
    born = statutory.academic_year(on) - year - 5
    return Q(child__date_of_birth__gte=date(born, _SEPTEMBER, 1)) & Q(
        child__date_of_birth__lt=date(born + 1, _SEPTEMBER, 1)
    )


def transfer_pairs(*, middle_schools: bool) -> dict[tuple[str, int], str]:
    """Every (phase of the current setting, year group) that moves next September, and how."""
    phases = [UNKNOWN_PHASE, *Phase.values]
    pairs = {}
    for phase in phases:
        for year in _YEARS:
            kind = statutory.transfer_kind(phase, year, area_has_middle_schools=middle_schools)
            if kind is not None:
                pairs[(phase, year)] = kind.value
    return pairs


def cohort_deadlines(on: date) -> dict[str, date]:
    """For each September move: the last day to issue the amended plan (reg 18)."""
    transfer_on = statutory.next_september(on)
    return {
        kind.value: statutory.due(kind.rule_id, transfer_on)
        for kind in statutory.TransferKind
        if kind is not statutory.TransferKind.POST16_MIDYEAR
    }


def _deadline_case(deadlines: dict[str, date], field: str = "kind") -> Case:
    return Case(
        *[When(**{field: kind}, then=Value(on)) for kind, on in deadlines.items()],
        output_field=DateField(),
    )


def planner_queryset(*, user: Actor, on: date) -> Any:
    """Final plans of the children this user sees who move next September, annotated with the
    move (`kind`), the current setting, the deadline (`amend_by`), the transfer row (`t`) and
    the planner status (`planner_status`). Typed Any: the annotations are unknown to mypy."""
    if not user_can(user, Capability.VIEW_REVIEWS):
        return EHCPlan.objects.none()
    return movers_queryset(
        on=on,
        plans=EHCPlan.objects.filter(child__in=Child.objects.visible_to(user)),
    )


def movers_queryset(*, on: date, plans: Any = None) -> Any:
    """Every final plan whose child moves next September (of ``plans``, default all)."""
    pairs = transfer_pairs(middle_schools=area_has_middle_schools())
    transfer_on = statutory.next_september(on)
    plans = EHCPlan.objects.all() if plans is None else plans
    # The current main placement, joined once (people.services ends the previous one).
    plans = (
        plans.filter(status=PlanStatus.FINAL, child__closed_at__isnull=True)
        .annotate(
            main=FilteredRelation(
                "child__enrolments",
                condition=Q(
                    child__enrolments__ended_on__isnull=True, child__enrolments__is_main=True
                ),
            )
        )
        .annotate(
            current_setting_id=F("main__setting_id"),
            current_phase=Coalesce(F("main__setting__phase"), Value(UNKNOWN_PHASE)),
        )
    )
    by_year: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for (phase, year), kind in pairs.items():
        by_year[year].append((phase, kind))
    eligible = Q(pk__in=[])
    kind_whens = []
    for year, moves in by_year.items():
        born = _born_in_year_group(year, on)
        eligible |= born & Q(current_phase__in=[phase for phase, _ in moves])
        kind_whens += [
            When(born & Q(current_phase=phase), then=Value(kind)) for phase, kind in moves
        ]
    plans = plans.filter(eligible).annotate(kind=Case(*kind_whens, output_field=CharField()))
    plans = plans.annotate(
        t=FilteredRelation("phase_transfers", condition=Q(phase_transfers__transfer_on=transfer_on))
    )
    consulting = Exists(
        Consultation.objects.filter(plan=OuterRef("pk"), created_at__gte=OuterRef("t__created_at"))
    )
    return plans.annotate(
        amend_by=_deadline_case(cohort_deadlines(on)),
        transfer_id=F("t__id"),
        planner_status=Case(
            When(t__id__isnull=True, then=Value(PlannerStatus.NOT_OPENED)),
            When(~Q(t__not_transferring_reason=""), then=Value(PlannerStatus.NOT_TRANSFERRING)),
            When(t__amendment__status=AmendmentStatus.ISSUED, then=Value(PlannerStatus.AMENDED)),
            When(t__amendment__isnull=False, then=Value(PlannerStatus.AMENDING)),
            When(t__named_setting__isnull=False, then=Value(PlannerStatus.NAMED)),
            When(consulting, then=Value(PlannerStatus.CONSULTING)),
            When(t__preferences_recorded_on__isnull=False, then=Value(PlannerStatus.PREFERENCES)),
            default=Value(PlannerStatus.NOT_STARTED),
            output_field=CharField(),
        ),
    )


def planner_filtered(plans: Any, *, kind: str = "", setting_id: str = "", status: str = "") -> Any:
    if kind in TransferKindChoice.values:
        plans = plans.filter(kind=kind)
    if setting_id.isdigit():
        plans = plans.filter(current_setting_id=int(setting_id))
    if status in PlannerStatus.LABELS:
        plans = plans.filter(planner_status=status)
    return plans


@dataclass(frozen=True)
class PlannerRow:
    plan: EHCPlan
    child: Child
    kind: str
    kind_label: str
    current_setting: Setting | None
    transfer: PhaseTransfer | None
    status: str
    amend_by: date
    clock: statutory.ClockStatus | None
    consultations: list[Consultation]

    @property
    def status_label(self) -> str:
        return PlannerStatus.LABELS[self.status]

    @property
    def preferences(self) -> list[Setting]:
        return transfer_preferences(self.transfer) if self.transfer else []

    @property
    def late(self) -> bool:
        """Amended after the deadline (or not amended and the deadline has passed)."""
        amendment = self.transfer.amendment if self.transfer else None
        if amendment is not None and amendment.issued_on is not None:
            return amendment.issued_on > self.amend_by
        return self.clock is statutory.ClockStatus.OVERDUE


def planner_rows(plans: Any, *, on: date) -> list[PlannerRow]:
    """One page of the planner, in a fixed number of queries whatever the page size."""
    page = list(plans.select_related("child"))
    transfers = {
        t.pk: t
        for t in PhaseTransfer.objects.filter(pk__in=[p.transfer_id for p in page if p.transfer_id])
        .select_related(
            "first_preference", "second_preference", "third_preference", "named_setting"
        )
        .select_related("amendment")
    }
    settings = Setting.objects.in_bulk({p.current_setting_id for p in page if p.current_setting_id})
    consultations: dict[int, list[Consultation]] = defaultdict(list)
    opened = {t.plan_id: t.created_at for t in transfers.values()}
    if opened:
        for c in (
            Consultation.objects.filter(plan_id__in=opened, created_at__gte=min(opened.values()))
            .select_related("setting")
            .order_by("sent_on", "pk")
        ):
            if c.created_at >= opened[c.plan_id]:
                consultations[c.plan_id].append(c)
    rows = []
    for p in page:
        status = p.planner_status
        rows.append(
            PlannerRow(
                plan=p,
                child=p.child,
                kind=p.kind,
                kind_label=TransferKindChoice(p.kind).label,
                current_setting=settings.get(p.current_setting_id),
                transfer=transfers.get(p.transfer_id),
                status=status,
                amend_by=p.amend_by,
                clock=None
                if status in PlannerStatus.DONE
                else statutory.clock_status(p.amend_by, on),
                consultations=consultations.get(p.pk, []),
            )
        )
    return rows


@dataclass(frozen=True)
class Progress:
    key: Any
    label: str
    total: int
    opened: int
    amended: int
    amended_in_time: int
    not_transferring: int

    @property
    def percent_in_time(self) -> int | None:
        moving = self.total - self.not_transferring
        return round(100 * self.amended_in_time / moving) if moving else None


PROGRESS_FIELDS = ("total", "opened", "amended", "amended_in_time", "not_transferring")


def _progress_grid(plans: Any) -> list[dict[str, Any]]:
    """One grouped query: the counts for each (kind of move, current setting) pair."""
    amended = Q(planner_status=PlannerStatus.AMENDED)
    return list(
        plans.order_by()
        .values("kind", "current_setting_id")
        .annotate(
            total=Count("pk"),
            opened=Count("pk", filter=~Q(planner_status=PlannerStatus.NOT_OPENED)),
            amended=Count("pk", filter=amended),
            amended_in_time=Count(
                "pk", filter=amended & Q(t__amendment__issued_on__lte=F("amend_by"))
            ),
            not_transferring=Count("pk", filter=Q(planner_status=PlannerStatus.NOT_TRANSFERRING)),
        )
    )


def _summed(grid: list[dict[str, Any]], group: str) -> dict[Any, dict[str, int]]:
    totals: dict[Any, dict[str, int]] = {}
    for row in grid:
        sums = totals.setdefault(row[group], dict.fromkeys(PROGRESS_FIELDS, 0))
        for f in PROGRESS_FIELDS:
            sums[f] += row[f]
    return totals


@dataclass(frozen=True)
class PlannerProgress:
    by_kind: list[Progress]
    by_setting: list[Progress]
    setting_ids: set[int]


def planner_progress(plans: Any) -> PlannerProgress:
    """Counts and % amended by the deadline, by cohort (the kind of move) and by setting —
    both from one grouped query, so the planner stays quick at 100,000 plans."""
    grid = _progress_grid(plans)
    by_kind = [
        Progress(key=kind, label=TransferKindChoice(kind).label, **sums)
        for kind, sums in sorted(_summed(grid, "kind").items())
    ]
    per_setting = _summed(grid, "current_setting_id")
    names = Setting.objects.in_bulk([pk for pk in per_setting if pk])
    by_setting = sorted(
        (
            Progress(
                key=pk,
                label=names[pk].name if pk in names else "No current setting",
                **sums,
            )
            for pk, sums in per_setting.items()
        ),
        key=lambda p: p.label,
    )
    return PlannerProgress(by_kind, by_setting, {pk for pk in per_setting if pk})


def planner_settings(plans: Any) -> QuerySet[Setting]:
    """The current settings of the children in the planner, for the filter."""
    return Setting.objects.filter(pk__in=plans.order_by().values("current_setting_id")).order_by(
        "name"
    )


# ---------------------------------------------------------------------------- one transfer


def transfer_list_for_user(*, user: Actor) -> QuerySet[PhaseTransfer]:
    if not user_can(user, Capability.VIEW_REVIEWS):
        return PhaseTransfer.objects.none()
    return PhaseTransfer.objects.filter(child__in=Child.objects.visible_to(user))


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


def transfer_preferences(transfer: PhaseTransfer) -> list[Setting]:
    t = transfer
    return [s for s in (t.first_preference, t.second_preference, t.third_preference) if s]


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
