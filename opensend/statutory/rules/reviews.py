"""The rules of annual reviews, amendments and phase transfers."""

from __future__ import annotations

from opensend.statutory.rules.base import (
    _REVIEW_MEETING,
    CFA,
    COP,
    DEVON,
    REGS,
    Rule,
    Unit,
)

# Reviews and amendments
REVIEWS_AND_AMENDMENTS: tuple[Rule, ...] = (
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
        id="review_family_views",
        title="The family's views for the review",
        trigger=_REVIEW_MEETING,
        limit=-2,
        unit=Unit.WEEKS,
        # Reg 20(2)(a): "the child's parent or the young person" is invited; 20(4): "The person
        # arranging the review meeting must obtain advice and information about the child or
        # young person from the persons referred to in paragraph (2) and must circulate it to
        # those persons at least two weeks in advance of the review meeting."
        citation=f"{REGS}, reg 20(2)(a) and (4)",
        plain_english=(
            "The family's views are part of the advice and information for the review, which "
            "must be sent to everyone invited at least 2 weeks before the meeting. So we ask for "
            "the family's views by 2 weeks before the meeting."
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
)

# Phase transfers
PHASE_TRANSFERS: tuple[Rule, ...] = (
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
)
