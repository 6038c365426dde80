"""Gather the live records into the SEN2 return's tree, for one collection year.

The return covers the calendar year before the census (1 January to 31 December: the
"collection period") and the plans in force on the census date (DfE's SEN2 guide):

- **Requests**: every request for assessment received in the period, decided in it, or still open
  in it; and, for a plan made before OpenSEND (no request on file), one historical ("H") request.
- **Assessment** (under a request the council agreed to assess): the decision whether to issue a
  plan, mediation and Tribunal flags, Week20 (a reg 13(3) exception to the 20-week limit is
  recorded), and **NamedPlan** with PlanDetail (the setting named) and any cessation.
- **ActivePlans** (a plan in force on the census date): PlacementDetail (the child's placements
  on the census date, main first), SENneed (primary and secondary need), the latest review in the
  period (ReviewMeeting, ReviewOutcome, LastReview, ReviewDraft) and the phase transfer whose
  reg 18 deadline fell in the period (PhaseTransferDueDate, PhaseTransferFinalDate).

A tree node is `(tag, text)` or `(tag, [children])`, in the schema's order, so the XML, the CSV
and the counts all read one structure.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from opensend import statutory
from opensend.casework.models import AssessmentRequest, Stage
from opensend.insights.models import Sen2Collection
from opensend.insights.sen2 import codes
from opensend.insights.sen2.loading import CHILD_FIELDS, load_related, related
from opensend.people.models import Child, Setting
from opensend.plans.models import EHCPlan, PlacementType, PlanStatus
from opensend.reviews.models import AnnualReview, CessationStatus, PhaseTransfer

Node = tuple[str, "str | list[Node]"]
SOFTWARE = "OpenSEND"
RELEASE = "1"


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    census: date

    @classmethod
    def of(cls, collection: Sen2Collection) -> "Period":
        year = collection.census_date.year - 1
        return cls(date(year, 1, 1), date(year, 12, 31), collection.census_date)

    def within(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass
class PersonEntry:
    child: Child
    node: Node
    plans: list[EHCPlan] = field(default_factory=list)


@dataclass
class Sen2Return:
    collection: Sen2Collection
    period: Period
    header: Node
    persons: list[PersonEntry]

    @property
    def message(self) -> Node:
        return ("Message", [self.header, ("Persons", [p.node for p in self.persons])])


def _opt(tag: str, value: date | str | None) -> list[Node]:
    if value is None or value == "":
        return []
    return [(tag, value.isoformat() if isinstance(value, date) else value)]


def header(collection: Sen2Collection, *, now: datetime) -> Node:
    return (
        "Header",
        [
            (
                "CollectionDetails",
                [
                    ("Collection", "SEN2"),
                    ("Year", str(collection.year)),
                    ("ReferenceDate", collection.census_date.isoformat()),
                ],
            ),
            (
                "Source",
                [
                    ("SourceLevel", "L"),
                    ("LEA", settings.OPENSEND_LA_CODE),
                    ("SoftwareCode", SOFTWARE),
                    ("Release", RELEASE),
                    ("SerialNo", "001"),
                    ("DateTime", now.replace(microsecond=0).isoformat()),
                    ("DMO", collection.dmo),
                    ("DCO", collection.dco),
                    ("DSCO", collection.dsco),
                ],
            ),
        ],
    )


# ---------------------------------------------------------------------------- outcomes


def _outcome(
    case: AssessmentRequest, period: Period, decided: date | None, refused: Stage
) -> tuple[str, date | None]:
    """Y yes, N no (the case stopped at `refused`), W withdrawn before deciding, A not yet
    decided by the end of the period, H decided before it; with the decision's date."""
    if decided is not None and decided < period.start:
        return "H", None
    if decided is not None and decided <= period.end:
        return ("N" if case.stage == refused else "Y"), decided
    if case.stage == Stage.WITHDRAWN and period.within(case.closed_on):
        return "W", case.closed_on
    return "A", None


def request_outcome(case: AssessmentRequest, period: Period) -> tuple[str, date | None]:
    """RequestOutcome: the decision whether to assess."""
    return _outcome(case, period, case.assess_decision_on, Stage.NOT_ASSESSING)


