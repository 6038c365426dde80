"""Ceasing an EHC plan: when the law lets the council stop maintaining one.

Children and Families Act 2014, s45(1): a council may cease to maintain a plan "only if (a) it is
no longer responsible for the child or young person, or (b) it determines that it is no longer
necessary for the plan to be maintained". The SEND Regulations 2014 narrow that by age:

- under 18 (reg 29): the council may not cease a plan because the child or young person is not in
  education or training. It must review and amend the plan instead, so they get back into
  education or training (reg 29(2)). So under 18 a plan ends only when the council is no longer
  responsible (the child moved to another council, moved outside England, or died) or the plan is
  no longer necessary (needs met without a plan).
- 18 and over (reg 30): the council may cease a plan for a young person who has left education or
  training (moved on to higher education, to paid work other than an apprenticeship, or no longer
  wishes to engage) only after a review that considers whether they wish to return to education
  or training (reg 30(1)–(2)).
- 19 and over (s45(3)): deciding the plan is no longer necessary must have regard to whether the
  education or training outcomes in the plan have been achieved.
- s46 is a limit, not an automatic end: a council "may continue to maintain an EHC plan for a
  young person until the end of the academic year during which the young person attains the age
  of 25". Reg 46 says when that academic year ends: 31 July for a young person attending an
  institution in the further education sector, 31 August otherwise (``plan_end_date``).

Reasons use DfE's SEN2 cease reason codes exactly ("1" to "9"), so they map straight onto the
return: 1 reached maximum age; 2 ongoing needs met without a plan; 3 moved on to higher
education; 4 moved on to paid employment, excluding apprenticeships; 5 transferred to another LA;
6 no longer wishes to engage in education or training; 7 moved outside England; 8 deceased;
9 other. Pure Python: pass the dates in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from opensend.statutory.deadlines import long_date
from opensend.statutory.school_years import academic_year, age_on

__all__ = [
    "CESSATION_CITATION",
    "CeaseCheck",
    "CeaseGround",
    "cease_check",
    "plan_end_date",
]

CFA = "Children and Families Act 2014"
REGS = "SEND Regulations 2014"
CESSATION_CITATION = f"{CFA}, s45; {REGS}, regs 29 to 31"

ADULT_AGE = 18
OUTCOMES_AGE = 19
MAXIMUM_AGE = 25
_JULY = 7
_AUGUST = 8
_LAST_DAY_OF_JULY = 31
_LAST_DAY_OF_AUGUST = 31


class CeaseGround(StrEnum):
    """The two grounds in CFA s45(1)."""

    NO_LONGER_RESPONSIBLE = "no_longer_responsible"
    NO_LONGER_NECESSARY = "no_longer_necessary"

    @property
    def label(self) -> str:
        if self is CeaseGround.NO_LONGER_RESPONSIBLE:
            return "The council is no longer responsible for the child or young person"
        return "The plan is no longer necessary"


@dataclass(frozen=True)
class _Reason:
    ground: CeaseGround
    min_age: int  # the youngest age the reason can apply at
    citation: str
    review_first: bool = False


_LEFT_EDUCATION = f"{CFA}, s45(1)(a); {REGS}, regs 29(2) and 30"
_REASONS: dict[str, _Reason] = {
    # 1: reached the maximum age (s46, reg 46: the end of the academic year they turn 25).
    "1": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, MAXIMUM_AGE - 1, f"{CFA}, s46; {REGS}, reg 46"),
    # 2: needs met without a plan: "no longer necessary", at any age.
    "2": _Reason(CeaseGround.NO_LONGER_NECESSARY, 0, f"{CFA}, s45(1)(b) and (3); {REGS}, reg 29"),
    # 3, 4, 6: left education or training: 18 and over only, and only after a review (reg 30).
    "3": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, ADULT_AGE, _LEFT_EDUCATION, review_first=True),
    "4": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, ADULT_AGE, _LEFT_EDUCATION, review_first=True),
    "6": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, ADULT_AGE, _LEFT_EDUCATION, review_first=True),
    # 5, 7, 8: another council is responsible, they have left England, or they have died.
    "5": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, 0, f"{CFA}, s45(1)(a); {REGS}, reg 15"),
    "7": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, 0, f"{CFA}, s45(1)(a)"),
    "8": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, 0, f"{CFA}, s45(1)(a)"),
    # 9: any other reason: only for a young person of 18 or over, tested as "no longer necessary".
    "9": _Reason(CeaseGround.NO_LONGER_NECESSARY, ADULT_AGE, f"{CFA}, s45(1); {REGS}, regs 29, 30"),
}

_UNDER_18 = (
    "Under 18, a plan can only be stopped because it is no longer needed (needs met without a "
    "plan), or because the council is no longer responsible: the child moved to another council "
    "or outside England, or died. "
)
_TOO_YOUNG = {
    "1": (
        "A plan can continue until the end of the academic year in which the young person "
        "turns 25, which is {end}."
    ),
    "3": _UNDER_18 + "Starting higher education is a reason only from 18, after a review.",
    "4": _UNDER_18 + "Starting paid work is a reason only from 18, after a review.",
    "6": (
        _UNDER_18 + "A child or young person under 18 who is not in education or training keeps "
        "the plan: we must review it and change it so they can go back to education or training."
    ),
    "9": _UNDER_18 + "Choose the reason that applies.",
}


def plan_end_date(date_of_birth: date, *, further_education: bool = False) -> date:
    """The last day a plan can be maintained: the end of the academic year they turn 25.

    CFA s46(1) lets a council maintain a plan "until the end of the academic year during which the
    young person attains the age of 25"; reg 46 says that academic year ends on 31 July for a young
    person attending an institution within the further education sector (whose year runs from
    1 August) and on 31 August otherwise (from 1 September).
    """
    # 28 February and 1 March (for someone born on 29 February) are in the same academic year.
    day = min(date_of_birth.day, 28) if date_of_birth.month == 2 else date_of_birth.day
    turns_25 = date(date_of_birth.year + MAXIMUM_AGE, date_of_birth.month, day)
    if further_education:
        year = turns_25.year + (turns_25.month >= _AUGUST)
        return date(year, _JULY, _LAST_DAY_OF_JULY)
    return date(academic_year(turns_25) + 1, _AUGUST, _LAST_DAY_OF_AUGUST)


@dataclass(frozen=True)
class CeaseCheck:
    """Whether a cease reason is allowed for someone of this age, and what must happen first."""

    reason: str
    allowed: bool
    ground: CeaseGround
    explanation: str
    citation: str
    age: int
    review_required: bool
    have_regard_to_outcomes: bool

    @property
    def cited(self) -> str:
        """The explanation followed by the law it comes from, for screens."""
        return f"{self.explanation} ({self.citation})."


def _year_before(end: date) -> date:
    """The last day of the academic year before the one that ends on ``end``."""
    return date(end.year - 1, end.month, end.day)


def _allowed_explanation(reason: str, rule: _Reason, age: int) -> str:
    if rule.review_first:
        return (
            "The young person is 18 or over and has left education or training. We may stop the "
            "plan only after reviewing it, and considering whether they want to go back to "
            "education or training"
        )
    if rule.ground is CeaseGround.NO_LONGER_NECESSARY:
        text = (
            "We may stop the plan if the child or young person no longer needs the special "
            "educational provision in it"
        )
        if age >= OUTCOMES_AGE:
            text += (
                ". As they are 19 or over, we must take account of whether the education or "
                "training outcomes in the plan have been achieved"
            )
        return text
    if reason == "1":
        return "The young person has reached the end of the academic year in which they turn 25"
    return "The council is no longer responsible for the child or young person"


def cease_check(
    reason: str, date_of_birth: date, on: date, *, further_education: bool = False
) -> CeaseCheck:
    """Test a SEN2 cease reason ("1" to "9") against the child's age on ``on``.

    ``further_education`` says the young person attends an institution in the further education
    sector, whose academic year (for reason 1) ends on 31 July (reg 46).
    Raises ValueError for a reason code that is not a SEN2 cease reason.
    """
    rule = _REASONS.get(reason)
    if rule is None:
        raise ValueError(f"{reason!r} is not a SEN2 cease reason (1 to 9)")
    age = age_on(date_of_birth, on)
    end = plan_end_date(date_of_birth, further_education=further_education)
    # Reason 1: the plan may end in the academic year they turn 25 (the 12 months up to its
    # last day); the others by age.
    allowed = on > _year_before(end) if reason == "1" else age >= rule.min_age
    if allowed:
        explanation = _allowed_explanation(reason, rule, age)
    else:
        explanation = f"The child or young person is {age}. " + _TOO_YOUNG[reason].format(
            end=long_date(end)
        )
    return CeaseCheck(
        reason=reason,
        allowed=allowed,
        ground=rule.ground,
        explanation=explanation.rstrip("."),
        citation=rule.citation,
        age=age,
        review_required=allowed and rule.review_first,
        have_regard_to_outcomes=allowed
        and rule.ground is CeaseGround.NO_LONGER_NECESSARY
        and age >= OUTCOMES_AGE,
    )
