"""The key performance indicators, as code (issue 15, item 1; DESIGN §2 "Key performance
indicators").

Each KPI is one function whose docstring is its definition in plain English, written before the
code: what starts the clock, what stops it, what is left out and which Department for Education
statistic it should reconcile with. The dashboard shows that docstring as "How it is counted", so
the words and the sums cannot drift apart. docs/insights.md repeats them.

A KPI function returns a `Counted`: the records behind the figure for a period (a queryset), the
condition that counts a record as a "hit" (in time, in mainstream...), and, where the law lets a
recorded exception lift the limit, the condition for "has an exception". `compute` turns that
into figures (optionally cut by locality, need, age group, setting type, team, organisation or
kind of advice) with aggregates in the database; `cases` lists the records behind a figure.

No date sums happen here: every due date comes from `opensend.statutory` (`due`, `add_weeks`,
`add_months`, `phase_transfer_deadline`), asked once per distinct trigger date, and handed to the
database as a `CASE trigger WHEN … THEN due` lookup, as the timeliness report does.
"""

from datetime import date
from typing import Any

from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from opensend import statutory
from opensend.casework.models import AdviceRequest, AssessmentRequest, ClockException

# DfE's timeliness bands: within 20 weeks, over 20 weeks up to a year, over a year (52 weeks).
from opensend.insights.kpi_base import KPIS as KPIS
from opensend.insights.kpi_base import (
    YEAR_IN_WEEKS,
    Counted,
    Measure,
    _case_exception,
    _due,
    _grounds,
    _new_plans,
    _weeks_after,
    kpi,
)
from opensend.insights.kpi_base import Kpi as Kpi
from opensend.people.codes import SENType
from opensend.plans.models import EHCPlan, PlacementType, PlanStatus
from opensend.reviews.models import AnnualReview, PhaseTransfer, ReviewStage

# ---------------------------------------------------------------------------- the KPIs

NEW_PLANS = "New EHC plans"
REQUESTS = "Requests and advice"
REVIEWS = "Reviews and transfers"
PLACEMENTS = "Children with plans"

_new_plan_meta: dict[str, Any] = {
    "measure": Measure.RATE,
    "child": "child",
    "owner": "caseworker",
    "start_label": "Request received",
    "end_label": "Final plan issued",
    "group": NEW_PLANS,
    "exceptions": True,
}


@kpi(
    slug="new-plans-20-weeks",
    title="New EHC plans issued within 20 weeks",
    short="of new EHC plans issued within 20 weeks",
    **_new_plan_meta,
)
def new_plans_within_20_weeks(start: date, end: date) -> Counted:
    """Start: the day the council received the request for an EHC needs assessment (or became
    responsible for the child). End: the day the final EHC plan was issued. Counted: every
    request whose final plan was issued in the period. In time: issued on or before the 20-week
    date from the rules engine (`issue_final_plan`, SEND Regulations 2014 reg 13(2)).

    Shown two ways, as DfE does: including every plan, and excluding the plans whose case has a
    recorded exception under reg 13(3) (school closure, the family's exceptional personal
    circumstances, away from the area for 4 weeks). Plans made before OpenSEND, with no request
    recorded, are not counted.

    Reconciles with DfE "Education, health and care plans", table "Timeliness of new education,
    health and care plans": pc_plans_issued_within_20_weeks (including exceptions) and
    pc_plans_issued_20_weeks_ex (excluding), calendar year, from SEN2's Week20 field.
    """
    rows = _new_plans(start, end)
    due = _due(rows, "received_on", "issue_final_plan")
    return Counted(
        rows=rows,
        hit=Q(final_issued_on__lte=due),
        exception=_case_exception("issue_final_plan"),
        start_field="received_on",
        end_field="final_issued_on",
        shared=NEW_PLANS,
    )


