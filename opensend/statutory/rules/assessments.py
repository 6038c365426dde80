"""The rules of the EHC needs assessment and plan (the 20-week journey) and of re-assessment."""

from __future__ import annotations

from opensend.statutory.rules.base import (
    _ADVICE_EXCEPTIONS,
    _ASSESSMENT_EXCEPTIONS,
    _DECISION_EXCEPTIONS,
    CFA,
    COP,
    REGS,
    Rule,
    Unit,
    _grounds,
)

# EHC needs assessment and plan (20-week journey)
ASSESSMENT_AND_PLAN: tuple[Rule, ...] = (
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
        exceptions=_grounds("reg 5(4)", *_DECISION_EXCEPTIONS),
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
        exceptions=_grounds("reg 8(2)", *_ADVICE_EXCEPTIONS),
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
        exceptions=_grounds("reg 10(4)", *_ASSESSMENT_EXCEPTIONS, via="reg 13(3)"),
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
)

# Re-assessment (regs 25 to 27)
REASSESSMENT: tuple[Rule, ...] = (
    Rule(
        id="decide_whether_to_reassess",
        title="Decide whether to re-assess",
        trigger="the date the request for a re-assessment was received",
        limit=15,
        unit=Unit.DAYS,
        citation=f"{REGS}, reg 25(1)",
        plain_english=(
            "When a family or a school or college asks us to re-assess a child or young person "
            "who has a plan, we must tell the family within 15 days of getting the request "
            "whether we will do it."
        ),
    ),
    Rule(
        id="issue_reassessed_plan",
        title="Issue the plan after a re-assessment",
        trigger="the date we told the family we would re-assess",
        limit=14,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 27(2)",
        plain_english=(
            "After a re-assessment, we must send the amended or new final plan within 14 weeks "
            "of telling the family we would re-assess."
        ),
        exceptions=_grounds("reg 27(3)", *_ASSESSMENT_EXCEPTIONS),
    ),
)