def assessment_outcome(case: AssessmentRequest, period: Period) -> tuple[str, date | None]:
    """AssessmentOutcome: the decision whether to issue a plan."""
    return _outcome(case, period, case.issue_decision_on, Stage.NOT_ISSUING)


def _concluded_on(case: AssessmentRequest) -> date | None:
    if case.stage == Stage.NOT_ASSESSING:
        return case.assess_decision_on
    if case.stage == Stage.NOT_ISSUING:
        return case.issue_decision_on
    if case.stage == Stage.FINAL_ISSUED:
        return case.final_issued_on
    if case.stage == Stage.WITHDRAWN:
        return case.closed_on
    return None


def request_in_return(case: AssessmentRequest, period: Period, reported: set[int]) -> bool:
    if case.received_on > period.end:
        return False
    concluded = _concluded_on(case)
    return (
        case.received_on >= period.start
        or concluded is None
        or concluded >= period.start
        or any(plan.pk in reported for plan in related(case, "plans"))
    )


# ---------------------------------------------------------------------------- plans


def plan_start(plan: EHCPlan) -> date | None:
    """The first final version's date (StartDate)."""
    finals = [v.issued_on for v in related(plan, "versions") if not v.is_draft]
    return min(finals) if finals else plan.issued_on


def ceased_on(plan: EHCPlan) -> tuple[date, str] | None:
    for cessation in related(plan, "cessations"):
        if cessation.status == CessationStatus.CEASED and cessation.ceased_on:
            return cessation.ceased_on, cessation.reason
    return None


def active_on(plan: EHCPlan, day: date) -> bool:
    start = plan_start(plan)
    if start is None or start > day or plan.status == PlanStatus.DRAFT:
        return False
    ceased = ceased_on(plan)
    return ceased is None or ceased[0] > day


_RANK_ONE_NO_UNIT: list[Node] = [
    ("PlacementRank", "1"),
    ("SENunitIndicator", "false"),
    ("ResourcedProvisionIndicator", "false"),
]


def _setting_detail(setting: Setting, *, rank: int, dates: Sequence[Node] = ()) -> list[Node]:
    return [
        *codes.setting_fields(setting),
        ("PlacementRank", str(rank)),
        *dates,
        ("SENunitIndicator", "false"),
        ("ResourcedProvisionIndicator", codes.true_false(codes.resourced_provision(setting))),
    ]


def named_plan(plan: EHCPlan, period: Period) -> Node | None:
    start = plan_start(plan)
    if start is None or start > period.census:
        return None
    detail: list[Node] = []
    if plan.named_setting is not None:
        detail = [("PlanDetail", _setting_detail(plan.named_setting, rank=1))]
    elif plan.placement_type:
        # a type of setting but no setting named: SEN2's "OTH", described
        kind = [
            ("SENSetting", codes.OTHER_SETTING),
            ("SENSettingOther", plan.get_placement_type_display()),
        ]
        detail = [("PlanDetail", [*kind, *_RANK_ONE_NO_UNIT])]
    children: list[Node] = [("StartDate", start.isoformat()), *detail]
    children.append(("PB", codes.true_false(plan.personal_budget_amount is not None)))
    ceased = ceased_on(plan)
    if ceased and period.start <= ceased[0] <= period.census:
        children += [("CeaseDate", ceased[0].isoformat()), ("CeaseReason", ceased[1])]
    return ("NamedPlan", children)


