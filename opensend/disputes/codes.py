"""The codes of disputes: stages, statuses, outcomes, order kinds and the statutory rules each
order starts. Plain choices and tables, no database: the models, services, forms and clocks all
read them from here (and `opensend.disputes.models` re-exports them)."""

from django.db import models

# ---------------------------------------------------------------------------- complaints


class ComplaintStage(models.TextChoices):
    STAGE_1 = "stage_1", "Stage 1"
    STAGE_2 = "stage_2", "Stage 2"
    OMBUDSMAN = "ombudsman", "Local Government and Social Care Ombudsman"


NEXT_STAGE: dict[str, str] = {
    ComplaintStage.STAGE_1: ComplaintStage.STAGE_2,
    ComplaintStage.STAGE_2: ComplaintStage.OMBUDSMAN,
}

# Used when the CharterStandard table has no row for a stage (the migration seeds these).
DEFAULT_CHARTER_WORKING_DAYS: dict[str, int] = {
    ComplaintStage.STAGE_1: 10,
    ComplaintStage.STAGE_2: 20,
    ComplaintStage.OMBUDSMAN: 20,
}


class ComplaintOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ComplaintStatus(models.TextChoices):
    OPEN = "open", "Waiting for our reply"
    RESPONDED = "responded", "Replied"
    CLOSED = "closed", "Closed"


# ---------------------------------------------------------------------------- mediation


class MediationEnd(models.TextChoices):
    AGREEMENT = "agreement", "Agreement reached"
    NO_AGREEMENT = "no_agreement", "No agreement"
    COULD_NOT_ARRANGE = "could_not_arrange", "Mediation could not be arranged"


# ---------------------------------------------------------------------------- appeals


class AppealType(models.TextChoices):
    REFUSAL_TO_ASSESS = "refusal_to_assess", "Refusal to assess"
    REFUSAL_TO_ISSUE = "refusal_to_issue", "Refusal to issue a plan"
    CONTENTS = "contents", "Contents of the plan (sections B, F and/or I)"
    CEASING = "ceasing", "Ceasing the plan"
    HEALTH_SOCIAL_CARE = "health_social_care", "Health and social care recommendations"


class AppealOutcome(models.TextChoices):
    DISMISSED = "dismissed", "Dismissed"
    ALLOWED = "allowed", "Allowed"
    CONCEDED = "conceded", "Conceded by the council"
    WITHDRAWN = "withdrawn", "Withdrawn by the family"


OUTCOMES_NEEDING_HEARING = {AppealOutcome.DISMISSED, AppealOutcome.ALLOWED}
OUTCOMES_WITH_ORDER = {AppealOutcome.ALLOWED, AppealOutcome.CONCEDED}


class OrderType(models.TextChoices):
    ASSESS = "assess", "Carry out an EHC needs assessment"
    MAKE_PLAN = "make_plan", "Make and maintain a plan"
    AMEND = "amend", "Amend the plan"
    AMEND_SECTION_I = "amend_section_i", "Amend section I (placement) only"
    MAINTAIN = "maintain", "Continue to maintain the plan (no time limit)"


# Regs 44(2): which compliance clocks each order starts, in order.
ORDER_RULES: dict[str, tuple[str, ...]] = {
    OrderType.ASSESS: (
        "order_assess_notify",
        "order_assess_not_to_issue",
        "order_assess_final_plan",
    ),
    OrderType.MAKE_PLAN: ("order_make_plan_draft", "order_make_plan_final"),
    OrderType.AMEND: ("order_amend_plan",),
    OrderType.AMEND_SECTION_I: ("order_amend_section_i",),
    OrderType.MAINTAIN: (),
}
# Reg 45 (as substituted by SI 2015/359): when the council tells the Tribunal it will not oppose
# an appeal, these limits run from the day it told the Tribunal, instead of reg 44's. Reg 45(3)
# and (3A) cover appeals against a refusal to assess or re-assess; reg 45(4) appeals about the
# plan's content or the school named. Other unopposed appeals keep the reg 44 clocks of the order
# recorded for them.
UNOPPOSED_RULES: dict[str, tuple[str, ...]] = {
    OrderType.ASSESS: (
        "unopposed_assess_notify",
        "unopposed_assess_not_to_issue",
        "unopposed_assess_final_plan",
    ),
    OrderType.AMEND: ("unopposed_amend_plan",),
    OrderType.AMEND_SECTION_I: ("unopposed_amend_plan",),
}
# What an appeal the council does not oppose can lead to: reg 45's kinds, and "continue to
# maintain" (no time limit). A refusal to make a plan that is not opposed is recorded as
# conceded, with the Tribunal's order and its reg 44 clocks.
NOT_OPPOSED_KINDS: tuple[str, ...] = (*UNOPPOSED_RULES, OrderType.MAINTAIN)
# After an order to assess, the council either decides not to issue or issues a plan: one of
# the two applies, and once one is done the other is dropped.
ALTERNATIVE_RULES: dict[str, str] = {
    "order_assess_not_to_issue": "order_assess_final_plan",
    "order_assess_final_plan": "order_assess_not_to_issue",
    "unopposed_assess_not_to_issue": "unopposed_assess_final_plan",
    "unopposed_assess_final_plan": "unopposed_assess_not_to_issue",
}
# The orders with reg 44 time limits; a mediation agreement on an appealable matter can require
# any of them, with the same limits counted from the agreement (reg 42(2)).
CLOCKED_ORDERS = [key for key, rules in ORDER_RULES.items() if rules]
ORDER_KINDS_FOR_AGREEMENTS: tuple[str, ...] = tuple(CLOCKED_ORDERS)


# ---------------------------------------------------------------------------- timeline


class DisputeStepKind(models.TextChoices):
    COMPLAINT_RECEIVED = "complaint_received", "Complaint received"
    COMPLAINT_RESPONDED = "complaint_responded", "We replied to the complaint"
    COMPLAINT_ESCALATED = "complaint_escalated", "Complaint escalated"
    COMPLAINT_CLOSED = "complaint_closed", "Complaint closed"
    MEDIATION_OPENED = "mediation_opened", "Mediation case opened"
    ADVISER_CONTACTED = "adviser_contacted", "Family contacted the mediation adviser"
    MEDIATION_WANTED = "mediation_wanted", "Family wants mediation"
    MEDIATION_DECLINED = "mediation_declined", "Family does not want mediation"
    MEDIATION_HELD = "mediation_held", "Mediation held"
    MEDIATION_ENDED = "mediation_ended", "Mediation ended"
    CERTIFICATE_ISSUED = "certificate_issued", "Mediation certificate issued"
    AGREEMENT_ACTIONED = "agreement_actioned", "Mediation agreement acted on"
    MEDIATION_CLOSED = "mediation_closed", "Mediation case closed"
    APPEAL_LODGED = "appeal_lodged", "Appeal lodged"
    HEARING_LISTED = "hearing_listed", "Hearing date set"
    APPEAL_DECIDED = "appeal_decided", "Appeal outcome recorded"
    ORDER_RECEIVED = "order_received", "Tribunal order received"
    ORDER_STEP_DONE = "order_step_done", "Order step done"
    ORDER_EXCEPTION = "order_exception", "Exception to an order's time limit recorded"
