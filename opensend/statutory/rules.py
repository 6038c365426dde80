"""The statutory clocks of the SEND system in England, as data with citations.

Each ``Rule`` says what starts the clock (``trigger``), how long it runs (``limit`` and ``unit``),
where the law says so (``citation``) and which recorded exceptions may lift it. ``deadlines.due``
turns a rule and a trigger date into the last day on which the step is still in time.

Counting conventions (DESIGN.md §3):

- "within N weeks of X" is calendar time: X + 7N days.
- "at least 15 days beginning with the day on which it was served": the day of service is day 1,
  so the last day is service + 14 days (``limit=14, unit=DAYS``).
- "N months": the same day number N months on, or the last day of that month if it is shorter.
- "the period of N months starting with X" (annual reviews, CFA s44(1)) includes X, so it ends on
  the day before the corresponding date N months on (``unit=PERIOD_OF_MONTHS``).
- Tribunal time limits (``tribunal_time=True``) are then moved by rule 12 of the Tribunal's rules:
  to the next working day, or past Christmas and August for a notice of appeal (``tribunal.py``).
- working days leave out Saturdays, Sundays, Christmas Day, Good Friday and bank holidays in England
  and Wales (see ``calendar.py``).
- phase transfers: "before 15 February" / "before 31 March" of the calendar year of transfer, so the
  last day in time is 14 February / 30 March (``unit=FIXED_DATE``).

Sources: the Special Educational Needs and Disability Regulations 2014 (SI 2014/1530, "SEND
Regulations 2014"), the SEND Code of Practice: 0 to 25 years (2015), the Children and Families Act
2014, the Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 and R (L, M, P) v Devon CC
[2022] EWHC 493 (Admin). Never read the clock in here: every date is passed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

__all__ = [
    "RULES",
    "ExceptionGround",
    "Rule",
    "StatutoryException",
    "Unit",
    "UnknownRule",
    "get_rule",
]

REGS = "SEND Regulations 2014"
COP = "SEND Code of Practice"
CFA = "Children and Families Act 2014"
TRIBUNAL_RULES = (
    "Tribunal Procedure (First-tier Tribunal) "
    "(Health, Education and Social Care Chamber) Rules 2008"
)
DEVON = "R (L, M, P) v Devon CC [2022] EWHC 493 (Admin)"
AMENDMENT_2015 = "SI 2015/359"


class Unit(Enum):
    """How a rule's ``limit`` is counted."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    PERIOD_OF_MONTHS = "period_of_months"  # "the period of N months starting with" the trigger
    WORKING_DAYS = "working_days"
    FIXED_DATE = "fixed_date"  # a day of the trigger's calendar year, e.g. 14 February


class StatutoryException(Enum):
    """Recorded reasons that may lift a time limit. They never apply silently: casework records
    each one with dates and evidence, and reports count them apart (SEN2 ``Week20``)."""

    SCHOOL_CLOSURE = "school_closure"
    EARLY_YEARS_CLOSURE = "early_years_closure"
    PERSONAL_CIRCUMSTANCES = "personal_circumstances"
    ABSENT_FROM_AREA = "absent_from_area"
    ABSENT_FROM_AREA_2_WEEKS = "absent_from_area_2_weeks"
    MISSED_APPOINTMENT = "missed_appointment"
    REPRESENTATIONS_ON_CONTENT = "representations_on_content"

    @property
    def label(self) -> str:
        """Plain words for staff and families."""
        return _EXCEPTION_LABELS[self]


_EXCEPTION_LABELS: Mapping[StatutoryException, str] = MappingProxyType(
    {
        StatutoryException.SCHOOL_CLOSURE: (
            "We asked a school or college for advice from one week before it closed for at least "
            "4 weeks in a row until one week before it opened again"
        ),
        StatutoryException.EARLY_YEARS_CLOSURE: (
            "We asked an early years provider for advice from one week before it closed for at "
            "least 4 weeks in a row until one week before it opened again"
        ),
        StatutoryException.PERSONAL_CIRCUMSTANCES: (
            "Exceptional personal circumstances affected the child, young person or parent"
        ),
        StatutoryException.ABSENT_FROM_AREA: (
            "The child, young person or parent was away from the area for at least 4 weeks in a row"
        ),
        StatutoryException.ABSENT_FROM_AREA_2_WEEKS: (
            "The child, young person or parent was away from the area for at least 2 weeks in a row"
        ),
        StatutoryException.MISSED_APPOINTMENT: (
            "The child or young person missed an appointment for an examination or test made by "
            "the person or body giving advice"
        ),
        StatutoryException.REPRESENTATIONS_ON_CONTENT: (
            "The parent or young person said they want to make representations about what the "
            "plan says"
        ),
    }
)


