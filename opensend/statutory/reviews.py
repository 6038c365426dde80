"""When an EHC plan's review must be held by: the one place that chooses the rule.

A plan is reviewed at least every 12 months (Children and Families Act 2014 s44(1); SEND
Regulations 2014 reg 18 for the first review "within 12 months of the date on which the EHC plan
was finalised"), and every 3 to 6 months for a child under 5 (SEND Code of Practice 2015,
paragraph 9.178: "Local authorities should consider reviewing an EHC plan for a child under
five at least every three to six months"). The final issue (plans), the reviews that follow
(reviews) and the demo area all ask this function, so they always agree.
"""

from dataclasses import dataclass
from datetime import date

from opensend.statutory.deadlines import due
from opensend.statutory.school_years import age_on

EARLY_YEARS_AGE = 5
ANNUAL = "annual"  # reviews.models.ReviewKind.ANNUAL
EARLY_YEARS = "early_years"  # reviews.models.ReviewKind.EARLY_YEARS


@dataclass(frozen=True)
class ReviewDue:
    """When a review must be held by, and which rule says so."""

    kind: str
    rule_id: str
    trigger: date
    due_by: date


def review_due_choice(*, date_of_birth: date | None, trigger: date, first: bool) -> ReviewDue:
    """The next review's date: 6-monthly while under 5 (CoP 9.178), else 12 months (s44)."""
    if date_of_birth is not None and age_on(date_of_birth, trigger) < EARLY_YEARS_AGE:
        rule_id, kind = "early_years_review", EARLY_YEARS
    else:
        rule_id = "first_annual_review" if first else "next_annual_review"
        kind = ANNUAL
    return ReviewDue(kind=kind, rule_id=rule_id, trigger=trigger, due_by=due(rule_id, trigger))
