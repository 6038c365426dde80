"""The clocks on an amendment, each from `opensend.statutory` (no date arithmetic here)."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from opensend import statutory
from opensend.core.clocks import Clock, rule_clock
from opensend.reviews.codes import OPEN_AMENDMENT_STATUSES, AmendmentSource
from opensend.reviews.models import Amendment

ORDER_RULE_FOR = {"amend": "order_amend_plan", "amend_section_i": "order_amend_section_i"}


def order_amend_rule(appeal: Any) -> str | None:
    """The step an amendment complies with: reg 44(2)(e)/(f) after an order, or reg 45(4) when
    we did not oppose the appeal (then counted from the day we told the Tribunal)."""
    if appeal is None or appeal.compliance_from is None or appeal.order_type not in ORDER_RULE_FOR:
        return None
    rules = appeal.compliance_rules
    return rules[0] if rules else None


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
    if amendment.status not in OPEN_AMENDMENT_STATUSES:
        clocks = [c for c in clocks if c.done_on is not None]
    return sorted(clocks, key=lambda c: (c.due_on, c.rule_id))


def late_against(clocks: Iterable[Clock], on: date) -> list[Clock]:
    """The clocks a step done on `on` misses (shown, never blocking)."""
    return [c for c in clocks if not c.family_step and on > c.due_on]