@dataclass(frozen=True, slots=True)
class ExceptionGround:
    """One exception that may lift a particular rule, with the paragraph that allows it."""

    code: StatutoryException
    citation: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One statutory (or advised) time limit.

    ``limit`` is negative for "at least N before" rules; the due date is then the latest day on
    which the step is still in time. For ``Unit.FIXED_DATE`` rules ``limit`` is 0 and ``fixed_date``
    holds the (month, day) of the last day in time in the trigger's calendar year.
    """

    id: str
    title: str
    trigger: str
    limit: int
    unit: Unit
    citation: str
    plain_english: str
    exceptions: tuple[ExceptionGround, ...] = ()
    statutory: bool = True
    fixed_date: tuple[int, int] | None = None
    tribunal_time: bool = False  # rule 12 of the Tribunal's rules moves the last day

    def __post_init__(self) -> None:
        if (self.unit is Unit.FIXED_DATE) != (self.fixed_date is not None):
            msg = f"rule {self.id!r}: fixed_date is needed for FIXED_DATE rules and only for them"
            raise ValueError(msg)

    @property
    def exception_codes(self) -> frozenset[StatutoryException]:
        """The exception codes that may lift this rule."""
        return frozenset(ground.code for ground in self.exceptions)

    @property
    def counts_back(self) -> bool:
        """True for "at least N before" rules, whose due date falls before the trigger."""
        return self.limit < 0


class UnknownRule(KeyError, ValueError):  # noqa: N818 - public name fixed by the API
    """Raised for a rule id that is not in ``RULES``."""

    def __init__(self, rule_id: str) -> None:
        super().__init__(rule_id)
        self.rule_id = rule_id

    def __str__(self) -> str:
        return (
            f"Unknown statutory rule {self.rule_id!r}. "
            "See opensend.statutory.RULES or docs/statutory-rules.md for the rule ids."
        )


def _grounds(
    citation: str, *codes: StatutoryException, via: str = ""
) -> tuple[ExceptionGround, ...]:
    """Build exception grounds; ``citation`` ends before the letter, e.g. "reg 5(4)". ``via``
    names the paragraph that borrows them, e.g. reg 13(3) lifts the 20 weeks "for any of the
    reasons set out in regulation 10(4)(a) to (d)"."""
    letters = "abcdefgh"
    lead = f"{via}, applying " if via else ""
    return tuple(
        ExceptionGround(code, f"{REGS}, {lead}{citation}({letters[i]})")
        for i, code in enumerate(codes)
    )


_E = StatutoryException
# Reg 5(4): three grounds (no early years ground, unlike reg 10(4)).
_DECISION_EXCEPTIONS = (_E.SCHOOL_CLOSURE, _E.PERSONAL_CIRCUMSTANCES, _E.ABSENT_FROM_AREA)
# Reg 10(4)(a) to (d), which reg 13(3) applies to the final plan and reg 27(3) repeats.
_ASSESSMENT_EXCEPTIONS = (
    _E.SCHOOL_CLOSURE,
    _E.EARLY_YEARS_CLOSURE,
    _E.PERSONAL_CIRCUMSTANCES,
    _E.ABSENT_FROM_AREA,
)
# Reg 8(2)(a) to (c): exceptional circumstances, absence of 4 weeks, a missed appointment.
_ADVICE_EXCEPTIONS = (_E.PERSONAL_CIRCUMSTANCES, _E.ABSENT_FROM_AREA, _E.MISSED_APPOINTMENT)
# Reg 44(3)(a) to (d).
_ORDER_EXCEPTIONS = _grounds(
    "reg 44(3)",
    _E.PERSONAL_CIRCUMSTANCES,
    _E.ABSENT_FROM_AREA_2_WEEKS,
    _E.REPRESENTATIONS_ON_CONTENT,
    _E.SCHOOL_CLOSURE,
)
_ORDER_TRIGGER = "the date of the Tribunal's order"
_UNOPPOSED_TRIGGER = "the date we told the Tribunal we would not oppose the appeal"
_REVIEW_MEETING = "the date of the review meeting"

