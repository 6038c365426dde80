"""Ceasing an EHC plan: when the law lets the council stop maintaining one.

Children and Families Act 2014, s45: a council may cease to maintain a plan only if it is no
longer responsible for the child or young person, or it decides the plan is no longer necessary.
The SEND Regulations 2014 narrow that by age:

- under 18 (reg 29): only when the plan is no longer necessary. A child or young person under 18
  who is not in education or training keeps the plan: the council reviews and amends it so they
  get back into education or training (reg 29(2)).
- 18 and over (reg 30): as well, when they have left education or training, but only after a
  review (regs 18 and 19) that finds they do not want to go back (or going back would not be
  appropriate). Starting higher education or paid employment (not an apprenticeship) also ends
  the council's responsibility for a young person.
- 19 and over (s45(4)): deciding the plan is no longer necessary must have regard to whether the
  education or training outcomes in the plan have been achieved.
- a young person's plan ends at the end of the academic year in which they turn 25 (s46).

Reasons use the DfE SEN2 cease reason codes ("1" to "9"), so they map straight onto the return.
Pure Python: pass the dates in.
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
_AUGUST = 8
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


_REASONS: dict[str, _Reason] = {
    # 1: reached the maximum age (s46: the end of the academic year they turn 25).
    "1": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, MAXIMUM_AGE - 1, f"{CFA}, s46"),
    # 2 and 3: higher education or paid employment end the council's responsibility (18+).
    "2": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, ADULT_AGE, f"{CFA}, s45(1)(a); {REGS}, reg 30"),
    "3": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, ADULT_AGE, f"{CFA}, s45(1)(a); {REGS}, reg 30"),
    # 4, 6, 7: another council is responsible, they have left England, or they have died.
    "4": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, 0, f"{CFA}, s45(1)(a)"),
    "5": _Reason(CeaseGround.NO_LONGER_NECESSARY, 0, f"{CFA}, s45(1)(b) and (2); {REGS}, reg 29"),
    "6": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, 0, f"{CFA}, s45(1)(a)"),
    "7": _Reason(CeaseGround.NO_LONGER_RESPONSIBLE, 0, f"{CFA}, s45(1)(a)"),
    # 8: left education or training: 18 and over only, and only after a review (reg 30(1)).
    "8": _Reason(
        CeaseGround.NO_LONGER_RESPONSIBLE,
        ADULT_AGE,
        f"{REGS}, regs 29(2) and 30",
        review_first=True,
    ),
    # 9: any other reason is tested as "no longer necessary" (the only ground under 18).
    "9": _Reason(CeaseGround.NO_LONGER_NECESSARY, 0, f"{CFA}, s45(1)(b); {REGS}, reg 29"),
}

_TOO_YOUNG = {
    "1": (
        "A plan can continue until the end of the academic year in which the young person "
        "turns 25, which is {end}."
    ),
    "2": (
        "Under 18, a plan can only be stopped because it is no longer necessary. Starting "
        "higher education is a reason only from 18."
    ),
    "3": (
        "Under 18, a plan can only be stopped because it is no longer necessary. Starting paid "
        "work is a reason only from 18."
    ),
    "8": (
        "Under 18, a plan cannot be stopped because the child or young person has left "
        "education or training. We must review the plan and change it so they can go back to "
        "education or training."
    ),
}


def plan_end_date(date_of_birth: date) -> date:
    """The last day a plan can be maintained: the end of the academic year they turn 25 (s46).

    The academic year runs from 1 September to 31 August, as everywhere in this package.
    """
    # 28 February and 1 March (for someone born on 29 February) are in the same academic year.
    day = min(date_of_birth.day, 28) if date_of_birth.month == 2 else date_of_birth.day
    turns_25 = date(date_of_birth.year + MAXIMUM_AGE, date_of_birth.month, day)
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


def _allowed_explanation(reason: str, rule: _Reason, age: int) -> str:
    if rule.review_first:
        return (
            "The young person is 18 or over. We may stop the plan only after reviewing it and "
            "finding that they do not want to go back to education or training, or that going "
            "back would not be right for them"
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


def cease_check(reason: str, date_of_birth: date, on: date) -> CeaseCheck:
    """Test a SEN2 cease reason ("1" to "9") against the child's age on ``on``.

    Raises ValueError for a reason code that is not a SEN2 cease reason.
    """
    rule = _REASONS.get(reason)
    if rule is None:
        raise ValueError(f"{reason!r} is not a SEN2 cease reason (1 to 9)")
    age = age_on(date_of_birth, on)
    end = plan_end_date(date_of_birth)
    # Reason 1: the plan may end in the academic year they turn 25; the others by age.
    allowed = academic_year(on) >= academic_year(end) if reason == "1" else age >= rule.min_age
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
