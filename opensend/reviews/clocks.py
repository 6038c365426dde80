"""The clocks on annual reviews and amendments, each from `opensend.statutory`.

No date arithmetic happens here either: every due date is `statutory.due(rule_id, trigger)`.
When a review must be held by (first review, next review, or the 6-monthly early years cycle)
is `statutory.review_due_choice`: the final issue, the services and the demo all ask it.
`next_due_on` is the soonest open clock, cached on the row so queues sort and count in SQL.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from opensend import statutory
from opensend.core.clocks import Clock, rule_clock
from opensend.reviews.models import (
    Amendment,
    AmendmentSource,
    AmendmentStatus,
    AnnualReview,
    ReviewLead,
)

# Settings whose SENCO (or head of SEN) leads the review: schools and colleges (CoP 9.176).
SCHOOL_AND_COLLEGE_KINDS = frozenset(
    {"mainstream", "special", "resource_base", "college", "independent", "out_of_area"}
)
ORDER_RULE_FOR = {"amend": "order_amend_plan", "amend_section_i": "order_amend_section_i"}


def order_amend_rule(appeal: Any) -> str | None:
    """The step an amendment complies with: reg 44(2)(e)/(f) after an order, or reg 45(4) when
    we did not oppose the appeal (then counted from the day we told the Tribunal)."""
    if appeal is None or appeal.compliance_from is None or appeal.order_type not in ORDER_RULE_FOR:
        return None
    rules = appeal.compliance_rules
    return rules[0] if rules else None


def review_lead_for(setting_kind: str | None) -> str:
    """A school or college leads the review; otherwise (early years, none) the council does."""
    return ReviewLead.SETTING if setting_kind in SCHOOL_AND_COLLEGE_KINDS else ReviewLead.COUNCIL


def held_by_clock(review: AnnualReview) -> Clock:
    rule_id = review.due_rule or "next_annual_review"
    rule = statutory.get_rule(rule_id)
    return Clock(
        rule_id=rule_id,
        title=f"Hold the review meeting ({rule.title.lower()})",
        trigger_on=review.due_from or review.due_by,
        due_on=review.due_by,
        done_on=review.held_on,
        explanation=statutory.explain(rule_id),
    )


def review_clocks(review: AnnualReview) -> list[Clock]:
    """Held-by; then, once the meeting date is set, invitations, report and decision."""
    clocks = [held_by_clock(review)]
    if review.meeting_on is not None:
        clocks += [
            rule_clock("review_invitations", review.meeting_on, review.invitations_sent_on),
            rule_clock("review_report", review.meeting_on, review.report_sent_on),
            rule_clock("review_decision", review.meeting_on, review.decided_on),
        ]
    if not review.is_open:
        clocks = [c for c in clocks if c.done_on is not None]
    return sorted(clocks, key=lambda c: (c.due_on, c.rule_id))


def invitations_due(review: AnnualReview) -> date | None:
    if review.meeting_on is None:
        return None
    return statutory.due("review_invitations", review.meeting_on)


def invitations_late(review: AnnualReview) -> bool:
    due_on = invitations_due(review)
    sent = review.invitations_sent_on
    return due_on is not None and sent is not None and sent > due_on


def decision_due(review: AnnualReview) -> date | None:
    if review.meeting_on is None:
        return None
    return statutory.due("review_decision", review.meeting_on)


def soonest_open(clocks: Iterable[Clock]) -> date | None:
    """The `next_due_on` cache: the soonest clock of ours still open (None when all done)."""
    open_dates = [c.due_on for c in clocks if c.is_open and not c.family_step]
    return min(open_dates) if open_dates else None


# ---------------------------------------------------------------------------- amendments


def representations_end(proposed_on: date | None) -> date | None:
    """The family's last day to comment on the proposals (reg 22(2): 15 days)."""
    if proposed_on is None:
        return None
    return statutory.due("amendment_representations", proposed_on)


def amendment_clocks(amendment: Amendment, *, comments_on: list[date] | None = None) -> list[Clock]:
    """Proposals (with the decision), the family's say, issue within 8 weeks / 12 weeks.
    `comments_on` (the days the family commented) is read from the amendment unless given."""
    done = amendment.issued_on or amendment.closed_on
    clocks: list[Clock] = []
    if amendment.meeting_on is not None and amendment.source == AmendmentSource.REVIEW:
        clocks.append(rule_clock("review_decision", amendment.meeting_on, amendment.proposed_on))
    appeal = amendment.appeal
    rule_id = order_amend_rule(appeal)
    if appeal is not None and rule_id is not None and appeal.compliance_from is not None:
        clocks.append(rule_clock(rule_id, appeal.compliance_from, amendment.issued_on))
    if amendment.proposed_on is not None:
        said = (
            comments_on
            if comments_on is not None
            else [r.made_on for r in amendment.representations.all()]
        )
        clocks.append(
            rule_clock(
                "amendment_representations",
                amendment.proposed_on,
                min(said) if said else None,
                family=True,
            )
        )
        clocks.append(rule_clock("issue_amended_plan", amendment.proposed_on, done))
    if amendment.meeting_on is not None:
        clocks.append(rule_clock("amended_plan_outer_limit", amendment.meeting_on, done))
    if amendment.status not in (AmendmentStatus.PREPARING, AmendmentStatus.PROPOSED):
        clocks = [c for c in clocks if c.done_on is not None]
    return sorted(clocks, key=lambda c: (c.due_on, c.rule_id))


def late_against(clocks: Iterable[Clock], on: date) -> list[Clock]:
    """The clocks a step done on `on` misses (shown, never blocking)."""
    return [c for c in clocks if not c.family_step and on > c.due_on]