@kpi(
    slug="new-plans-20-to-52-weeks",
    title="New EHC plans issued after 20 weeks, within a year",
    short="of new EHC plans issued after 20 weeks but within 52",
    hit_label="Over 20 weeks, within 52",
    **_new_plan_meta,
)
def new_plans_20_to_52_weeks(start: date, end: date) -> Counted:
    """Start and end as for "within 20 weeks": request received to final plan issued, for every
    request whose final plan was issued in the period. Counted as a hit: issued after the
    20-week date (`issue_final_plan`, reg 13(2)) but on or before the day 52 weeks after the
    request (`statutory.add_weeks`).

    Shown including every plan and excluding plans whose case has a reg 13(3) exception.

    Reconciles with DfE "Timeliness of new education, health and care plans":
    pc_plans_issued_gt20weeks_ltyear and pc_plans_issued_gt20weeks_ltyear_ex.
    """
    rows = _new_plans(start, end)
    due = _due(rows, "received_on", "issue_final_plan")
    year = _weeks_after(rows, "received_on", YEAR_IN_WEEKS)
    return Counted(
        rows=rows,
        hit=Q(final_issued_on__gt=due) & Q(final_issued_on__lte=year),
        exception=_case_exception("issue_final_plan"),
        start_field="received_on",
        end_field="final_issued_on",
        shared=NEW_PLANS,
    )


@kpi(
    slug="new-plans-over-52-weeks",
    title="New EHC plans issued after more than a year",
    short="of new EHC plans issued more than 52 weeks after the request",
    hit_label="Over 52 weeks",
    **_new_plan_meta,
)
def new_plans_over_52_weeks(start: date, end: date) -> Counted:
    """Start and end as for "within 20 weeks": request received to final plan issued, for every
    request whose final plan was issued in the period. Counted as a hit: issued after the day
    52 weeks from the request (`statutory.add_weeks`).

    Shown including every plan and excluding plans whose case has a reg 13(3) exception.

    Reconciles with DfE "Timeliness of new education, health and care plans":
    pc_plans_issued_gt_1_year and pc_plans_issued_gt_1_year_ex.
    """
    rows = _new_plans(start, end)
    year = _weeks_after(rows, "received_on", YEAR_IN_WEEKS)
    return Counted(
        rows=rows,
        hit=Q(final_issued_on__gt=year),
        exception=_case_exception("issue_final_plan"),
        start_field="received_on",
        end_field="final_issued_on",
        shared=NEW_PLANS,
    )


@kpi(
    slug="average-weeks-to-issue",
    title="Average weeks to issue a new EHC plan",
    short="weeks on average from request to final plan",
    **{**_new_plan_meta, "measure": Measure.MEAN_WEEKS},
)
def average_weeks_to_issue(start: date, end: date) -> Counted:
    """Start: the request received. End: the final EHC plan issued. Counted: every request whose
    final plan was issued in the period. The figure is the mean of the days between the two
    dates, divided by 7 (`statutory.days_until`), to one decimal place.

    Shown including every plan and excluding plans whose case has a reg 13(3) exception.

    Reconciles with DfE's measure first published in 2026, "Timeliness of new education, health
    and care plans": avg_weeks_issue_plan and avg_weeks_issue_plan_exc.
    """
    return Counted(
        rows=_new_plans(start, end),
        exception=_case_exception("issue_final_plan"),
        start_field="received_on",
        end_field="final_issued_on",
    )


@kpi(
    slug="requests-decided-6-weeks",
    exceptions=True,
    title="Requests decided within 6 weeks",
    short="of requests for assessment decided within 6 weeks",
    measure=Measure.RATE,
    child="child",
    owner="caseworker",
    start_label="Request received",
    end_label="Decision whether to assess",
    group=REQUESTS,
)
def requests_decided_within_6_weeks(start: date, end: date) -> Counted:
    """Start: the request for an EHC needs assessment received. End: the family told whether
    the council will assess. Counted: every request decided in the period. In time: decided on
    or before the 6-week date (`decide_whether_to_assess`, SEND Regulations 2014 reg 5(1)).

    Shown including every request and excluding those with a reg 5(4) exception recorded.
    Requests withdrawn before a decision are not counted (they have no decision date).

    Reconciles with DfE "Education, health and care plans", requests for EHC needs assessment:
    requests whose outcome was given within 6 weeks (SEN2 RequestOutcomeDate).
    """
    rows = AssessmentRequest.objects.filter(assess_decision_on__range=(start, end))
    due = _due(rows, "received_on", "decide_whether_to_assess")
    return Counted(
        rows=rows,
        hit=Q(assess_decision_on__lte=due),
        exception=_case_exception("decide_whether_to_assess"),
        start_field="received_on",
        end_field="assess_decision_on",
    )


