"""Factories for improvement governance: inspections and reports, areas, recommendations, risks."""

import datetime

import factory

from opensend.improvement.models import (
    ActionEvidence,
    Area,
    BoardMeeting,
    ImpactMeasure,
    Milestone,
    Partner,
    Plan,
    PlanAction,
    PlanKind,
    Recommendation,
    Risk,
    Source,
    SourceKind,
    Workstream,
)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    kind = SourceKind.COMMISSIONER
    title = factory.Sequence(lambda n: f"Commissioner's report {n}")
    author = "The SEND Commissioner"
    published_on = datetime.date(2024, 2, 1)


class InspectionFactory(SourceFactory):
    kind = SourceKind.INSPECTION_2018
    title = factory.Sequence(lambda n: f"Local area SEND inspection {n}")
    author = "Ofsted and CQC"
    published_on = datetime.date(2018, 7, 30)
    judgement = "A Written Statement of Action is required."


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    source = factory.SubFactory(InspectionFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Plans are not written in time and are of poor quality."
    owner = Partner.JOINT


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    source = factory.SubFactory(SourceFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    sort_key = factory.LazyAttribute(lambda o: int(o.number) * 100 if o.number.isdigit() else 0)
    text = "The Improvement Board should oversee the outstanding actions."
    paragraph = "51"
    owner = "Director for Children and Families"


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    reference = factory.Sequence(lambda n: f"R{n + 1}")
    title = "Not enough caseworkers"
    cause = "Posts stay vacant."
    effect = "Plans are issued late."
    inherent_likelihood = 4
    inherent_impact = 5
    residual_likelihood = 3
    residual_impact = 4
    controls = "Agency cover and a recruitment campaign."
    owner = "Head of SENAR"
    review_on = datetime.date(2026, 12, 1)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    kind = PlanKind.WSOA
    title = factory.Sequence(lambda n: f"Written Statement of Action {n}")


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Journey of the child"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMeeting

    title = "SEND Improvement Board"
    held_on = datetime.date(2025, 3, 4)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    workstream = factory.SubFactory(WorkstreamFactory)
    number = factory.Sequence(lambda n: f"{n + 1}")
    title = "Introduce a quality assurance framework for plans"
    owner = "Head of SENAR"
    organisation = "The council"
    starts_on = datetime.date(2026, 1, 5)
    due_on = datetime.date(2099, 1, 5)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    action = factory.SubFactory(ActionFactory)
    months = 3
    description = "The framework is agreed by the partnership"
    due_on = datetime.date(2026, 4, 5)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionEvidence

    action = factory.SubFactory(ActionFactory)
    description = "Minutes of the partnership board"
    link = "https://example.org/minutes"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactMeasure

    workstream = factory.SubFactory(WorkstreamFactory)
    name = "Parents who feel listened to"
    baseline = 40
    target = 60
    target_on = datetime.date(2027, 3, 31)
    entered_value = 45
    entered_on = datetime.date(2026, 6, 1)
    entered_source = "Parent carer forum survey"
