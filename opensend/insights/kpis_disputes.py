"""The KPIs of disagreements (issue 15, item 1; DESIGN §2 "mediation and tribunal rates and
outcomes; complaints answered within the charter"): how often an appealable decision leads to
mediation or an appeal, how appeals end, whether the council carries out the Tribunal's orders
in time, and whether complaints are answered within the customer charter.

Each is a `@kpi` function whose docstring is its definition, as in `kpis`; the disputes app's
records are read, never changed. Due dates come from `opensend.statutory` (the order clocks'
rules, SEND Regulations 2014 regs 44 and 45) and from `disputes.clocks.charter_due`.
"""

from datetime import date
from typing import Any

from django.db.models import (
    Case,
    CharField,
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
from opensend.casework.models import AssessmentRequest, Stage
from opensend.disputes.clocks import charter_due
from opensend.disputes.models import (
    UNOPPOSED_RULES,
    Appeal,
    AppealOutcome,
    ComplaintStageRecord,
    MediationCase,
    OrderStep,
    OrderStepException,
)
from opensend.insights.kpi_base import Counted, Measure, _lookup_pairs, kpi

DISPUTES = "Disagreements and complaints"

# The rules reg 45 starts from the day the council told the Tribunal it would not oppose.
_UNOPPOSED = sorted({rule for rules in UNOPPOSED_RULES.values() for rule in rules})


# The kinds of appealable decision (the "decision" breakdown of the rates).
APPEALABLE_KINDS: dict[str, str] = {
    "not_assess": "Refused to assess",
    "not_issue": "Decided not to issue a plan",
    "plan_issued": "Final plan issued",
}


def _appealable(start: date, end: date) -> QuerySet[AssessmentRequest]:
    """Requests with an appealable decision in the period, each with its date and kind: a
    refusal to assess, a refusal to issue a plan, or the final plan issued (one per request)."""
    kind = Case(
        When(stage=Stage.NOT_ASSESSING, then=Value("not_assess")),
        When(stage=Stage.NOT_ISSUING, then=Value("not_issue")),
        default=Value("plan_issued"),
        output_field=CharField(),
    )
    decided = Case(
        When(stage=Stage.NOT_ASSESSING, then=F("assess_decision_on")),
        When(stage=Stage.NOT_ISSUING, then=F("issue_decision_on")),
        When(final_issued_on__isnull=False, then=F("final_issued_on")),
        default=Value(None),
        output_field=DateField(),
    )
    return AssessmentRequest.objects.annotate(appealable_on=decided, appealable=kind).filter(
        appealable_on__range=(start, end)
    )


def _disputed(start: date, end: date, records: QuerySet[Any]) -> Counted:
    """The appealable decisions of the period; a hit when one of `records` (mediation cases or
    appeals) is recorded against the request."""
    return Counted(
        rows=_appealable(start, end),
        hit=Q(Exists(records.filter(assessment_request=OuterRef("pk")))),
        period="appealable_on",
        start_field="appealable_on",
    )


_rate_meta = {
    "measure": Measure.RATE,
    "child": "child",
    "owner": "caseworker",
    "start_label": "Appealable decision",
    "end_label": "",
    "extra_cuts": ("decision",),
    "group": DISPUTES,
}


@kpi(
    slug="mediation-rate",
    title="Appealable decisions that went to mediation",
    short="of appealable decisions that went to mediation",
    hit_label="Went to mediation",
    **_rate_meta,
)
def mediation_rate(start: date, end: date) -> Counted:
    """Start: a decision the family may appeal to the Tribunal, made in the period: a refusal
    to carry out an EHC needs assessment, a decision not to issue a plan after one, or a final
    EHC plan issued (its contents can be appealed). Each request counts once, on the date of
    that decision; the figure can be broken down by the kind of decision. A hit: a mediation
    case recorded against the request (Children and Families Act 2014 s53; SEND Regulations
    2014 regs 32 to 42), whenever it was opened.

    Not counted: mediation not linked to a request, and decisions after annual reviews (to
    amend, not to amend or to cease a plan), which OpenSEND does not yet link to mediation.

    Reconciles with the SEN2 return's RequestMediation and AssessmentMediation flags, which
    the same mediation cases set; DfE publishes no national figure for a mediation rate.
    """
    return _disputed(start, end, MediationCase.objects.all())


@kpi(
    slug="appeal-rate",
    title="Appealable decisions appealed to the Tribunal",
    short="of appealable decisions appealed to the Tribunal",
    hit_label="Appealed",
    **_rate_meta,
)
def appeal_rate(start: date, end: date) -> Counted:
    """Start: a decision the family may appeal, made in the period, as for mediation: a refusal
    to assess, a decision not to issue a plan, or a final EHC plan issued, each request once. A
    hit: an appeal to the First-tier Tribunal (SEND) recorded against the request, whenever it
    was lodged. The appeal rate is appeals as a percentage of appealable decisions.

    Not counted: appeals not linked to a request, and decisions after annual reviews. A
    decision near the end of the period may still be appealed (the family has 2 months, or 1
    month from a mediation certificate), so the latest quarters rise as appeals arrive.

    Reconciles with the national appeal rate (appeals registered as a percentage of
    appealable decisions; 5.7 %, DESIGN §7), which the Ministry of Justice's "Tribunal
    statistics quarterly" counts as appeals registered in a year over the decisions that year,
    so compare a whole year with it.
    """
    return _disputed(start, end, Appeal.objects.all())


@kpi(
    slug="tribunal-outcomes",
    title="Tribunal appeals by outcome",
    short="of Tribunal appeals ending in the period that went the family's way",
    measure=Measure.MIX,
    child="child",
    owner="child__caseworker",
    start_label="Appeal lodged",
    end_label="Outcome",
    hit_label="Allowed or conceded",
    group=DISPUTES,
)
def tribunal_outcomes(start: date, end: date) -> Counted:
    """Start: the day the family's appeal to the First-tier Tribunal (SEND) was lodged. End: the
    day its outcome was recorded. Counted: every appeal with an outcome in the period, by
    outcome, in the disputes app's codes: allowed (the Tribunal found for the family, wholly or
    in part), conceded by the council, dismissed (the council's decision upheld), withdrawn by
    the family. The headline is the share allowed or conceded.

    Appeals still open are not counted. Reconciles with the Ministry of Justice "Tribunal
    statistics quarterly", SEND appeals decided in favour of the appellant (which counts
    Tribunal decisions only, so compare allowed ÷ (allowed + dismissed) with it).
    """
    return Counted(
        rows=Appeal.objects.filter(outcome_on__range=(start, end)),
        hit=Q(outcome__in=[AppealOutcome.ALLOWED, AppealOutcome.CONCEDED]),
        start_field="lodged_on",
        end_field="outcome_on",
        category="outcome",
        categories=(*AppealOutcome.choices, ("", "Not recorded")),
    )


@kpi(
    slug="order-compliance",
    title="Tribunal orders carried out in time",
    short="of the steps Tribunal orders require done within the time limit",
    measure=Measure.RATE,
    child="appeal__child",
    owner="appeal__child__caseworker",
    start_label="Order or not opposed",
    end_label="Step done",
    exceptions=True,
    group=DISPUTES,
)
def order_compliance(start: date, end: date) -> Counted:
    """Start: the date of the Tribunal's order, or, for an appeal the council told the Tribunal
    it would not oppose, the day it told the Tribunal (SEND Regulations 2014 reg 45). End: the
    day a step the order requires was done (issue the draft or final plan, amend it, tell the
    family whether a plan will be issued...). Counted: every step done in the period, each on
    its own. In time: done on or before the step's time limit from the rules engine (reg 44(2),
    or reg 45's limits for an unopposed appeal; the order's `order_*` and `unopposed_*`
    rules).

    Shown including every step and excluding steps with a recorded reg 44(3) exception (it
    was impractical to meet the limit). Steps not yet done are not counted until they are
    (the disputes queue shows those overdue); nor are the steps of mediation agreements.

    DfE publishes no national figure; this is the council's compliance with the law's time
    limits, which the Ombudsman and Ofsted ask about.
    """
    rows = OrderStep.objects.filter(done_on__range=(start, end), appeal__order_type__gt="")
    rows = rows.annotate(
        clock_from=Case(
            When(rule_id__in=_UNOPPOSED, then=F("appeal__unopposed_on")),
            default=F("appeal__order_on"),
            output_field=DateField(),
        )
    ).filter(clock_from__isnull=False)
    due = _lookup_pairs(rows, ("rule_id", "clock_from"), statutory.due)
    exception = Exists(
        OrderStepException.objects.filter(appeal=OuterRef("appeal_id"), rule_id=OuterRef("rule_id"))
    )
    return Counted(
        rows=rows,
        hit=Q(done_on__lte=due),
        exception=exception,
        start_field="clock_from",
        end_field="done_on",
    )


@kpi(
    slug="complaints-within-charter",
    title="Complaints answered within the charter",
    short="of complaint replies sent within the customer charter's time",
    measure=Measure.RATE,
    child="complaint__child",
    owner="complaint__child__caseworker",
    start_label="Stage started",
    end_label="Reply sent",
    extra_cuts=("stage",),
    group=DISPUTES,
)
def complaints_within_charter(start: date, end: date) -> Counted:
    """Start: the day a stage of a complaint began (the complaint received, or the family asked
    to take it further). End: the day the council's reply at that stage was sent. Counted:
    every reply sent in the period, each stage on its own. In time: sent on or before the last
    working day the council's customer charter allowed for that stage when it began
    (`disputes.clocks.charter_due`, working days from `statutory.add_working_days`; the
    charter's days are kept on the stage, so changing the charter later does not rewrite it).

    Complaints not about a particular child are counted for the whole area but not in a
    breakdown by the child's locality, need, age, setting or team. Cut also by stage.

    DfE publishes no national figure; this is the council's own customer charter measure.
    """
    rows = ComplaintStageRecord.objects.filter(responded_on__range=(start, end))
    due = _lookup_pairs(rows, ("started_on", "charter_working_days"), charter_due)
    return Counted(
        rows=rows,
        hit=Q(responded_on__lte=due),
        start_field="started_on",
        end_field="responded_on",
    )
