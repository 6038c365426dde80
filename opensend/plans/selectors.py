"""Every read of an EHC plan that a page or the API makes, permission-filtered.

Who sees a plan is who sees its child (`Child.objects.visible_to`). SENAR staff see a plan from
the day its draft is started; everyone else (schools, professionals, the family) from the day
the draft is served on the family. Missing and forbidden give the same 404. Reads are audited.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from opensend import statutory
from opensend.accounts.permissions import Capability, access_for, user_can
from opensend.accounts.roles import FAMILY_ROLES
from opensend.audit.models import Action, AuditEvent
from opensend.audit.services import audit_record
from opensend.casework.models import NO_NEEDS_SECTION, AdviceRequest
from opensend.core.types import Actor
from opensend.people.models import Child, FamilyRelationship
from opensend.people.querysets import child_visibility
from opensend.plans.checks import PlanWarning, child_nc_year, plan_warnings
from opensend.plans.clocks import consultation_response_due, final_plan_due, representations_due
from opensend.plans.content import (
    SECTION_TITLES,
    SECTIONS,
    AdviceExtract,
    advice_beside_sections,
    plan_advice,
    plan_content,
    section_lines,
)
from opensend.plans.models import (
    Consultation,
    EHCPlan,
    Need,
    Outcome,
    PlanStatus,
    PlanVersion,
    Provision,
    Representation,
)

NOT_FOUND = "No plan found"


def plan_list_for_user(*, user: Actor) -> QuerySet[EHCPlan]:
    """Plans for children the user may see; drafts only once served, unless SENAR staff."""
    plans = EHCPlan.objects.filter(child_visibility(user, via="child"))
    if not user_can(user, Capability.MANAGE_CASES):
        plans = plans.filter(Q(draft_issued_on__isnull=False) | ~Q(status=PlanStatus.DRAFT))
    return plans.select_related("child", "named_setting").order_by("-updated_at", "-pk")


def plan_get_for_user(*, user: Actor, plan_id: int, audit: bool = True) -> EHCPlan:
    """The plan with every section loaded, or the same 404 for missing and forbidden."""
    try:
        plan = (
            plan_list_for_user(user=user)
            .select_related("request", "preferred_setting", "child__user")
            .prefetch_related(
                "needs",
                Prefetch("outcomes", queryset=Outcome.objects.prefetch_related("needs")),
                Prefetch("provisions", queryset=Provision.objects.prefetch_related("outcomes")),
                Prefetch("consultations", queryset=Consultation.objects.select_related("setting")),
                "representations__preferred_setting",
                Prefetch("versions", queryset=PlanVersion.objects.select_related("issued_by")),
            )
            .get(pk=plan_id)
        )
    except (EHCPlan.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404(NOT_FOUND) from exc
    if audit:
        audit_record(actor=user, action=Action.VIEW, obj=plan, child_id=plan.child_id)
    return plan


def plan_for_family(user: Actor, plan: EHCPlan) -> bool:
    """Whether this user reads the plan as its child's family (not as staff)."""
    return not (access_for(user).roles - FAMILY_ROLES) and is_family_of(user, plan.child)


def need_get(plan: EHCPlan, need_id: int) -> Need:
    return _row(plan.needs.all(), need_id)


def outcome_get(plan: EHCPlan, outcome_id: int) -> Outcome:
    return _row(plan.outcomes.all(), outcome_id)


def provision_get(plan: EHCPlan, provision_id: int) -> Provision:
    return _row(plan.provisions.all(), provision_id)


def consultation_get(plan: EHCPlan, consultation_id: int) -> Consultation:
    return _row(plan.consultations.all(), consultation_id)


def representation_get(plan: EHCPlan, representation_id: int) -> Representation:
    return _row(plan.representations.all(), representation_id)


def version_get(plan: EHCPlan, version: int) -> PlanVersion:
    return _row(plan.versions.all(), version, field="version")


def _row(items: Any, pk: int, *, field: str = "pk") -> Any:
    for item in items:
        if getattr(item, field) == pk:
            return item
    raise Http404(NOT_FOUND)


@dataclass(frozen=True)
class ThreadRow:
    """One need, the outcomes that answer it, and the provision that delivers them."""

    need: Need
    outcomes: list[Outcome]
    provisions: list[Provision]


def golden_thread(plan: EHCPlan) -> list[ThreadRow]:
    provisions = list(plan.provisions.all())
    rows = []
    for need in plan.needs.all():
        outcomes = [o for o in plan.outcomes.all() if need in o.needs.all()]
        outcome_ids = {o.pk for o in outcomes}
        delivering = [p for p in provisions if outcome_ids & {o.pk for o in p.outcomes.all()}]
        rows.append(ThreadRow(need, outcomes, delivering))
    return rows


@dataclass(frozen=True)
class PlanDates:
    """The dates a plan page shows, each from the rules engine with its rule."""

    representations_due: date | None
    representations_due_text: str
    final_plan_due: date | None
    window_open: bool


def plan_dates(plan: EHCPlan, *, on: date) -> PlanDates:
    window_end = representations_due(plan)
    final_due = final_plan_due(plan)
    return PlanDates(
        representations_due=window_end,
        representations_due_text=statutory.long_date(window_end) if window_end else "",
        final_plan_due=final_due,
        window_open=bool(
            plan.status == PlanStatus.DRAFT and window_end is not None and on <= window_end
        ),
    )


