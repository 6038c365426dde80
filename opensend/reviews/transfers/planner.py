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
    """The planner's queryset narrowed by the page's filters (for the services' cohort
    actions; the page itself narrows the scanned cohort with `cohort_filtered`)."""
    if kind in TransferKindChoice.values:
        plans = plans.filter(kind=kind)
    if setting_id.isdigit():
        plans = plans.filter(current_setting_id=int(setting_id))
    if status in PlannerStatus.LABELS:
        plans = plans.filter(planner_status=status)
    return plans


PLANNER_ORDER = ("amend_by", "child__family_name", "child__given_name", "pk")


@dataclass(frozen=True)
class CohortEntry:
    """One mover as the planner's single scan reads them: enough to filter, count and page."""

    plan_id: int
    kind: str
    setting_id: int | None
    status: str
    amend_by: date
    amended_on: date | None
    transfer_id: int | None

    @property
    def amended_in_time(self) -> bool:
        return (
            self.status == PlannerStatus.AMENDED
            and self.amended_on is not None
            and self.amended_on <= self.amend_by
        )


def planner_cohort(plans: Any) -> list[CohortEntry]:
    """Every mover in the planner's order, in one query: the page, its count, the filters'
    settings and the progress figures are all taken from this one scan (issue 13: the planner
    used to scan its cohort three times, compiling its CASE each time)."""
    return [
        CohortEntry(*row)
        for row in plans.order_by(*PLANNER_ORDER).values_list(
            "pk",
            "kind",
            "current_setting_id",
            "planner_status",
            "amend_by",
            "t__amendment__issued_on",
            "transfer_id",
        )
    ]


def cohort_filtered(
    cohort: list[CohortEntry], *, kind: str = "", setting_id: str = "", status: str = ""
) -> list[CohortEntry]:
    """The scanned cohort narrowed as `planner_filtered` narrows the queryset."""
    wanted_setting = int(setting_id) if setting_id.isdigit() else None
    return [
        e
        for e in cohort
        if (kind not in TransferKindChoice.values or e.kind == kind)
        and (wanted_setting is None or e.setting_id == wanted_setting)
        and (status not in PlannerStatus.LABELS or e.status == status)
    ]


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


def planner_rows(entries: list[CohortEntry], *, on: date) -> list[PlannerRow]:
    """One page of the planner, in a fixed number of queries whatever the page size."""
    plans = EHCPlan.objects.select_related("child").in_bulk([e.plan_id for e in entries])
    transfers = {
        t.pk: t
        for t in PhaseTransfer.objects.filter(
            pk__in=[e.transfer_id for e in entries if e.transfer_id]
        )
        .select_related(
            "first_preference", "second_preference", "third_preference", "named_setting"
        )
        .select_related("amendment")
    }
    settings = Setting.objects.in_bulk({e.setting_id for e in entries if e.setting_id})
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
    for e in entries:
        plan = plans[e.plan_id]
        rows.append(
            PlannerRow(
                plan=plan,
                child=plan.child,
                kind=e.kind,
                kind_label=TransferKindChoice(e.kind).label,
                current_setting=settings.get(e.setting_id) if e.setting_id else None,
                transfer=transfers.get(e.transfer_id) if e.transfer_id else None,
                status=e.status,
                amend_by=e.amend_by,
                clock=None
                if e.status in PlannerStatus.DONE
                else statutory.clock_status(e.amend_by, on),
                consultations=consultations.get(e.plan_id, []),
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


def _counts(entries: list[CohortEntry], group: str) -> dict[Any, dict[str, int]]:
    """The progress counts for each value of ``group`` (the kind of move or the setting)."""
    totals: dict[Any, dict[str, int]] = {}
    for e in entries:
        sums = totals.setdefault(getattr(e, group), dict.fromkeys(PROGRESS_FIELDS, 0))
        sums["total"] += 1
        sums["opened"] += e.status != PlannerStatus.NOT_OPENED
        sums["amended"] += e.status == PlannerStatus.AMENDED
        sums["amended_in_time"] += e.amended_in_time
        sums["not_transferring"] += e.status == PlannerStatus.NOT_TRANSFERRING
    return totals


@dataclass(frozen=True)
class PlannerProgress:
    by_kind: list[Progress]
    by_setting: list[Progress]
    setting_ids: set[int]


def planner_progress(cohort: list[CohortEntry]) -> PlannerProgress:
    """Counts and % amended by the deadline, by cohort (the kind of move) and by setting,
    counted from the planner's one scan."""
    by_kind = [
        Progress(key=kind, label=TransferKindChoice(kind).label, **sums)
        for kind, sums in sorted(_counts(cohort, "kind").items())
    ]
    per_setting = _counts(cohort, "setting_id")
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


def planner_settings(cohort: list[CohortEntry]) -> QuerySet[Setting]:
    """The current settings of the children in the planner, for the filter."""
    return Setting.objects.filter(pk__in={e.setting_id for e in cohort if e.setting_id}).order_by(
        "name"
    )


def transfer_preferences(transfer: PhaseTransfer) -> list[Setting]:
    t = transfer
    return [s for s in (t.first_preference, t.second_preference, t.third_preference) if s]