def placements(plan: EHCPlan, child: Child, day: date) -> list[Node]:
    """The placements on `day`, main first (at most two); with none on file, a plan whose
    section I names another arrangement (no school or college) is reported as that."""
    current = [
        e
        for e in related(child, "enrolments")
        if e.started_on <= day and (e.ended_on is None or e.ended_on >= day)
    ]
    current.sort(key=lambda e: (not e.is_main, e.started_on))
    nodes: list[Node] = [
        (
            "PlacementDetail",
            _setting_detail(
                enrolment.setting,
                rank=rank,
                dates=[
                    ("EntryDate", enrolment.started_on.isoformat()),
                    *_opt("LeavingDate", enrolment.ended_on),
                ],
            ),
        )
        for rank, enrolment in enumerate(current[:2], start=1)
    ]
    start = plan_start(plan)
    if not nodes and plan.named_setting is None and plan.placement_type == PlacementType.OTHER:
        entry: list[Node] = [("EntryDate", start.isoformat())] if start else []
        nodes = [
            (
                "PlacementDetail",
                [*codes.OTHER_ARRANGEMENT, ("PlacementRank", "1"), *entry, *_RANK_ONE_NO_UNIT[1:]],
            )
        ]
    return nodes


def needs(child: Child) -> list[Node]:
    ranked = [child.primary_need, child.secondary_need]
    return [
        ("SENneed", [("SENtype", code), ("SENtypeRank", str(rank))])
        for rank, code in enumerate(ranked, start=1)
        if code
    ]


def _review_fields(plan: EHCPlan, period: Period) -> list[Node]:
    held = [
        r
        for r in related(plan, "reviews")
        if r.held_on is not None and period.start <= r.held_on <= period.census
    ]
    if not held:
        return []
    review: AnnualReview = max(held, key=lambda r: (r.held_on, r.pk))
    fields = _opt("ReviewMeeting", review.held_on)
    if review.decision and review.decided_on and review.decided_on <= period.census:
        fields += [
            ("ReviewOutcome", codes.review_outcome(review.decision)),
            ("LastReview", review.decided_on.isoformat()),
        ]
    drafts = [
        a.proposed_on
        for a in related(plan, "amendments")
        if a.review_id == review.pk and a.proposed_on and a.proposed_on <= period.census
    ]
    return fields + _opt("ReviewDraft", min(drafts) if drafts else None)


def _transfer_fields(plan: EHCPlan, period: Period) -> list[Node]:
    for transfer in related(plan, "phase_transfers"):
        deadline = transfer_deadline(transfer)
        if period.within(deadline):
            amendment = transfer.amendment
            final = amendment.issued_on if amendment is not None else None
            return [
                ("PhaseTransferDueDate", deadline.isoformat()),
                *_opt("PhaseTransferFinalDate", final),
            ]
    return []


def transfer_deadline(transfer: PhaseTransfer) -> date:
    kind = statutory.TransferKind(transfer.kind)
    return statutory.phase_transfer_deadline(kind, transfer.transfer_on).amend_by


def active_plan(plan: EHCPlan, child: Child, period: Period) -> Node | None:
    if not active_on(plan, period.census):
        return None
    return (
        "ActivePlans",
        [
            *placements(plan, child, period.census),
            *needs(child),
            *_review_fields(plan, period),
            *_transfer_fields(plan, period),
        ],
    )


# ---------------------------------------------------------------------------- requests


def _flags(case: AssessmentRequest | None) -> dict[str, bool]:
    found = dict.fromkeys(
        [
            "RequestMediation",
            "RequestTribunal",
            "AssessmentMediation",
            "AssessmentTribunal",
            "OtherMediation",
            "OtherTribunal",
        ],
        False,
    )
    if case is None:
        return found
    if related(case, "mediation_cases"):
        if case.stage == Stage.NOT_ASSESSING:
            found["RequestMediation"] = True
        elif case.stage == Stage.NOT_ISSUING:
            found["AssessmentMediation"] = True
        else:
            found["OtherMediation"] = True
    for appeal in related(case, "appeals"):
        found[codes.TRIBUNAL_FLAG.get(appeal.appeal_type, codes.OTHER_TRIBUNAL)] = True
    return found


def _week20(case: AssessmentRequest, grounds: set[str]) -> bool:
    return any(e.ground in grounds for e in related(case, "clock_exceptions"))