@kpi(
    slug="advice-6-weeks",
    exceptions=True,
    title="Advice returned within 6 weeks",
    short="of statutory advice returned within 6 weeks",
    measure=Measure.RATE,
    child="request__child",
    owner="request__caseworker",
    start_label="Advice requested",
    end_label="Advice received",
    extra_cuts=("organisation", "kind"),
    group=REQUESTS,
)
def advice_within_6_weeks(start: date, end: date) -> Counted:
    """Start: the day the council asked for the advice (educational, health, social care or
    other). End: the day the advice was received. Counted: every piece of advice received in
    the period; advice reused from an earlier assessment is left out. In time: received on or
    before the 6-week date (`provide_advice`, reg 8(1)).

    Shown including all advice and excluding advice with a reg 8(2) exception (a missed
    appointment) recorded on it or on the whole case. Cut by organisation and by kind of advice.

    DfE publishes no national figure for this; it is the local measure the SEND Code of
    Practice 9.52 asks partners to meet.
    """
    rows = AdviceRequest.objects.filter(received_on__range=(start, end), reused_from__isnull=True)
    due = _due(rows, "requested_on", "provide_advice")
    exception = Exists(
        ClockException.objects.filter(
            request=OuterRef("request_id"), ground__in=_grounds("provide_advice")
        ).filter(Q(advice_request__isnull=True) | Q(advice_request=OuterRef("pk")))
    )
    return Counted(
        rows=rows,
        hit=Q(received_on__lte=due),
        exception=exception,
        start_field="requested_on",
        end_field="received_on",
    )


@kpi(
    slug="review-decisions-4-weeks",
    title="Annual review decisions within 4 weeks of the meeting",
    short="of annual review decisions sent within 4 weeks of the meeting",
    measure=Measure.RATE,
    child="child",
    owner="caseworker",
    start_label="Review meeting",
    end_label="Decision sent",
    group=REVIEWS,
)
def review_decisions_within_4_weeks(start: date, end: date) -> Counted:
    """Start: the annual review meeting. End: the council's decision (keep, amend or cease the
    plan) sent to the family. Counted: every review decided in the period; cancelled reviews are
    left out. In time: decided on or before the 4-week date (`review_decision`, regs 20(10) and
    22(2)). No exceptions apply.

    Reconciles with DfE "Education, health and care plans", table "Number of annual reviews of
    EHC plans": decision_4_weeks ÷ (decision_4_weeks + decision_over_4_weeks).
    """
    rows = AnnualReview.objects.filter(decided_on__range=(start, end), meeting_on__isnull=False)
    rows = rows.exclude(stage=ReviewStage.CANCELLED)
    due = _due(rows, "meeting_on", "review_decision")
    return Counted(
        rows=rows, hit=Q(decided_on__lte=due), start_field="meeting_on", end_field="decided_on"
    )


@kpi(
    slug="reviews-held-on-time",
    title="Annual reviews held by their due date",
    short="of annual reviews due in the period held by the due date",
    measure=Measure.RATE,
    child="child",
    owner="caseworker",
    start_label="Review due by",
    end_label="Meeting held",
    hit_label="Held on time",
    group=REVIEWS,
)
def reviews_held_on_time(start: date, end: date) -> Counted:
    """Start: the date the review was due by (worked out when the review was planned, from the
    plan's issue or last review by the rules engine: `first_annual_review`, `next_annual_review`
    or `early_years_review`; Children and Families Act 2014 s44(1), CoP 9.169). End: the day
    the review meeting was held. Counted: every review due in the period, cancelled reviews
    left out. A hit: held on or before the due date. Those not held by then (including those
    still not held) are the reviews overdue.

    Reconciles with DfE "Number of annual reviews of EHC plans": review_completed against
    review_expected for the calendar year.
    """
    rows = AnnualReview.objects.filter(due_by__range=(start, end)).exclude(
        stage=ReviewStage.CANCELLED
    )
    return Counted(
        rows=rows,
        hit=Q(held_on__isnull=False, held_on__lte=F("due_by")),
        period="due_by",
        start_field="due_by",
        end_field="held_on",
    )


