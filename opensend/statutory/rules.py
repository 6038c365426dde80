"""The statutory clocks of the SEND system in England, as data with citations.

Each ``Rule`` says what starts the clock (``trigger``), how long it runs (``limit`` and ``unit``),
where the law says so (``citation``) and which recorded exceptions may lift it. ``deadlines.due``
turns a rule and a trigger date into the last day on which the step is still in time.

Counting conventions (DESIGN.md §3):

- "within N weeks of X" is calendar time: X + 7N days.
- "at least 15 days beginning with the day on which it was served": the day of service is day 1,
  so the last day is service + 14 days (``limit=14, unit=DAYS``).
- "N months": the same day number N months on, or the last day of that month if it is shorter.
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


class Unit(Enum):
    """How a rule's ``limit`` is counted."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    WORKING_DAYS = "working_days"
    FIXED_DATE = "fixed_date"  # a day of the trigger's calendar year, e.g. 14 February


class StatutoryException(Enum):
    """Recorded reasons that may lift a time limit. They never apply silently: casework records
    each one with dates and evidence, and reports count them apart (SEN2 ``Week20``)."""

    SCHOOL_CLOSURE = "school_closure"
    PERSONAL_CIRCUMSTANCES = "personal_circumstances"
    ABSENT_FROM_AREA = "absent_from_area"
    ABSENT_FROM_AREA_2_WEEKS = "absent_from_area_2_weeks"
    MISSED_APPOINTMENT = "missed_appointment"

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
            "The family missed an appointment made by the person or body giving advice"
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


def _grounds(citation: str, *codes: StatutoryException) -> tuple[ExceptionGround, ...]:
    """Build exception grounds; ``citation`` ends before the letter, e.g. "reg 5(4)"."""
    letters = "abcdefgh"
    return tuple(
        ExceptionGround(code, f"{REGS}, {citation}({letters[i]})") for i, code in enumerate(codes)
    )


_E = StatutoryException
_ASSESSMENT_EXCEPTIONS = (_E.SCHOOL_CLOSURE, _E.PERSONAL_CIRCUMSTANCES, _E.ABSENT_FROM_AREA)
_ORDER_EXCEPTIONS = _grounds(
    "reg 44(3)", _E.PERSONAL_CIRCUMSTANCES, _E.ABSENT_FROM_AREA_2_WEEKS, _E.SCHOOL_CLOSURE
)
_ORDER_TRIGGER = "the date of the Tribunal's order"
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
        exceptions=_grounds("reg 5(4)", *_ASSESSMENT_EXCEPTIONS),
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
        exceptions=(ExceptionGround(_E.MISSED_APPOINTMENT, f"{REGS}, reg 8(2)"),),
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
        exceptions=_grounds("reg 13(3)", *_ASSESSMENT_EXCEPTIONS),
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
        trigger="the date the EHC plan was first issued",
        limit=12,
        unit=Unit.MONTHS,
        citation=f"{CFA}, s44(1)(a); {COP} 9.169",
        plain_english="We must review a new EHC plan within 12 months of the date it was made.",
    ),
    Rule(
        id="next_annual_review",
        title="Next annual review",
        trigger="the date the plan was last reviewed",
        limit=12,
        unit=Unit.MONTHS,
        citation=f"{CFA}, s44(1)(b); {COP} 9.169",
        plain_english=(
            "We must review an EHC plan again within 12 months of the date it was last reviewed."
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
            "Tribunal, what was agreed must be done within 2 weeks of the agreement."
        ),
    ),
    Rule(
        id="appeal_to_tribunal",
        title="Appeal to the Tribunal",
        trigger="the date the decision notice was sent",
        limit=2,
        unit=Unit.MONTHS,
        citation=f"{TRIBUNAL_RULES}, rule 20(1)(c)",
        plain_english=(
            "The family can appeal to the SEND Tribunal within 2 months of the date we sent our "
            "decision letter, or within 1 month of getting a mediation certificate if that is "
            "later."
        ),
    ),
    Rule(
        id="appeal_after_mediation_certificate",
        title="Appeal after a mediation certificate",
        trigger="the date the mediation certificate was issued",
        limit=1,
        unit=Unit.MONTHS,
        citation=f"{TRIBUNAL_RULES}, rule 20(1)(c)",
        plain_english=(
            "A family with a mediation certificate can appeal within 1 month of the date it was "
            "issued, if that is later than 2 months after our decision letter."
        ),
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
