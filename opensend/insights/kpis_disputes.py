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
from opensend.core.dates import today_or_local
from opensend.disputes.clocks import charter_due
from opensend.disputes.models import (
    ALTERNATIVE_RULES,
    ORDER_RULES,
    UNOPPOSED_RULES,
    Appeal,
    AppealOutcome,
    ComplaintStageRecord,
    MediationCase,
    OrderStep,
    OrderStepException,
)
from opensend.insights.kpi_base import Counted, Measure, _due, _lookup_pairs, kpi
from opensend.reviews.codes import ReviewDecision
from opensend.reviews.models import Amendment, AnnualReview, Cessation

DISPUTES = "Disagreements and complaints"

# The rules reg 45 starts from the day the council told the Tribunal it would not oppose.
_UNOPPOSED = sorted({rule for rules in UNOPPOSED_RULES.values() for rule in rules})


# The kinds of appealable decision (the "decision" breakdown of the rates).
APPEALABLE_KINDS: dict[str, str] = {
    "not_assess": "Refused to assess",
    "not_issue": "Decided not to issue a plan",
    "plan_issued": "Final plan issued",
    "review_not_amend": "Decided not to amend the plan after a review",
    "review_cease": "Decided to cease the plan after a review",
    "review_amended": "Plan amended after a review",
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


def _reviews_decided(start: date, end: date) -> QuerySet[AnnualReview]:
    """Reviews after which the council decided, in the period, not to amend the plan or to
    cease it (CFA 2014 s51(2)(e), (f)), each with its date and kind."""
    kind = Case(
        When(decision=ReviewDecision.CEASE, then=Value("review_cease")),
        default=Value("review_not_amend"),
        output_field=CharField(),
    )
    return AnnualReview.objects.filter(
        decision__in=[ReviewDecision.MAINTAIN, ReviewDecision.CEASE],
        decided_on__range=(start, end),
    ).annotate(appealable_on=F("decided_on"), appealable=kind)


def _amended_after_review(start: date, end: date) -> QuerySet[Amendment]:
    """Plans amended after a review and issued in the period (s51(3)(b): the amended plan may
    be appealed), each with its date and kind."""
    return Amendment.objects.filter(review__isnull=False, issued_on__range=(start, end)).annotate(
        appealable_on=F("issued_on"), appealable=Value("review_amended", output_field=CharField())
    )


def _disputed(start: date, end: date, records: QuerySet[Any], *, appeals: bool = False) -> Counted:
    """The appealable decisions of the period, after requests and after reviews; a hit when one
    of `records` (mediation cases or appeals) is recorded against the request or the review (or,
    for `appeals`, the cease decision records the appeal against it)."""
    about_review = Q(Exists(records.filter(review=OuterRef("pk"))))
    if appeals:
        about_review |= Q(
            Exists(Cessation.objects.filter(review=OuterRef("pk"), appeal__isnull=False))
        )
    return Counted(
        rows=_appealable(start, end),
        hit=Q(Exists(records.filter(assessment_request=OuterRef("pk")))),
        more=(
            Counted(
                rows=_reviews_decided(start, end),
                hit=about_review,
                period="appealable_on",
                start_field="appealable_on",
            ),
            Counted(
                rows=_amended_after_review(start, end),
                hit=Q(Exists(records.filter(review=OuterRef("review_id")))),
                period="appealable_on",
                start_field="appealable_on",
            ),
        ),
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
    EHC plan issued (its contents can be appealed), each request once; and, after an annual
    review, a decision "not to secure the amendment or replacement of an EHC plan" or "to cease
    to maintain an EHC plan" (Children and Families Act 2014 s51(2)(e) and (f)), each review
    once on the day it was decided, or the plan as amended after a review, on the day it was
    issued (s51(3)(b)). The figure can be broken down by the kind of decision. A hit: a
    mediation case recorded against the request or the review (s53; SEND Regulations 2014 regs
    32 to 42), whenever it was opened.

    Not counted: mediation linked to neither a request nor a review, and plans amended other
    than after a review (for a phase transfer, or under a Tribunal order).

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
    to assess, a decision not to issue a plan, or a final EHC plan issued, each request once;
    after an annual review, a decision not to amend the plan or to cease it (Children and
    Families Act 2014 s51(2)(e) and (f)), or the plan as amended (s51(3)(b)), each review once.
    A hit: an appeal to the First-tier Tribunal (SEND) recorded against the request or the
    review, or recorded on the cease decision, whenever it was lodged. The appeal rate is
    appeals as a percentage of appealable decisions.

    Not counted: appeals linked to neither a request nor a review. A decision near the end of
    the period may still be appealed (the family has 2 months, or 1 month from a mediation
    certificate), so the latest quarters rise as appeals arrive.

    Reconciles with the national appeal rate (appeals registered as a percentage of
    appealable decisions; 5.7 %, DESIGN §7), which the Ministry of Justice's "Tribunal
    statistics quarterly" counts as appeals registered in a year over the decisions that year,
    so compare a whole year with it.
    """
    return _disputed(start, end, Appeal.objects.all(), appeals=True)


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

    Also counted, as not in time: every step not done whose time limit fell in the period
    and has passed (by the end of the period, or today if that is sooner), on the day of its
    limit; where either of two steps will do (after an order to assess, a plan or a decision
    not to issue one), only the later limit, while neither is done. A step done late, after
    the period, is missed in the period of its limit and done late in the period it was done.
    Shown including every step and excluding steps
    with a recorded reg 44(3) exception (it was impractical to meet the limit). Not counted:
    the steps of mediation agreements.

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
        more=tuple(_overdue_steps(rule_id, start, end) for rule_id in _OPEN_RULES),
    )


def _later_of_two(rule_id: str) -> bool:
    """True unless the rule has an alternative (either step will do) with a later limit."""
    other = ALTERNATIVE_RULES.get(rule_id)
    some_day = date(2026, 1, 5)
    return other is None or statutory.due(rule_id, some_day) >= statutory.due(other, some_day)


# Each rule whose open, overdue steps are counted: one kind of missing step each.
_OPEN_RULES = sorted(
    rule
    for rule in {r for rules in (*ORDER_RULES.values(), *UNOPPOSED_RULES.values()) for r in rules}
    if _later_of_two(rule)
)


def _overdue_steps(rule_id: str, start: date, end: date) -> Counted:
    """Appeals whose order needs `rule_id`'s step, not done by the end of the period, with its
    limit in the period and passed (one row per appeal is one missing step: never in time)."""
    unopposed = rule_id in _UNOPPOSED
    rules = UNOPPOSED_RULES if unopposed else ORDER_RULES
    kinds = [kind for kind, needed in rules.items() if rule_id in needed]
    not_opposed = Q(unopposed_on__isnull=False, order_type__in=list(UNOPPOSED_RULES))
    applies = Q(order_type__in=kinds) & (not_opposed if unopposed else ~not_opposed)
    done = OrderStep.objects.filter(
        appeal=OuterRef("pk"),
        rule_id__in=[rule_id, ALTERNATIVE_RULES.get(rule_id, rule_id)],
        done_on__lte=end,
    )
    rows = (
        Appeal.objects.filter(applies)
        .annotate(clock_from=F("unopposed_on" if unopposed else "order_on"))
        .filter(clock_from__isnull=False)
        .exclude(Exists(done))
    )
    passed = min(end, statutory.add_days(today_or_local(), -1))
    rows = rows.annotate(due_on=_due(rows, "clock_from", rule_id)).filter(
        due_on__range=(start, passed)
    )
    exception = Exists(OrderStepException.objects.filter(appeal=OuterRef("pk"), rule_id=rule_id))
    return Counted(
        rows=rows,
        hit=Q(pk__in=[]),
        exception=exception,
        start_field="clock_from",
        period="due_on",
        child="child",
        owner="child__caseworker",
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
