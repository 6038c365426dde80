# ruff: noqa: E501  (the recommendations are data: one line each reads as the report does)
"""The demo area's improvement programme, in the shape of the public Birmingham papers (the
inspection letter, Written Statement of Action, the DfE/NHS England progress review and the
Commissioner's reports with the cabinet report's tracking table): one local area SEND inspection
with 13 areas of significant weakness (three signed off, each with its history), the revisit, the
24-month progress review, three Commissioner's reports with 24 numbered recommendations (the later
reports restating earlier ones), dated updates (evidence wherever one says complete) and a risk
register, and the Written Statement of Action with its four workstreams and impact measures
(most read live from the KPIs, some entered with their source), and six board meetings. The wording paraphrases those public documents; no person is named. Deterministic: the
same seed gives the same rows. The last stage of the demo build (docs/improvement.md)."""

import random
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile

from opensend import statutory
from opensend.core.uploads import check_upload
from opensend.demo.directory_files import leaflet_pdf
from opensend.demo.improvement_actions import build_demo_actions
from opensend.demo.improvement_history import build_demo_history
from opensend.demo.improvement_papers import (
    AREAS,
    DEFAULT_GOAL,
    MEASURE_GOALS,
    REPORTS,
    REVIEW_AT,
    RISKS,
    WORKSTREAMS,
)
from opensend.improvement.action_services import save_with_document
from opensend.improvement.models import (
    AgendaItem,
    Area,
    AreaSignOffChange,
    Attendee,
    BoardMeeting,
    ImpactMeasure,
    MeasureFigure,
    MeetingOutcome,
    MeetingPaper,
    OutcomeKind,
    Plan,
    PlanAction,
    PlanKind,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
    Represents,
    Risk,
    SignOff,
    Source,
    SourceKind,
    Trend,
    Workstream,
)
from opensend.improvement.services import sort_key


def _plan(inspection: Source, today: date) -> None:
    plan = Plan.objects.create(
        kind=PlanKind.WSOA,
        title="Written Statement of Action",
        source=inspection,
        approved_on=date(2018, 12, 7),
    )
    for number, (title, lead, rows) in enumerate(WORKSTREAMS, start=1):
        workstream = Workstream.objects.create(plan=plan, number=number, title=title, lead=lead)
        for name, kpi_key, value, where in rows:
            baseline, target = MEASURE_GOALS.get(kpi_key or "", DEFAULT_GOAL)
            measure = ImpactMeasure.objects.create(
                workstream=workstream,
                name=name,
                kpi_key=kpi_key or "",
                baseline=baseline,
                target=target,
                target_on=statutory.add_months(today, 12).replace(day=1),
                entered_value=value,
                entered_on=statutory.add_months(today, -2).replace(day=1) if value else None,
                entered_source=where,
                baseline_on=statutory.add_months(today, -18).replace(day=1),
                voice_of_families="parent carer forum" in where.lower(),
            )
            if value is not None and measure.entered_on is not None:
                _figures(measure, value, measure.entered_on, today)
    build_demo_actions(plan, today=today)


def _figures(measure: ImpactMeasure, latest: Decimal, on: date, today: date) -> None:
    """An entered measure's history: the figure 14 months ago, 8 months ago and the latest."""
    for months, share in ((-14, Decimal("0.2")), (-8, Decimal("0.6"))):
        MeasureFigure.objects.create(
            measure=measure,
            value=(measure.baseline + (latest - measure.baseline) * share).quantize(Decimal("0.1")),
            on=statutory.add_months(today, months).replace(day=1),
            source=measure.entered_source,
        )
    MeasureFigure.objects.create(
        measure=measure, value=latest, on=on, source=measure.entered_source
    )


BOARD = [
    ("Independent chair", Represents.INDEPENDENT),
    ("Director for Children and Families", Represents.COUNCIL),
    ("Head of SENAR", Represents.COUNCIL),
    ("Health board SEND lead", Represents.HEALTH),
    ("Children's Trust director", Represents.SOCIAL_CARE),
    ("Parent carer forum co-chair", Represents.PARENT_CARER_FORUM),
    ("Primary headteacher", Represents.SCHOOLS),
    ("Special school headteacher", Represents.SCHOOLS),
    ("DfE SEND adviser", Represents.DFE),
]


