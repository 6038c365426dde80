"""Every read the improvement pages use. Nothing here is about a child, so any holder of
view_improvement sees all of it (the views check the capability); a missing record is a 404."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor
from opensend.improvement.models import (
    ActionEvidence,
    Area,
    BoardMeeting,
    ImpactMeasure,
    MeetingPaper,
    Milestone,
    Plan,
    PlanAction,
    PlanKind,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
    Risk,
    Source,
    Workstream,
)

SCORES = (1, 2, 3, 4, 5)
LIKELIHOOD = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}
# Likelihood × impact: 15 and over is high, 8 to 14 medium, under 8 low (docs/improvement.md).
HIGH, MEDIUM = 15, 8


def band(score: int) -> str:
    if score >= HIGH:
        return "High"
    return "Medium" if score >= MEDIUM else "Low"


def source_list() -> QuerySet[Source]:
    return Source.objects.annotate(
        area_count=Count("areas", distinct=True),
        recommendation_count=Count("recommendations", distinct=True),
    )


def source_get(*, source_id: int) -> Source:
    return get_object_or_404(Source, pk=source_id)


def priority_action_plans(source: Source) -> QuerySet[Plan]:
    return source.plans.filter(kind=PlanKind.PRIORITY_ACTION)


def source_areas(source: Source) -> QuerySet[Area]:
    return source.areas.prefetch_related("sign_off_changes__recorded_by")


def area_get(*, area_id: int) -> Area:
    return get_object_or_404(Area.objects.select_related("source"), pk=area_id)


def _with_latest_update(qs: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    return qs.select_related("source").prefetch_related(
        Prefetch("updates", queryset=RecommendationUpdate.objects.all(), to_attr="update_list"),
        "restates__source",
    )


def recommendation_list(*, status: str = "", owner: str = "") -> QuerySet[Recommendation]:
    """The recommendations in force (a withdrawn one is on its report's page only)."""
    qs = Recommendation.objects.filter(withdrawn_on__isnull=True)
    if status:
        qs = qs.filter(status=status)
    if owner:
        qs = qs.filter(owner=owner)
    return _with_latest_update(qs)


def recommendation_owners() -> list[str]:
    return list(
        Recommendation.objects.exclude(owner="")
        .order_by("owner")
        .values_list("owner", flat=True)
        .distinct()
    )


def recommendation_status_counts() -> list[tuple[str, int]]:
    in_force = Recommendation.objects.filter(withdrawn_on__isnull=True)
    counts = dict(in_force.values_list("status").annotate(n=Count("pk")).order_by())
    return [(label, counts.get(value, 0)) for value, label in RecommendationStatus.choices]


def recommendation_get(*, recommendation_id: int) -> Recommendation:
    qs = _with_latest_update(Recommendation.objects.all()).prefetch_related(
        "updates__recorded_by", "restated_by__source"
    )
    return get_object_or_404(qs, pk=recommendation_id)


def recommendation_choices() -> QuerySet[Recommendation]:
    return Recommendation.objects.select_related("source")


def risk_list() -> QuerySet[Risk]:
    """The open risks (closed ones leave the heat maps and the board pack)."""
    return Risk.objects.filter(closed_on__isnull=True)


def closed_risks() -> QuerySet[Risk]:
    return Risk.objects.filter(closed_on__isnull=False)


def withdrawn_recommendations(source: Source) -> QuerySet[Recommendation]:
    return source.recommendations.filter(withdrawn_on__isnull=False)


def risk_get(*, risk_id: int) -> Risk:
    return get_object_or_404(Risk.objects.prefetch_related("history__recorded_by"), pk=risk_id)


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    risks: list[Risk]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        return band(self.score)


def heat_map(risks: list[Risk], *, residual: bool = True) -> list[dict[str, Any]]:
    """Rows from likelihood 5 (top) to 1, each with a cell per impact 1 to 5 holding its risks."""
    prefix = "residual" if residual else "inherent"
    placed: dict[tuple[int, int], list[Risk]] = {}
    for risk in risks:
        key = (getattr(risk, f"{prefix}_likelihood"), getattr(risk, f"{prefix}_impact"))
        placed.setdefault(key, []).append(risk)
    return [
        {
            "likelihood": likelihood,
            "label": LIKELIHOOD[likelihood],
            "cells": [
                HeatCell(likelihood, impact, placed.get((likelihood, impact), []))
                for impact in SCORES
            ],
        }
        for likelihood in reversed(SCORES)
    ]


def plan_list() -> QuerySet[Plan]:
    """Every plan, closed ones too (the overview marks them closed and rates only open ones)."""
    return Plan.objects.select_related("source").annotate(
        workstream_count=Count(
            "workstreams", filter=Q(workstreams__closed_on__isnull=True), distinct=True
        )
    )


def plan_get(*, plan_id: int) -> Plan:
    qs = Plan.objects.select_related("source").prefetch_related(
        "workstreams__measures",
        "workstreams__actions__milestones",
        "change_records__recorded_by",
        "workstreams__change_records__recorded_by",
        "workstreams__measures__change_records__recorded_by",
    )
    return get_object_or_404(qs, pk=plan_id)


def workstream_get(*, workstream_id: int) -> Workstream:
    return get_object_or_404(Workstream.objects.select_related("plan"), pk=workstream_id)


def meeting_list() -> QuerySet[BoardMeeting]:
    return BoardMeeting.objects.all()


def meeting_get(*, meeting_id: int) -> BoardMeeting:
    qs = BoardMeeting.objects.prefetch_related(
        "items__plan",
        "items__recommendation__source",
        "items__risk",
        "attendees",
        "outcomes__item",
        "papers__item",
        "papers__uploaded_by",
    )
    return get_object_or_404(qs, pk=meeting_id)


def workstream_actions(workstream: Workstream) -> QuerySet[PlanAction]:
    return workstream.actions.prefetch_related("milestones", "depends_on")


def action_get(*, action_id: int) -> PlanAction:
    qs = PlanAction.objects.select_related("workstream__plan").prefetch_related(
        "milestones",
        "depends_on__workstream",
        "needed_by__workstream",
        "evidence__recorded_by",
        "evidence__milestone",
        "status_changes__recorded_by",
        "history__recorded_by",
    )
    return get_object_or_404(qs, pk=action_id)


def plan_action_choices(
    plan: Plan, *, leaving_out: PlanAction | None = None
) -> QuerySet[PlanAction]:
    """The actions of a plan another may depend on."""
    qs = PlanAction.objects.filter(workstream__plan=plan).select_related("workstream")
    return qs.exclude(pk=leaving_out.pk) if leaving_out is not None else qs


def milestone_get(*, milestone_id: int) -> Milestone:
    return get_object_or_404(
        Milestone.objects.select_related("action__workstream__plan"), pk=milestone_id
    )


def evidence_get(*, evidence_id: int) -> ActionEvidence:
    return get_object_or_404(ActionEvidence, pk=evidence_id)


def measure_get(*, measure_id: int) -> ImpactMeasure:
    return get_object_or_404(
        ImpactMeasure.objects.select_related("workstream__plan").prefetch_related(
            "figures__recorded_by", "change_records__recorded_by"
        ),
        pk=measure_id,
    )


def paper_get(*, paper_id: int) -> MeetingPaper:
    return get_object_or_404(MeetingPaper.objects.select_related("meeting"), pk=paper_id)


def paper_for_download(*, user: Actor, paper_id: int) -> MeetingPaper:
    """A paper to download, audited (who opened which paper). A withdrawn paper is not offered:
    the same 404 as a missing one."""
    paper = get_object_or_404(MeetingPaper, pk=paper_id, withdrawn_on__isnull=True)
    audit_record(
        actor=user,
        action=Action.EXPORT,
        obj=paper,
        summary=f"Downloaded the paper {paper.title}",
        source="Improvement governance",
    )
    return paper


def area_library(area: Area) -> dict[str, Any]:
    """The evidence library of an area: the actions and recommendations that answer it, each with
    its evidence (an action's documents, links and milestone evidence; a recommendation's dated
    updates that give evidence). Read-only: evidence is added on the action or recommendation."""
    actions = area.actions.select_related("workstream__plan").prefetch_related(
        "evidence__milestone", "evidence__recorded_by", "milestones"
    )
    recommendations = area.recommendations.select_related("source").prefetch_related(
        Prefetch(
            "updates",
            queryset=RecommendationUpdate.objects.exclude(evidence=""),
            to_attr="evidence_updates",
        )
    )
    return {"actions": list(actions), "recommendations": list(recommendations)}
