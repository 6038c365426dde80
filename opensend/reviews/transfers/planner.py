"""The phase transfer planner: who moves next September, where each child's transfer stands,
and the progress figures by cohort and by setting.

Who moves is decided in SQL, so the planner stays fast at 100,000 plans: the rules engine
(`statutory.transfer_kind`) is asked once for every (school phase, year group) pair that makes a
move, each year group becomes a date-of-birth range (from `statutory.academic_year`), and the
plans are filtered on the child's date of birth and the phase of their current main setting. The
planner's status is a SQL `CASE` over the transfer row, so filters, counts and pages all run in
the database. A user sees the children `Child.objects.visible_to(user)` allows.
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

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.core.types import Actor
from opensend.people.codes import Phase
from opensend.people.models import Child, Setting
from opensend.people.querysets import child_visibility
from opensend.plans.models import Consultation, EHCPlan, PlanStatus
from opensend.reviews.models import AmendmentStatus, PhaseTransfer, TransferKindChoice

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
        plans=EHCPlan.objects.filter(child_visibility(user, via="child")),
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


def transfer_preferences(transfer: PhaseTransfer) -> list[Setting]:
    t = transfer
    return [s for s in (t.first_preference, t.second_preference, t.third_preference) if s]