def _papers(meeting: BoardMeeting, items: list[AgendaItem]) -> None:
    """The next meeting's papers: the agenda pack and the highlight report for item 1, small
    made-up PDFs stored through core.uploads like any upload, and the first draft of the
    highlight report, withdrawn (listed with why, no longer offered for download)."""
    for title, item, lines, withdrawn in (
        (
            "Agenda pack",
            None,
            ["1. Progress against the plan", "2. Recommendations", "3. Risks"],
            "",
        ),
        (
            "Highlight report by workstream (first draft)",
            items[0],
            ["RAG by workstream: draft."],
            "The wrong version: replaced by the final highlight report.",
        ),
        (
            "Highlight report by workstream",
            items[0],
            ["RAG by workstream, and what changed."],
            "",
        ),
    ):
        upload = ContentFile(leaflet_pdf(title, lines), name=f"{title}.pdf")
        paper = MeetingPaper(meeting=meeting, item=item, title=title)
        if withdrawn:
            paper.withdrawn_on = statutory.add_days(meeting.held_on, -35)
            paper.withdrawn_reason = withdrawn
        save_with_document(paper, check_upload(upload))


def _meetings(rng: random.Random, today: date) -> None:
    """Six board meetings two months apart, the last of them the next meeting (a month from
    today), each with an agenda that discusses the plan, a recommendation and a risk, the
    attendance (apologies already sent for the next one), and for those held a decision and an
    action."""
    plan = Plan.objects.get()
    recommendations = list(Recommendation.objects.exclude(status="complete").order_by("pk"))
    risks = list(Risk.objects.order_by("pk"))
    for n in range(6):
        held_on = statutory.add_months(today, 1 - 2 * (5 - n)).replace(day=4)
        meeting = BoardMeeting.objects.create(
            title="SEND and AP Improvement Board", held_on=held_on
        )
        recommendation, risk = rng.choice(recommendations), rng.choice(risks)
        agenda: list[tuple[str, str, dict[str, Any]]] = [
            ("Progress against the plan", "Highlight report by workstream", {"plan": plan}),
            (
                "Commissioner's recommendations",
                "Recommendation tracker",
                {"recommendation": recommendation},
            ),
            ("Risk register", "Risk register and heat map", {"risk": risk}),
            ("The voice of families", "You said, we did", {}),
        ]
        items = [
            AgendaItem.objects.create(
                meeting=meeting, number=number, title=title, paper=paper, **about
            )
            for number, (title, paper, about) in enumerate(agenda, start=1)
        ]
        risk_item = items[2]
        Attendee.objects.bulk_create(
            Attendee(meeting=meeting, name=name, represents=represents, present=rng.random() > 0.15)
            for name, represents in BOARD
        )
        if held_on > today:
            _papers(meeting, items)
            continue
        MeetingOutcome.objects.create(
            meeting=meeting, kind=OutcomeKind.DECISION, text="The Board noted the progress report."
        )
        MeetingOutcome.objects.create(
            meeting=meeting,
            item=risk_item,
            kind=OutcomeKind.ACTION,
            text=f"Review the controls for risk {risk.reference} and report back.",
            owner=risk.owner,
            due_on=statutory.add_months(held_on, 2),
        )


# Which actions and recommendations answer each area (area number: action numbers, then
# (report index, recommendation number)): the areas' evidence libraries gather their evidence.
ANSWERED_BY: dict[int, tuple[tuple[str, ...], tuple[tuple[int, str], ...]]] = {
    1: (("4.1", "4.2"), ((0, "7"), (2, "3"))),
    3: (("4.3",), ((0, "6"),)),
    4: (("1.1", "1.2"), ((0, "10"), (2, "7"))),
    5: (("2.1", "2.2"), ((1, "14"),)),
    6: (("2.3",), ()),
    11: (("3.1", "3.2", "3.3"), ()),
    13: (("1.2", "1.3"), ((0, "10"),)),
}


def _evidence_library(inspection: Source, made: list[dict[str, Recommendation]]) -> None:
    actions = {a.number: a for a in PlanAction.objects.filter(workstream__plan__source=inspection)}
    for area in inspection.areas.filter(number__in=ANSWERED_BY):
        numbers, recommendations = ANSWERED_BY[area.number]
        area.actions.set([actions[n] for n in numbers])
        area.recommendations.set([made[i][n] for i, n in recommendations])