@dataclass(frozen=True)
class SectionRows:
    code: str
    title: str
    rows: list[Any]
    advice: list[AdviceExtract] = field(default_factory=list)


def plan_sections(plan: EHCPlan, *, advice: list[AdviceRequest] | None = None) -> dict[str, Any]:
    """Needs grouped into sections B, C, D and provision into F, G, H1, H2, in plan order;
    with `advice`, each section carries the advice that speaks to it (for the plan's writers)."""
    needs = list(plan.needs.all())
    provisions = list(plan.provisions.all())
    beside = advice_beside_sections(advice or [])

    def rows(code: str, items: list[Any]) -> SectionRows:
        return SectionRows(
            code,
            SECTION_TITLES[code],
            [i for i in items if i.section == code],
            beside.get(code, []),
        )

    return {
        "needs": [rows(code, needs) for code in ("B", "C", "D")],
        "outcome_advice": beside.get("E", []),
        "provision": [rows(code, provisions) for code in ("F", "G", "H1", "H2")],
    }


def family_name_for(user: Actor, child: Child) -> str:
    """How a family member's comments are signed: their name as we hold it."""
    access = access_for(user)
    if access.young_person_child_id == child.pk:
        return child.full_name
    link = (
        FamilyRelationship.objects.filter(family_member_id=access.family_member_id, child=child)
        .select_related("family_member")
        .first()
    )
    if link is None:
        return str(user)
    return f"{link.family_member} ({link.get_relationship_display().lower()})"


def consultation_rows(plan: EHCPlan) -> list[tuple[Consultation, date]]:
    """Each consultation with the date its reply is due (CoP 9.79: 15 days)."""
    return [(c, consultation_response_due(c)) for c in plan.consultations.all()]


def plan_warnings_for(plan: EHCPlan, *, on: date) -> list[PlanWarning]:
    """The quality checks on the plan as it stands, for the child's year group on `on`."""
    content = plan_content(plan)
    no_needs = frozenset(
        NO_NEEDS_SECTION[a.kind]
        for a in plan_advice(plan)
        if a.no_needs and a.kind in NO_NEEDS_SECTION
    )
    return plan_warnings(content, nc_year=child_nc_year(content, on), advised_no_needs=no_needs)


PLAN_ROW_TYPES = ["plans.need", "plans.outcome", "plans.provision"]


def plan_changes_between(
    plan: EHCPlan, *, start: PlanVersion | None, end: PlanVersion | None, limit: int = 200
) -> list[AuditEvent]:
    """Who changed the plan's content between two versions (from the audit trail): section A,
    I and J, and every need, outcome and provision added, changed or removed."""
    events = AuditEvent.objects.filter(child_id=plan.child_id).filter(
        Q(object_type="plans.ehcplan", object_id=str(plan.pk)) | Q(object_type__in=PLAN_ROW_TYPES)
    )
    events = events.filter(action__in=[Action.CREATE, Action.UPDATE])
    if start is not None:
        events = events.filter(occurred_at__gt=start.recorded_at)
    if end is not None:
        events = events.filter(occurred_at__lte=end.recorded_at)
    return list(events.select_related("actor").order_by("occurred_at", "pk")[:limit])


def plan_is_amending(plan: EHCPlan) -> bool:
    """A final plan with an amendment open: its content can be edited until it is issued.

    Read through the reverse relation (`plan.amendments`, the reviews app's manager), so plans
    does not import reviews: the journey's order is casework -> plans -> disputes -> reviews."""
    return plan.amendments.open().exists()  # type: ignore[attr-defined]


def is_family_of(user: Actor, child: Child) -> bool:
    """A parent or carer with parental responsibility for the child, or the young person."""
    access = access_for(user)
    if access.young_person_child_id == child.pk:
        return True
    if access.family_member_id is None:
        return False
    return FamilyRelationship.objects.filter(
        family_member_id=access.family_member_id,
        child_id=child.pk,
        has_parental_responsibility=True,
        family_member__closed_at__isnull=True,
    ).exists()


__all__ = [
    "golden_thread",
    "is_family_of",
    "plan_advice",
    "plan_dates",
    "plan_for_family",
    "plan_get_for_user",
    "plan_list_for_user",
    "plan_warnings_for",
]


@dataclass(frozen=True)
class IssuedPlan:
    """The plan in force while it is being amended: the last issued version, section by section."""

    version: PlanVersion
    sections: list[tuple[str, str, list[str]]]


def plan_in_force_while_amending(plan: EHCPlan) -> IssuedPlan | None:
    """While an amendment is open, the family sees the plan as issued, not the working copy
    (changes reach them only as proposals, regulation 22). None when nothing is being amended."""
    amendments = plan.amendments  # type: ignore[attr-defined]  # reverse relation from reviews
    if plan.is_draft or not amendments.open().exists():
        return None
    version = plan.versions.order_by("-version").first()
    if version is None:
        return None
    snapshot = version.snapshot
    return IssuedPlan(
        version=version,
        sections=[(code, title, section_lines(snapshot, code)) for code, title in SECTIONS],
    )
