"""What a statutory rule is (``Rule``, its ``Unit`` and the ``StatutoryException`` grounds that may
lift it), the names of the sources cited, and the exception grounds several rules share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

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
