"""The rules of mediation, appeals, Tribunal orders (reg 44), unopposed appeals (reg 45) and
mediation about health care."""

from __future__ import annotations

from opensend.statutory.rules.base import (
    _ORDER_EXCEPTIONS,
    _ORDER_TRIGGER,
    _UNOPPOSED_TRIGGER,
    AMENDMENT_2015,
    CFA,
    REGS,
    TRIBUNAL_RULES,
    Rule,
    Unit,
)

# Mediation and appeals
MEDIATION_AND_APPEALS: tuple[Rule, ...] = (
    Rule(
        id="contact_mediation_adviser",
        title="Family contacts a mediation adviser",
        trigger="the date of the decision notice",
        limit=2,
        unit=Unit.MONTHS,
        citation=f"{REGS}, reg 33; {CFA}, s55",
        plain_english=(
            "A family who wants to appeal must first contact a mediation adviser within 2 months "
            "of the date of our decision letter."
        ),
    ),
    Rule(
        id="mediation_certificate",
        title="Issue the mediation certificate",
        trigger=(
            "the date the mediation adviser was told the family does not want mediation, or "
            "mediation ended or could not be arranged"
        ),
        limit=3,
        unit=Unit.WORKING_DAYS,
        citation=f"{REGS}, regs 34(2), 35 and 39",
        plain_english=(
            "The mediation adviser must give the family a mediation certificate within 3 working "
            "days. Weekends and bank holidays do not count."
        ),
    ),
    Rule(
        id="hold_mediation",
        title="Hold the mediation",
        trigger="the date we were told the family wants mediation",
        limit=30,
        unit=Unit.DAYS,
        citation=f"{REGS}, reg 37(1)",
        plain_english=(
            "Mediation must take place within 30 days of the day we are told the family wants it."
        ),
    ),
    Rule(
        id="mediation_agreement_non_appealable",
        title="Act on a mediation agreement",
        trigger="the date of the mediation agreement",
        limit=2,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 42(3)",
        plain_english=(
            "If mediation ends in an agreement about something that cannot be appealed to the "
            "Tribunal, what was agreed must be done within 2 weeks of the agreement. An agreement "
            "about something that can be appealed has the time limits of a Tribunal order, "
            "counted from the agreement (reg 42(2))."
        ),
    ),
    Rule(
        id="appeal_to_tribunal",
        title="Appeal to the Tribunal",
        trigger="the date the decision notice was sent",
        limit=2,
        unit=Unit.MONTHS,
        citation=f"{TRIBUNAL_RULES}, rules 20(1)(c) and 12",
        plain_english=(
            "The family can appeal to the SEND Tribunal within 2 months of the date we sent our "
            "decision letter, or within 1 month of getting a mediation certificate if that is "
            "later. If that time ends on a day that is not a working day, the appeal is in time "
            "on the next working day; if it ends between 25 December and 1 January, or in "
            "August, it is in time on the first working day after 1 January or 31 August."
        ),
        tribunal_time=True,
    ),
    Rule(
        id="appeal_after_mediation_certificate",
        title="Appeal after a mediation certificate",
        trigger="the date the mediation certificate was issued",
        limit=1,
        unit=Unit.MONTHS,
        citation=f"{TRIBUNAL_RULES}, rules 20(1)(c) and 12",
        plain_english=(
            "A family with a mediation certificate can appeal within 1 month of the date it was "
            "issued, if that is later than 2 months after our decision letter. The same rules "
            "about working days, Christmas and August apply."
        ),
        tribunal_time=True,
    ),
)

