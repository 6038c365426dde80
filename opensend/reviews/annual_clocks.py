"""The clocks on annual reviews, each from `opensend.statutory` (an amendment's are in
`reviews.amendments.clocks`).

No date arithmetic happens here either: every due date is `statutory.due(rule_id, trigger)`.
When a review must be held by (first review, next review, or the 6-monthly early years cycle)
is `statutory.review_due_choice`: the final issue, the services and the demo all ask it.
`next_due_on` is the soonest open clock, cached on the row so queues sort and count in SQL.
"""

from collections.abc import Iterable
from datetime import date

from opensend import statutory
from opensend.core.clocks import Clock, rule_clock
from opensend.reviews.codes import ReviewLead
from opensend.reviews.models import AnnualReview

# Settings whose SENCO (or head of SEN) leads the review: schools and colleges (CoP 9.176).
SCHOOL_AND_COLLEGE_KINDS = frozenset(
    {"mainstream", "special", "resource_base", "college", "independent", "out_of_area"}
)


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


MEETING_AFTER_DUE = (
    "The meeting is after {due}, the last day the law allows for this review (Children and "
    "Families Act 2014, s44(1)). Hold it by then if you can."
)
INVITATIONS_OVERDUE = (
    "The invitations should have gone by {due}, at least 2 weeks before the meeting "
    "({citation}). Send them now, or move the meeting."
)


def meeting_warnings(review: AnnualReview, *, today: date) -> list[str]:
    """What is already wrong with the meeting date: after the review's legal date, or too
    close for the invitations still to go in time."""
    if review.meeting_on is None or review.held_on is not None:
        return []
    warnings = []
    if review.meeting_on > review.due_by:
        warnings.append(MEETING_AFTER_DUE.format(due=statutory.long_date(review.due_by)))
    due = invitations_due(review)
    if review.invitations_sent_on is None and due is not None and today > due:
        citation = statutory.get_rule("review_invitations").citation
        warnings.append(INVITATIONS_OVERDUE.format(due=statutory.long_date(due), citation=citation))
    return warnings


def decision_due(review: AnnualReview) -> date | None:
    if review.meeting_on is None:
        return None
    return statutory.due("review_decision", review.meeting_on)


def soonest_open(clocks: Iterable[Clock]) -> date | None:
    """The `next_due_on` cache: the soonest clock of ours still open (None when all done)."""
    open_dates = [c.due_on for c in clocks if c.is_open and not c.family_step]
    return min(open_dates) if open_dates else None