@kpi(
    slug="phase-transfers-amended",
    title="Phase transfers amended by the deadline",
    short="of phase transfers whose plan was amended by the deadline",
    measure=Measure.RATE,
    child="child",
    owner="caseworker",
    start_label="Amend by",
    end_label="Amended plan issued",
    group=REVIEWS,
)
def phase_transfers_amended_by_deadline(start: date, end: date) -> Counted:
    """Start: the statutory deadline to amend the plan naming the new school or college
    (`statutory.phase_transfer_deadline`: before 15 February for a school move, before 31 March
    for a move to post-16, 5 months before other post-16 moves; SEND Regulations 2014 reg
    18(1) and (2)).
    End: the day the amended plan was issued. Counted: every transfer whose deadline falls in
    the period; children recorded as not transferring are left out. In time: the amendment
    issued on or before the deadline.

    Reconciles with DfE "Education, health and care plans" phase transfer figures (SEN2
    PhaseTransferDueDate and PhaseTransferFinalDate).
    """
    pairs = set(PhaseTransfer.objects.order_by().values_list("kind", "transfer_on").distinct())
    deadlines = {
        (k, on): statutory.phase_transfer_deadline(statutory.TransferKind(k), on).amend_by
        for k, on in pairs
    }
    in_period = [(k, on) for (k, on), d in deadlines.items() if start <= d <= end]
    chosen = Q(pk__in=[])
    whens = []
    for k, on in sorted(in_period):
        chosen |= Q(kind=k, transfer_on=on)
        whens.append(When(kind=k, transfer_on=on, then=Value(deadlines[(k, on)])))
    rows = PhaseTransfer.objects.filter(chosen, not_transferring_reason="").annotate(
        amend_by=Case(*whens, default=Value(None), output_field=DateField())
    )
    return Counted(
        rows=rows,
        hit=Q(amendment__issued_on__isnull=False, amendment__issued_on__lte=F("amend_by")),
        period="amend_by",
        start_field="amend_by",
        end_field="amendment__issued_on",
    )


def _plans_in_force(end: date) -> QuerySet[EHCPlan]:
    return EHCPlan.objects.filter(status=PlanStatus.FINAL, issued_on__lte=end)


@kpi(
    slug="placements",
    title="Children with plans in mainstream",
    short="of children with EHC plans placed in mainstream",
    measure=Measure.MIX,
    child="child",
    owner="child__caseworker",
    start_label="Plan issued",
    end_label="",
    hit_label="Mainstream",
    snapshot=True,
    group=PLACEMENTS,
)
def placements_by_type(start: date, end: date) -> Counted:
    """A snapshot on the last day of the period: every EHC plan in force (final, not ceased,
    issued by that day), by the type of placement the plan names (section I): mainstream,
    resource base (SEN unit), special, independent or non-maintained special, out of area,
    post-16, other (including education otherwise than at school). The headline is the
    percentage in mainstream. Plans with no placement type recorded are counted as "Not
    recorded". Plans ceased since are not counted.

    Reconciles with DfE "Education, health and care plans", active plans at January by
    establishment type: mainstream_total_pc.
    """
    return Counted(
        rows=_plans_in_force(end),
        hit=Q(placement_type=PlacementType.MAINSTREAM),
        start_field="issued_on",
        category="placement_type",
        categories=(*PlacementType.choices, ("", "Not recorded")),
    )


@kpi(
    slug="primary-need",
    title="Primary need of children with plans",
    short="of children with EHC plans whose primary need is autism (ASD)",
    measure=Measure.MIX,
    child="child",
    owner="child__caseworker",
    start_label="Plan issued",
    end_label="",
    hit_label="Autism (ASD)",
    snapshot=True,
    group=PLACEMENTS,
)
def primary_need_mix(start: date, end: date) -> Counted:
    """A snapshot on the last day of the period: every EHC plan in force (final, not ceased,
    issued by that day), by the child's primary need in DfE's SEN type codes (SPLD, MLD, SLD,
    PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, DS for Down syndrome from 2025, OTH). The headline
    is the share with autistic spectrum disorder, the most common primary need in England.
    Children with no primary need recorded are counted as "Not recorded".

    Reconciles with DfE "Education, health and care plans", active plans by primary type of
    need (SEN2 SENtype with SENtypeRank 1).
    """
    return Counted(
        rows=_plans_in_force(end),
        hit=Q(child__primary_need=SENType.ASD),
        start_field="issued_on",
        category="child__primary_need",
        categories=(*SENType.choices, ("", "Not recorded")),
    )


# The KPIs of disagreements, of families' answers and of the Local Offer, registered after
# these (the dashboard's order).
from opensend.insights import kpis_disputes as kpis_disputes  # noqa: E402
from opensend.insights import kpis_feedback as kpis_feedback  # noqa: E402
from opensend.insights import kpis_local_offer as kpis_local_offer  # noqa: E402