# Tribunal orders (reg 44)
TRIBUNAL_ORDERS: tuple[Rule, ...] = (
    Rule(
        id="order_assess_notify",
        title="Order to assess: tell the family",
        trigger=_ORDER_TRIGGER,
        limit=2,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(b)",
        plain_english=(
            "When the Tribunal orders an assessment, we must tell the family within 2 weeks of the "
            "order that we will carry it out."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    Rule(
        id="order_assess_not_to_issue",
        title="Order to assess: no plan",
        trigger=_ORDER_TRIGGER,
        limit=10,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(b)(i)",
        plain_english=(
            "If, after an assessment the Tribunal ordered, we decide not to make a plan, we must "
            "tell the family why within 10 weeks of the order."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    Rule(
        id="order_assess_final_plan",
        title="Order to assess: final plan",
        trigger=_ORDER_TRIGGER,
        limit=14,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(b)(ii)",
        plain_english=(
            "If, after an assessment the Tribunal ordered, we decide to make a plan, we must send "
            "the final plan within 14 weeks of the order."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    Rule(
        id="order_make_plan_draft",
        title="Order to make a plan: draft",
        trigger=_ORDER_TRIGGER,
        limit=5,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(c)(i)",
        plain_english=(
            "When the Tribunal orders us to make a plan, we must send a draft plan within 5 weeks "
            "of the order."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    Rule(
        id="order_make_plan_final",
        title="Order to make a plan: final",
        trigger=_ORDER_TRIGGER,
        limit=11,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(c)(ii)",
        plain_english=(
            "When the Tribunal orders us to make a plan, we must send the final plan within "
            "11 weeks of the order."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    Rule(
        id="order_amend_plan",
        title="Order to change a plan",
        trigger=_ORDER_TRIGGER,
        limit=5,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(e)",
        plain_english=(
            "When the Tribunal orders us to change a plan, we must send the changed plan within "
            "5 weeks of the order."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
    Rule(
        id="order_amend_section_i",
        title="Order to change section I only",
        trigger=_ORDER_TRIGGER,
        limit=2,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 44(2)(f)",
        plain_english=(
            "When the Tribunal orders us to change only the school or college named in section I, "
            "we must send the changed plan within 2 weeks of the order."
        ),
        exceptions=_ORDER_EXCEPTIONS,
    ),
)

# Unopposed appeals (reg 45, as substituted by SI 2015/359, reg 8)
UNOPPOSED_APPEALS: tuple[Rule, ...] = (
    Rule(
        id="unopposed_assess_notify",
        title="Unopposed appeal: tell the family we will assess",
        trigger=_UNOPPOSED_TRIGGER,
        limit=2,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 45(3) (as substituted by {AMENDMENT_2015})",
        plain_english=(
            "When we tell the Tribunal we will not oppose an appeal against a refusal to assess "
            "or re-assess, we must tell the family within 2 weeks that we will carry out the "
            "assessment."
        ),
    ),
    Rule(
        id="unopposed_assess_not_to_issue",
        title="Unopposed appeal: no plan after the assessment",
        trigger=_UNOPPOSED_TRIGGER,
        limit=10,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 45(3A)(a) (as substituted by {AMENDMENT_2015})",
        plain_english=(
            "If, after that assessment, we decide not to make a plan, we must tell the family why "
            "within 10 weeks of telling the Tribunal we would not oppose the appeal."
        ),
    ),
    Rule(
        id="unopposed_assess_final_plan",
        title="Unopposed appeal: final plan after the assessment",
        trigger=_UNOPPOSED_TRIGGER,
        limit=14,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 45(3A)(b) (as substituted by {AMENDMENT_2015})",
        plain_english=(
            "If, after that assessment, we decide to make a plan, we must send the final plan "
            "within 14 weeks of telling the Tribunal we would not oppose the appeal."
        ),
    ),
    Rule(
        id="unopposed_amend_plan",
        title="Unopposed appeal: amended plan",
        trigger=_UNOPPOSED_TRIGGER,
        limit=5,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 45(4) (as substituted by {AMENDMENT_2015})",
        plain_english=(
            "When we tell the Tribunal we will not oppose an appeal about what a plan says or the "
            "school or college it names, we must send the amended plan within 5 weeks."
        ),
    ),
)

# Mediation about health care, and mediation agreements
HEALTH_MEDIATION: tuple[Rule, ...] = (
    Rule(
        id="notify_health_of_mediation",
        title="Tell the health body about mediation",
        trigger="the date we were told the family wants mediation that includes health care",
        limit=3,
        unit=Unit.WORKING_DAYS,
        citation=f"{REGS}, reg 36(2)",
        plain_english=(
            "When the family wants mediation about health care in the plan, we must tell the "
            "health commissioning body what the disagreement is within 3 working days."
        ),
    ),
    Rule(
        id="hold_health_mediation",
        title="Hold mediation about health care only",
        trigger="the date the health commissioning body was told about the mediation",
        limit=30,
        unit=Unit.DAYS,
        citation=f"{REGS}, reg 36(3)",
        plain_english=(
            "When the mediation is only about health care, the health commissioning body must "
            "arrange it within 30 days of being told about it."
        ),
    ),
    Rule(
        id="mediation_agreement_notify_council",
        title="Health body tells us of a mediation agreement",
        trigger="the date of the mediation agreement",
        limit=1,
        unit=Unit.WEEKS,
        citation=f"{REGS}, reg 42(4)",
        plain_english=(
            "If we were not part of the mediation, the health commissioning body must tell us "
            "what was agreed within 1 week of the agreement."
        ),
    ),
)
