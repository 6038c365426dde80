"""Synthetic EHC plans for the demo area: the children who already have a plan.

Each plan is final, with a named setting (the child's current main placement), an issue date from
the last few years, and a small golden thread (one need → one outcome → one quantified provision)
so plan pages, queues and reviews have real content. Rows are bulk-inserted.
"""

import random
from datetime import date

from opensend import statutory
from opensend.casework.models import AssessmentRequest, Stage
from opensend.demo.logins import demo_parent_children
from opensend.people.codes import SENType, SettingKind
from opensend.people.models import Child, Enrolment, Setting
from opensend.plans.models import EHCPlan, Need, Outcome, PlacementType, PlanStatus, Provision

PLAN_SHARE = 0.8  # of children aged 2 to 25 with no assessment under way
BATCH = 2000
_AREA = {
    SENType.ASD: "communication",
    SENType.SLCN: "communication",
    SENType.SEMH: "semh",
    SENType.MLD: "cognition",
    SENType.SLD: "cognition",
    SENType.PMLD: "cognition",
    SENType.SPLD: "cognition",
    SENType.DS: "cognition",
    SENType.HI: "sensory_physical",
    SENType.VI: "sensory_physical",
    SENType.MSI: "sensory_physical",
    SENType.PD: "sensory_physical",
}
_PLACEMENT: dict[SettingKind, PlacementType] = {
    SettingKind.MAINSTREAM_SCHOOL: PlacementType.MAINSTREAM,
    SettingKind.RESOURCE_BASE: PlacementType.RESOURCE_BASE,
    SettingKind.SPECIAL_SCHOOL: PlacementType.SPECIAL,
    SettingKind.INDEPENDENT: PlacementType.INDEPENDENT,
    SettingKind.OUT_OF_AREA: PlacementType.OUT_OF_AREA,
    SettingKind.COLLEGE: PlacementType.POST_16,
}
_THREAD = {
    "communication": (
        "Finds it hard to understand and use spoken language.",
        "Takes part in a two-way conversation with a friend by the end of the year.",
        "Speech and language therapy programme",
        "Speech and language therapist",
    ),
    "cognition": (
        "Learns new skills slowly and needs them broken into small steps.",
        "Reads and understands simple sentences by the end of the key stage.",
        "Structured literacy programme",
        "Specialist teacher",
    ),
    "semh": (
        "Becomes anxious at changes in routine, which stops them learning.",
        "Uses a calm-down plan to return to class within 10 minutes.",
        "Emotional literacy support sessions",
        "Trained learning mentor",
    ),
    "sensory_physical": (
        "Needs support with mobility and access to the curriculum.",
        "Moves around the school independently and safely.",
        "Physiotherapy programme delivered in school",
        "Physiotherapist",
    ),
}


def _placement(kind: str | None) -> str:
    return _PLACEMENT.get(SettingKind(kind), PlacementType.OTHER) if kind else PlacementType.OTHER


def build_demo_plans(*, seed: int, today: date) -> int:
    rng = random.Random(seed * 104729 + 3)
    finals = dict(
        AssessmentRequest.objects.filter(stage=Stage.FINAL_ISSUED).values_list("child_id", "pk")
    )
    busy = set(
        AssessmentRequest.objects.exclude(stage=Stage.FINAL_ISSUED).values_list(
            "child_id", flat=True
        )
    )
    final_dates = dict(
        AssessmentRequest.objects.filter(stage=Stage.FINAL_ISSUED).values_list(
            "pk", "final_issued_on"
        )
    )
    placements = dict(
        Enrolment.objects.filter(ended_on__isnull=True, is_main=True).values_list(
            "child_id", "setting_id"
        )
    )
    kinds = dict(Setting.objects.values_list("pk", "kind"))
    two_years_ago = statutory.add_months(today, -24)
    plans: list[EHCPlan] = []
    needs_for: list[str] = []
    showcase = set(demo_parent_children())  # built by demo.showcase, after the random stages
    for pk, dob, need in Child.objects.order_by("pk").values_list(
        "pk", "date_of_birth", "primary_need"
    ):
        request_id = finals.get(pk)
        if request_id is None and (pk in busy or dob > two_years_ago or rng.random() > PLAN_SHARE):
            continue
        setting_id = placements.get(pk)
        if request_id is not None:
            issued = final_dates[request_id]
        else:
            earliest = max(statutory.add_months(dob, 30), statutory.add_months(today, -96))
            span = statutory.days_until(today, earliest)
            if span < 0:
                continue  # too young to have had a plan issued yet
            issued = statutory.add_days(earliest, rng.randint(0, span))
        if pk in showcase:
            continue
        plans.append(
            EHCPlan(
                child_id=pk,
                request_id=request_id,
                status=PlanStatus.FINAL,
                version=1,
                issued_on=issued,
                named_setting_id=setting_id,
                placement_type=_placement(kinds.get(setting_id) if setting_id else None),
                about_me="Synthetic demo plan: the child's views would be here.",
            )
        )
        needs_for.append(_AREA.get(need, "cognition"))
    EHCPlan.objects.bulk_create(plans, batch_size=BATCH)
    _golden_threads(plans, needs_for)
    return len(plans)


def _golden_threads(plans: list[EHCPlan], areas: list[str]) -> None:
    needs = [
        Need(plan=p, section="B", area=a, description=_THREAD[a][0])
        for p, a in zip(plans, areas, strict=True)
    ]
    Need.objects.bulk_create(needs, batch_size=BATCH)
    outcomes = [
        Outcome(plan=p, description=_THREAD[a][1], by_when="By the next annual review")
        for p, a in zip(plans, areas, strict=True)
    ]
    Outcome.objects.bulk_create(outcomes, batch_size=BATCH)
    provisions = [
        Provision(
            plan=p,
            section="F",
            description=_THREAD[a][2],
            provided_by=_THREAD[a][3],
            frequency="Once a week",
            duration="30 minutes",
            group_size="1:1",
            location="In school",
        )
        for p, a in zip(plans, areas, strict=True)
    ]
    Provision.objects.bulk_create(provisions, batch_size=BATCH)
    Outcome.needs.through.objects.bulk_create(
        [Outcome.needs.through(outcome=o, need=n) for o, n in zip(outcomes, needs, strict=True)],
        batch_size=BATCH,
    )
    Provision.outcomes.through.objects.bulk_create(
        [
            Provision.outcomes.through(provision=p, outcome=o)
            for p, o in zip(provisions, outcomes, strict=True)
        ],
        batch_size=BATCH,
    )
