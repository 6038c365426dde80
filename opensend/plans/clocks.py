"""The plan's own dates, each from the rules engine: never stored, never computed elsewhere."""

from datetime import date

from opensend import statutory
from opensend.plans.models import Consultation, EHCPlan


def representations_due(plan: EHCPlan) -> date | None:
    """The last day of the family's window to comment on the draft (None before it is served)."""
    if plan.draft_issued_on is None:
        return None
    return statutory.due("draft_plan_representations", plan.draft_issued_on)


def consultation_response_due(consultation: Consultation) -> date:
    """When the setting should reply: 15 days counting the day it was asked (CoP 9.79)."""
    return statutory.due("consultation_response", consultation.sent_on)


def final_plan_due(plan: EHCPlan) -> date | None:
    """20 weeks from the request for assessment (reg 13(2)); None for a plan without one."""
    if plan.request is None:
        return None
    return statutory.due("issue_final_plan", plan.request.received_on)