def assessment(
    case: AssessmentRequest | None, plan: EHCPlan | None, period: Period, grounds: set[str]
) -> Node:
    outcome, outcome_on = assessment_outcome(case, period) if case else ("H", None)
    flags = _flags(case)
    children: list[Node] = [
        ("AssessmentOutcome", outcome),
        *_opt("AssessmentOutcomeDate", outcome_on),
    ]
    children += [
        (tag, codes.true_false(flags[tag]))
        for tag in ("AssessmentMediation", "AssessmentTribunal", "OtherMediation", "OtherTribunal")
    ]
    if case is not None and outcome == "Y":
        children.append(("Week20", codes.true_false(_week20(case, grounds))))
    named = named_plan(plan, period) if plan is not None else None
    return ("Assessment", children + ([named] if named else []))


def requests_node(
    case: AssessmentRequest | None,
    plan: EHCPlan | None,
    child: Child,
    period: Period,
    grounds: set[str],
) -> Node:
    if case is None:
        outcome: tuple[str, date | None] = ("H", None)
        children: list[Node] = []
    else:
        outcome = request_outcome(case, period)
        children = [
            ("ReceivedDate", case.received_on.isoformat()),
            ("RequestSource", codes.REQUEST_SOURCE[case.source]),
        ]
    flags = _flags(case)
    children += [
        *_opt("RequestOutcomeDate", outcome[1]),
        ("RequestOutcome", outcome[0]),
        ("RequestMediation", codes.true_false(flags["RequestMediation"])),
        ("RequestTribunal", codes.true_false(flags["RequestTribunal"])),
    ]
    if outcome[0] in ("Y", "H"):
        children.append(assessment(case, plan, period, grounds))
    active = active_plan(plan, child, period) if plan is not None else None
    return ("Requests", children + ([active] if active else []))


def _child_requests(
    child: Child, period: Period, grounds: set[str]
) -> tuple[list[Node], list[EHCPlan]]:
    plans = [
        p
        for p in related(child, "ehc_plans")
        if p.status != PlanStatus.DRAFT and (plan_start(p) or period.census) <= period.census
    ]
    reported = {p.pk for p in plans if active_on(p, period.census) or named_plan(p, period)}
    nodes: list[Node] = []
    for case in sorted(related(child, "assessment_requests"), key=lambda c: (c.received_on, c.pk)):
        if request_in_return(case, period, reported):
            plan = next((p for p in plans if p.request_id == case.pk), None)
            nodes.append(requests_node(case, plan, child, period, grounds))
    nodes += [
        requests_node(None, plan, child, period, grounds)
        for plan in plans
        if plan.request_id is None and plan.pk in reported
    ]
    return nodes, plans


def person(child: Child, requests: list[Node]) -> Node:
    return (
        "Person",
        [
            ("Surname", child.family_name),
            ("Forename", child.given_name),
            ("PersonBirthDate", child.date_of_birth.isoformat()),
            ("Sex", child.sex),
            ("Ethnicity", child.ethnicity),
            *_opt("PostCode", child.postcode.upper()),
            *_opt("UPN", child.upn.upper()),
            *_opt("UniqueLearnerNumber", child.uln),
            *requests,
        ],
    )


def children_in_scope(period: Period) -> list[Child]:
    """The children the return is about, with everything it reads about them loaded
    (`loading.load_related`)."""
    relevant = Q(assessment_requests__received_on__lte=period.end) | Q(
        ehc_plans__status__in=[PlanStatus.FINAL, PlanStatus.CEASED]
    )
    children = list(
        Child.objects.filter(merged_into__isnull=True)
        .filter(relevant)
        .only(*CHILD_FIELDS)
        .distinct()
        .order_by("family_name", "given_name", "pk")
    )
    load_related(children)
    return children


def build(collection: Sen2Collection, *, now: datetime | None = None) -> Sen2Return:
    period = Period.of(collection)
    grounds = {g.code.value for g in statutory.get_rule("issue_final_plan").exceptions}
    persons = []
    for child in children_in_scope(period):
        requests, plans = _child_requests(child, period, grounds)
        if requests:
            persons.append(PersonEntry(child=child, node=person(child, requests), plans=plans))
    return Sen2Return(
        collection=collection,
        period=period,
        header=header(collection, now=now or timezone.now()),
        persons=persons,
    )
