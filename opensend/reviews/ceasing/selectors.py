"""Every read on cease decisions: one decision, the list, the queue and the plan's banner.

Visibility follows the child (`Child.objects.visible_to`); anything else is the same 404.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from opensend import statutory
from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor
from opensend.people.models import Child
from opensend.people.querysets import child_visibility
from opensend.plans.models import EHCPlan
from opensend.reviews.ceasing.services import attends_further_education, cease_blocker
from opensend.reviews.models import OPEN_CESSATION_STATUSES, Cessation, CessationStatus

_LOOKUP_ERRORS = (ValueError, TypeError, OverflowError)


def cessation_list_for_user(*, user: Actor) -> QuerySet[Cessation]:
    if not user_can(user, Capability.VIEW_REVIEWS):
        return Cessation.objects.none()
    return Cessation.objects.filter(child_visibility(user, via="child"))


def cessation_get_for_user(*, user: Actor, cessation_id: Any) -> Cessation:
    """The cease decision, if this user may see the child; the same 404 otherwise. Audited."""
    try:
        cessation = (
            cessation_list_for_user(user=user)
            .select_related(
                "child", "plan", "plan__named_setting", "appeal", "review", "caseworker"
            )
            .get(pk=cessation_id)
        )
    except (Cessation.DoesNotExist, *_LOOKUP_ERRORS) as exc:
        raise Http404("No cease decision found") from exc
    audit_record(actor=user, action=Action.VIEW, obj=cessation, child_id=cessation.child_id)
    return cessation


def plan_get_for_user(*, user: Actor, plan_id: Any) -> EHCPlan:
    """A plan a cease decision may be started for (same 404 for missing and not yours)."""
    try:
        plan = (
            EHCPlan.objects.filter(child_visibility(user, via="child"))
            .select_related("child", "named_setting")
            .get(pk=plan_id)
        )
    except (EHCPlan.DoesNotExist, *_LOOKUP_ERRORS) as exc:
        raise Http404("No plan found") from exc
    audit_record(actor=user, action=Action.VIEW, obj=plan, child_id=plan.child_id)
    return plan


@dataclass(frozen=True)
class PlanCessationBanner:
    """What the plan page says while a cease decision is open or after the plan ceased."""

    cessation: Cessation
    heading: str
    body: str


def plan_cessation_banner(plan: EHCPlan, *, on: date) -> PlanCessationBanner | None:
    """For the plan page: "considering ceasing", "kept while the appeal is decided", etc."""
    cessation = (
        Cessation.objects.filter(plan=plan)
        .filter(Q(status__in=OPEN_CESSATION_STATUSES) | Q(status=CessationStatus.CEASED))
        .select_related("appeal")
        .order_by("-created_at", "-pk")
        .first()
    )
    if cessation is None:
        return None
    return PlanCessationBanner(cessation, *_banner_words(cessation, on))


def _banner_words(cessation: Cessation, on: date) -> tuple[str, str]:
    status = cessation.status
    if status == CessationStatus.CEASED:
        assert cessation.ceased_on is not None  # noqa: S101 - set with the status
        return "Plan ceased", f"The plan ended on {statutory.long_date(cessation.ceased_on)}."
    if status == CessationStatus.APPEALED:
        return (
            "The plan is still maintained while the appeal is decided",
            "The family has appealed against the decision to cease the plan. The plan and "
            "its provision stay in place until the Tribunal decides (Children and Families "
            "Act 2014, s45).",
        )
    if status == CessationStatus.DECIDED:
        assert cessation.decided_on is not None  # noqa: S101 - set with the status
        due = statutory.appeal_deadline(cessation.decided_on)
        return (
            "Decided to cease: the plan is still maintained",
            f"The family can appeal until {statutory.long_date(due)}. The plan stays in "
            "place until then, or until an appeal is decided.",
        )
    return (
        "We are considering ceasing this plan",
        "The plan stays in place while we consult the family and the setting.",
    )


# ---------------------------------------------------------------------------- queue


@dataclass(frozen=True)
class CessationQueueRow:
    cessation: Cessation
    child: Child
    what: str
    due_on: date | None
    status: statutory.ClockStatus | None


_NEXT_STEP: dict[str, str] = {
    CessationStatus.PROPOSED: "Consult the family and setting, then decide",
    CessationStatus.DECIDED: "Cease once the time to appeal has passed",
    CessationStatus.APPEALED: "Waiting for the Tribunal: the plan is kept",
}


def _next_step(cessation: Cessation, on: date) -> str:
    if cessation.status == CessationStatus.PROPOSED and cessation.family_consulted_on:
        return "Decide and send the notice"
    if cessation.status == CessationStatus.APPEALED and not cease_blocker(cessation, on):
        return "Appeal dismissed or withdrawn: cease the plan"
    if (
        cessation.status == CessationStatus.APPEALED
        and cessation.appeal
        and cessation.appeal.outcome
    ):
        return "Appeal allowed: record that the plan continues"
    return _NEXT_STEP[cessation.status]


def _open_cessations(user: Actor, caseworker: Any) -> QuerySet[Cessation]:
    cessations = cessation_list_for_user(user=user).filter(status__in=OPEN_CESSATION_STATUSES)
    if caseworker is not None:
        cessations = cessations.filter(caseworker=caseworker)
    return cessations


def cessation_queue_for_user(
    *, user: Actor, on: date, caseworker: Any = None
) -> list[CessationQueueRow]:
    """Open cease decisions with the next step; the date is the end of the family's time to
    appeal (after which the plan can be ceased), or the hearing while an appeal is pending."""
    rows = []
    for c in _open_cessations(user, caseworker).select_related("child", "appeal"):
        due_on = c.next_due_on
        if c.status == CessationStatus.APPEALED and c.appeal is not None:
            due_on = c.appeal.hearing_on
        rows.append(
            CessationQueueRow(
                cessation=c,
                child=c.child,
                what=f"{c.get_reason_display()}: {_next_step(c, on).lower()}",
                due_on=due_on,
                status=statutory.clock_status(due_on, on) if due_on else None,
            )
        )
    return sorted(rows, key=lambda r: (r.due_on is None, r.due_on or on, r.cessation.pk))


def cessation_counts_by_caseworker(*, user: Actor, on: date) -> dict[int | None, dict[str, int]]:
    """Open cease decisions per caseworker, and how many are past their next date (SQL)."""
    counts = (
        _open_cessations(user, None)
        .order_by()
        .values("caseworker_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(next_due_on__lt=on)))
    )
    return {r["caseworker_id"]: {"open": r["open"], "overdue": r["overdue"]} for r in counts}


@dataclass(frozen=True)
class PlanEnd:
    """The latest day the law lets the council keep the plan (CFA s46, reg 46)."""

    last_day: date
    further_education: bool

    @property
    def text(self) -> str:
        year_end = "31 July, at a college" if self.further_education else "31 August"
        return (
            f"The plan can continue until {statutory.long_date(self.last_day)} at the latest: "
            f"the end of the academic year ({year_end}) in which they turn 25 "
            "(Children and Families Act 2014, s46; SEND Regulations 2014, reg 46)."
        )


def plan_natural_end(plan: EHCPlan) -> PlanEnd:
    """When the plan must end at the latest, from the child's date of birth and placement."""
    further = attends_further_education(plan.child)
    return PlanEnd(
        last_day=statutory.plan_end_date(plan.child.date_of_birth, further_education=further),
        further_education=further,
    )