_ALL_RULES: tuple[Rule, ...] = (
    # --- EHC needs assessment and plan (20-week journey) ---
    Rule(
        id="decide_whether_to_assess",
        title="Decide whether to assess",
        trigger="the date the request for an assessment was received",
        limit=6,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 5(1); {COP} 9.14",
        plain_english=(
            "We must decide whether to carry out an EHC needs assessment within 6 weeks of "
            "receiving the request."
        ),
        exceptions=_grounds("reg 5(4)", *_DECISION_EXCEPTIONS),
    ),
    Rule(
        id="provide_advice",
        title="Give advice for the assessment",
        trigger="the date the request for advice was made",
        limit=6,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 8(1); {COP} 9.52",
        plain_english=(
            "Anyone we ask for advice for an EHC needs assessment must send it within 6 weeks "
            "of our request."
        ),
        exceptions=_grounds("reg 8(2)", *_ADVICE_EXCEPTIONS),
    ),
    Rule(
        id="notify_decision_not_to_issue",
        title="Tell the family no plan will be made",
        trigger="the date the request for an assessment was received",
        limit=16,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 10(1); {COP} 9.55",
        plain_english=(
            "If we decide after the assessment not to make an EHC plan, we must tell the family "
            "within 16 weeks of receiving the request."
        ),
        exceptions=_grounds("reg 10(4)", *_ASSESSMENT_EXCEPTIONS),
    ),
    Rule(
        id="draft_plan_representations",
        title="Family's say on the draft plan",
        trigger="the day the draft plan was sent (served)",
        limit=14,
        unit=Unit.DAYS,
        citation=f"{REGS}, reg 13(1); {COP} 9.77",
        plain_english=(
            "The family has at least 15 days to comment on the draft plan and to ask for a school "
            "or college, counting the day we sent it as day 1, so the last day is 14 days after "
            "we sent it."
        ),
    ),
    Rule(
        id="issue_final_plan",
        title="Issue the final plan",
        trigger="the date the request for an assessment was received",
        limit=20,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 13(2); {COP} 9.40",
        plain_english=(
            "We must send out the final EHC plan within 20 weeks of receiving the request for an "
            "assessment."
        ),
        exceptions=_grounds("reg 10(4)", *_ASSESSMENT_EXCEPTIONS, via="reg 13(3)"),
    ),
    Rule(
        id="consultation_response",
        title="School or college replies to consultation",
        trigger="the day the school or college received our request to name it",
        limit=14,
        unit=Unit.DAYS,
        citation=f"{CFA}, s39(2); {COP} 9.79",
        plain_english=(
            "A school or college we ask about naming it in a plan should reply within 15 days, "
            "counting the day it gets our request as day 1. This is advice, not a legal time limit."
        ),
        statutory=False,
    ),
    # --- Reviews and amendments ---
    Rule(
        id="first_annual_review",
        title="First annual review",
        trigger="the date the EHC plan was first made (issued)",
        limit=12,
        unit=Unit.PERIOD_OF_MONTHS,
        citation=f"{CFA}, s44(1)(a); {COP} 9.169",
        plain_english=(
            "We must review a new EHC plan within the 12 months that start on the day it was "
            "made, so by the day before the date one year on."
        ),
    ),
    Rule(
        id="next_annual_review",
        title="Next annual review",
        trigger="the date the plan was last reviewed",
        limit=12,
        unit=Unit.PERIOD_OF_MONTHS,
        citation=f"{CFA}, s44(1)(b); {COP} 9.169",
        plain_english=(
            "We must review an EHC plan again within the 12 months that start on the day it was "
            "last reviewed, so by the day before the date one year on."
        ),
    ),
    Rule(
        id="early_years_review",
        title="Early years review (advised)",
        trigger="the date of the last review, or of the plan if there has been no review",
        limit=6,
        unit=Unit.MONTHS,
        citation=f"{COP} 9.178",
        plain_english=(
            "For a child under 5, the Code of Practice advises reviewing the plan every 3 to 6 "
            "months. This is advice, not a legal time limit, so we show the latest date: 6 months "
            "after the last review."
        ),
        statutory=False,
    ),
    Rule(
        id="review_invitations",
        title="Send review invitations and advice",
        trigger=_REVIEW_MEETING,
        limit=-2,
        unit=Unit.WEEKS,
        citation=f"{REGS}, regs 20(3)–(4) and 21(3)–(4)",
        plain_english=(
            "Everyone must be invited to the review meeting, and sent the advice for it, at "
            "least 2 weeks before the meeting. So the last day to send them is 2 weeks before "
            "the meeting."
        ),
    ),
    Rule(
        id="review_report",
        title="Send the review report",
        trigger=_REVIEW_MEETING,
        limit=2,
        unit=Unit.WEEKS,
        citation=f"{REGS}, regs 20(7) and 21(7)",
        plain_english=(
            "A written report of the review meeting must go to everyone who was invited within "
            "2 weeks of the meeting."
        ),
    ),
    Rule(
        id="review_decision",
        title="Decide after the review",
        trigger=_REVIEW_MEETING,
        limit=4,
        unit=Unit.WEEKS,
        citation=f"{REGS}, regs 20(10) and 22(2); {DEVON}",
        plain_english=(
            "We must tell the family within 4 weeks of the review meeting whether we will keep the "
            "plan as it is, change it or stop it. If we want to change it, we must send the "
            "proposed changes in that time."
        ),
    ),
    Rule(
        id="amendment_representations",
        title="Family's say on proposed changes",
        trigger="the day the proposed changes were sent (served)",
        limit=14,
        unit=Unit.DAYS,
        citation=f"{REGS}, reg 22(2)",
        plain_english=(
            "The family has at least 15 days to comment on the proposed changes to the plan, "
            "counting the day we sent them as day 1, so the last day is 14 days after we sent them."
        ),
    ),
    Rule(
        id="issue_amended_plan",
        title="Issue the amended plan",
        trigger="the date the proposed changes were sent",
        limit=8,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 22(3)",
        plain_english=(
            "We must send out the changed plan within 8 weeks of sending the proposed changes."
        ),
    ),
    Rule(
        id="amended_plan_outer_limit",
        title="Amended plan: 12-week outer limit",
        trigger=_REVIEW_MEETING,
        limit=12,
        unit=Unit.WEEKS,
        citation=DEVON,
        plain_english=(
            "After a review meeting, the changed plan must be sent out no later than 12 weeks "
            "after the meeting: 4 weeks to send the proposed changes, then 8 weeks to finish."
        ),
    ),
    # --- Phase transfers ---
    Rule(
        id="phase_transfer_review",
        title="Phase transfer review",
        trigger="the date the child moves to the next phase of education",
        limit=0,
        unit=Unit.FIXED_DATE,
        fixed_date=(2, 14),
        citation=f"{REGS}, reg 18(1)(b)",
        plain_english=(
            "When a child is moving to a new phase of education, such as from primary to secondary "
            "school, we must finish reviewing and changing the plan by 14 February (the law says "
            "before 15 February) in the year they move."
        ),
    ),
    Rule(
        id="post16_phase_transfer_review",
        title="Post-16 phase transfer review",
        trigger="the date the young person moves from secondary school to a post-16 institution",
        limit=0,
        unit=Unit.FIXED_DATE,
        fixed_date=(3, 30),
        citation=f"{REGS}, reg 18(1)(a)",
        plain_english=(
            "When a young person is moving from secondary school to a college or other post-16 "
            "place, we must finish reviewing and changing the plan by 30 March (the law says "
            "before 31 March) in the year they move."
        ),
    ),
    Rule(
        id="post16_midyear_transfer_review",
        title="Post-16 move at another time",
        trigger="the date the young person moves from one post-16 institution to another",
        limit=-5,
        unit=Unit.MONTHS,
        citation=f"{REGS}, reg 18(2)",
        plain_english=(
            "When a young person moves from one post-16 place to another at any other time of "
            "year, we must finish reviewing and changing the plan at least 5 months before the "
            "move."
        ),
    ),
    # --- Mediation and appeals ---
    Rule(
        id="contact_mediation_adviser",
        title="Family contacts a mediation adviser",
        trigger="the date of the decision notice",
        limit=2,
        unit=Unit.MONTHS,
        citation=f"{REGS}, reg 33; {CFA}, s55",
        plain_english=(
            "A family who wants to appeal must first contact a mediation adviser within 2 months "
            "of the date of our decision letter."
        ),
    ),
    Rule(
        id="mediation_certificate",
        title="Issue the mediation certificate",
        trigger=(
            "the date the mediation adviser was told the family does not want mediation, or "
            "mediation ended or could not be arranged"
        ),
        limit=3,
        unit=Unit.WORKING_DAYS,
        citation=f"{REGS}, regs 34(2), 35 and 39",
        plain_english=(
            "The mediation adviser must give the family a mediation certificate within 3 working "
            "days. Weekends and bank holidays do not count."
        ),
    ),
    Rule(
        id="hold_mediation",
        title="Hold the mediation",
        trigger="the date we were told the family wants mediation",
        limit=30,
        unit=Unit.DAYS,
        citation=f"{REGS}, reg 37(1)",
        plain_english=(
            "Mediation must take place within 30 days of the day we are told the family wants it."
        ),
    ),
    Rule(
        id="mediation_agreement_non_appealable",
        title="Act on a mediation agreement",
        trigger="the date of the mediation agreement",
        limit=2,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 42(3)",
        plain_english=(
            "If mediation ends in an agreement about something that cannot be appealed to the "
            "Tribunal, what was agreed must be done within 2 weeks of the agreement. An agreement "
            "about something that can be appealed has the time limits of a Tribunal order, "
            "counted from the agreement (reg 42(2))."
        ),
    ),
    Rule(
        id="appeal_to_tribunal",
        title="Appeal to the Tribunal",
        trigger="the date the decision notice was sent",
        limit=2,
        unit=Unit.MONTHS,
        citation=f"{TRIBUNAL_RULES}, rules 20(1)(c) and 12",
        plain_english=(
            "The family can appeal to the SEND Tribunal within 2 months of the date we sent our "
            "decision letter, or within 1 month of getting a mediation certificate if that is "
            "later. If that time ends on a day that is not a working day, the appeal is in time "
            "on the next working day; if it ends between 25 December and 1 January, or in "
            "August, it is in time on the first working day after 1 January or 31 August."
        ),
        tribunal_time=True,
    ),
    Rule(
        id="appeal_after_mediation_certificate",
        title="Appeal after a mediation certificate",
        trigger="the date the mediation certificate was issued",
        limit=1,
        unit=Unit.MONTHS,
        citation=f"{TRIBUNAL_RULES}, rules 20(1)(c) and 12",
        plain_english=(
            "A family with a mediation certificate can appeal within 1 month of the date it was "
            "issued, if that is later than 2 months after our decision letter. The same rules "
            "about working days, Christmas and August apply."
        ),
        tribunal_time=True,
    ),
    # --- Tribunal orders (reg 44) ---
    Rule(
        id="order_assess_notify",
        title="Order to assess: tell the family",
        trigger=_ORDER_TRIGGER,
        limit=2,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(b)",
        plain_english=(
            "When the Tribunal orders an assessment, we must tell the family within 2 weeks of the "
            "order that we will carry it out."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    Rule(
        id="order_assess_not_to_issue",
        title="Order to assess: no plan",
        trigger=_ORDER_TRIGGER,
        limit=10,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(b)(i)",
        plain_english=(
            "If, after an assessment the Tribunal ordered, we decide not to make a plan, we must "
            "tell the family why within 10 weeks of the order."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    Rule(
        id="order_assess_final_plan",
        title="Order to assess: final plan",
        trigger=_ORDER_TRIGGER,
        limit=14,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(b)(ii)",
        plain_english=(
            "If, after an assessment the Tribunal ordered, we decide to make a plan, we must send "
            "the final plan within 14 weeks of the order."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    Rule(
        id="order_make_plan_draft",
        title="Order to make a plan: draft",
        trigger=_ORDER_TRIGGER,
        limit=5,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(c)(i)",
        plain_english=(
            "When the Tribunal orders us to make a plan, we must send a draft plan within 5 weeks "
            "of the order."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    Rule(
        id="order_make_plan_final",
        title="Order to make a plan: final",
        trigger=_ORDER_TRIGGER,
        limit=11,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(c)(ii)",
        plain_english=(
            "When the Tribunal orders us to make a plan, we must send the final plan within "
            "11 weeks of the order."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    Rule(
        id="order_amend_plan",
        title="Order to change a plan",
        trigger=_ORDER_TRIGGER,
        limit=5,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(e)",
        plain_english=(
            "When the Tribunal orders us to change a plan, we must send the changed plan within "
            "5 weeks of the order."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    Rule(
        id="order_amend_section_i",
        title="Order to change section I only",
        trigger=_ORDER_TRIGGER,
        limit=2,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(f)",
        plain_english=(
            "When the Tribunal orders us to change only the school or college named in section I, "
            "we must send the changed plan within 2 weeks of the order."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    # --- Unopposed appeals (reg 45, as substituted by SI 2015/359, reg 8) ---
    Rule(
        id="unopposed_assess_notify",
        title="Unopposed appeal: tell the family we will assess",
        trigger=_UNOPPOSED_TRIGGER,
        limit=2,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 45(3) (as substituted by {AMENDMENT_2015})",
        plain_english=(
            "When we tell the Tribunal we will not oppose an appeal against a refusal to assess "
            "or re-assess, we must tell the family within 2 weeks that we will carry out the "
            "assessment."
        ),
    ),
    Rule(
        id="unopposed_assess_not_to_issue",
        title="Unopposed appeal: no plan after the assessment",
        trigger=_UNOPPOSED_TRIGGER,
        limit=10,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 45(3A)(a) (as substituted by {AMENDMENT_2015})",
        plain_english=(
            "If, after that assessment, we decide not to make a plan, we must tell the family why "
            "within 10 weeks of telling the Tribunal we would not oppose the appeal."
        ),
    ),
    Rule(
        id="unopposed_assess_final_plan",
        title="Unopposed appeal: final plan after the assessment",
        trigger=_UNOPPOSED_TRIGGER,
        limit=14,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 45(3A)(b) (as substituted by {AMENDMENT_2015})",
        plain_english=(
            "If, after that assessment, we decide to make a plan, we must send the final plan "
            "within 14 weeks of telling the Tribunal we would not oppose the appeal."
        ),
    ),
    Rule(
        id="unopposed_amend_plan",
        title="Unopposed appeal: amended plan",
        trigger=_UNOPPOSED_TRIGGER,
        limit=5,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 45(4) (as substituted by {AMENDMENT_2015})",
        plain_english=(
            "When we tell the Tribunal we will not oppose an appeal about what a plan says or the "
            "school or college it names, we must send the amended plan within 5 weeks."
        ),
    ),
    # --- Re-assessment (regs 25 to 27) ---
    Rule(
        id="decide_whether_to_reassess",
        title="Decide whether to re-assess",
        trigger="the date the request for a re-assessment was received",
        limit=15,
        unit=Unit.DAYS,
        citation=f"{REGS}, reg 25(1)",
        plain_english=(
            "When a family or a school or college asks us to re-assess a child or young person "
            "who has a plan, we must tell the family within 15 days of getting the request "
            "whether we will do it."
        ),
    ),
    Rule(
        id="issue_reassessed_plan",
        title="Issue the plan after a re-assessment",
        trigger="the date we told the family we would re-assess",
        limit=14,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 27(2)",
        plain_english=(
            "After a re-assessment, we must send the amended or new final plan within 14 weeks "
            "of telling the family we would re-assess."
        ),
        exceptions=_grounds("reg 27(3)", *_ASSESSMENT_EXCEPTIONS),
    ),
    # --- Mediation about health care, and mediation agreements ---
    Rule(
        id="notify_health_of_mediation",
        title="Tell the health body about mediation",
        trigger="the date we were told the family wants mediation that includes health care",
        limit=3,
        unit=Unit.WORKING_DAYS,
        citation=f"{REGS}, reg 36(2)",
        plain_english=(
            "When the family wants mediation about health care in the plan, we must tell the "
            "health commissioning body what the disagreement is within 3 working days."
        ),
    ),
    Rule(
        id="hold_health_mediation",
        title="Hold mediation about health care only",
        trigger="the date the health commissioning body was told about the mediation",
        limit=30,
        unit=Unit.DAYS,
        citation=f"{REGS}, reg 36(3)",
        plain_english=(
            "When the mediation is only about health care, the health commissioning body must "
            "arrange it within 30 days of being told about it."
        ),
    ),
    Rule(
        id="mediation_agreement_notify_council",
        title="Health body tells us of a mediation agreement",
        trigger="the date of the mediation agreement",
        limit=1,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 42(4)",
        plain_english=(
            "If we were not part of the mediation, the health commissioning body must tell us "
            "what was agreed within 1 week of the agreement."
        ),
    ),
)

RULES: Mapping[str, Rule] = MappingProxyType({rule.id: rule for rule in _ALL_RULES})
if len(RULES) != len(_ALL_RULES):  # pragma: no cover - guards against a copy-paste slip
    raise RuntimeError("duplicate statutory rule id")


def get_rule(rule_id: str) -> Rule:
    """Return the rule with this id, or raise ``UnknownRule``."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise UnknownRule(rule_id) from None
