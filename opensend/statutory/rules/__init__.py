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

The rules are grouped by journey: ``assessments`` (assessment, plan, re-assessment),
``reviews`` (annual reviews, amendments, phase transfers) and ``disputes`` (mediation, appeals,
Tribunal orders); ``base`` says what a rule is.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from opensend.statutory.rules.assessments import ASSESSMENT_AND_PLAN, REASSESSMENT
from opensend.statutory.rules.base import (
    ExceptionGround,
    Rule,
    StatutoryException,
    Unit,
    UnknownRule,
)
from opensend.statutory.rules.disputes import (
    HEALTH_MEDIATION,
    MEDIATION_AND_APPEALS,
    TRIBUNAL_ORDERS,
    UNOPPOSED_APPEALS,
)
from opensend.statutory.rules.reviews import PHASE_TRANSFERS, REVIEWS_AND_AMENDMENTS

__all__ = [
    "RULES",
    "ExceptionGround",
    "Rule",
    "StatutoryException",
    "Unit",
    "UnknownRule",
    "get_rule",
]

_ALL_RULES: tuple[Rule, ...] = (
    *ASSESSMENT_AND_PLAN,
    *REVIEWS_AND_AMENDMENTS,
    *PHASE_TRANSFERS,
    *MEDIATION_AND_APPEALS,
    *TRIBUNAL_ORDERS,
    *UNOPPOSED_APPEALS,
    *REASSESSMENT,
    *HEALTH_MEDIATION,
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