def build_demo_improvement(*, seed: int, today: date) -> int:
    """The demo area's improvement programme; returns how many recommendations it tracks."""
    rng = random.Random(f"improvement-{seed}")
    inspection = Source.objects.create(
        kind=SourceKind.INSPECTION_2018,
        title="Joint local area SEND inspection, June 2018",
        author="Ofsted and the Care Quality Commission",
        published_on=date(2018, 7, 30),
        judgement="A Written Statement of Action is required: 13 areas of significant weakness.",
        summary="The local area and the clinical commissioning group are jointly responsible for "
        "the Written Statement of Action, submitted in December 2018.",
    )
    Source.objects.create(
        kind=SourceKind.MONITORING,
        title="Revisit of the local area, May 2021",
        author="Ofsted and the Care Quality Commission",
        published_on=date(2021, 7, 13),
        judgement="Sufficient progress in 1 of the 13 areas of significant weakness.",
    )
    Source.objects.create(
        kind=SourceKind.PROGRESS_REVIEW,
        title="24-month review of the Accelerated Progress Plan",
        author="Department for Education and NHS England",
        published_on=date(2024, 2, 6),
        judgement="Clear and sustained progress in the overarching strategy area.",
        summary="Governance strengthened; a stable leadership team; plan quality and advice "
        "still variable; next review in six months.",
    )
    for area_number, (text, owner, body, on) in enumerate(AREAS, start=1):
        area = Area.objects.create(source=inspection, number=area_number, text=text, owner=owner)
        if on is not None:
            area.sign_off, area.signed_off_on, area.signed_off_by = SignOff.SIGNED_OFF, on, body
            area.save()
            AreaSignOffChange.objects.create(
                area=area,
                sign_off=SignOff.SIGNED_OFF,
                on=on,
                body=body,
                reason="Sufficient progress found.",
            )
    _plan(inspection, today)
    made: list[dict[str, Recommendation]] = []
    for title, published_on, rows, updated_on in REPORTS:
        source = Source.objects.create(
            kind=SourceKind.COMMISSIONER,
            title=title,
            author="The DfE SEND Commissioner",
            published_on=published_on,
        )
        by_number: dict[str, Recommendation] = {}
        for number, text, paragraph, owner, status, update, evidence, restates in rows:
            next_on = statutory.add_months(today, rng.choice((1, 2, 3))).replace(day=1)
            open_status = status not in ("complete", "not_applicable")
            recommendation = Recommendation.objects.create(
                source=source,
                number=number,
                sort_key=sort_key(number),
                text=text,
                paragraph=paragraph,
                owner=owner,
                status=status,
                next_review_on=next_on if open_status else None,
                next_review_at=REVIEW_AT if open_status else "",
            )
            recommendation.restates.set([made[i][n] for i, n in restates])
            first = statutory.add_months(published_on, rng.choice((3, 4, 5)))
            RecommendationUpdate.objects.create(
                recommendation=recommendation,
                written_on=first,
                text="Accepted by the Improvement Board; an owner named and actions agreed.",
                status=RecommendationStatus.IN_PROGRESS,
            )
            RecommendationUpdate.objects.create(
                recommendation=recommendation,
                written_on=updated_on,
                text=update,
                status=status,
                evidence=evidence,
            )
            by_number[number] = recommendation
        made.append(by_number)
    for index, (title, cause, effect, owner) in enumerate(RISKS, start=1):
        inherent = (rng.randint(3, 5), rng.randint(3, 5))
        residual = (rng.randint(1, inherent[0]), rng.randint(2, inherent[1]))
        Risk.objects.create(
            reference=f"R{index}",
            title=title,
            cause=cause,
            effect=effect,
            inherent_likelihood=inherent[0],
            inherent_impact=inherent[1],
            residual_likelihood=residual[0],
            residual_impact=residual[1],
            controls="Monthly oversight at the Improvement Board; actions in the improvement plan.",
            actions="Report progress to the next Board.",
            owner=owner,
            review_on=statutory.add_months(today, rng.choice((1, 2, 3))),
            trend=rng.choice(list(Trend)),
        )
    _evidence_library(inspection, made)
    _meetings(rng, today)
    build_demo_history(today=today)
    return sum(len(rows) for _, _, rows, _ in REPORTS)
