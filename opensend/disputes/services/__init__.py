"""Every change to a complaint, mediation case or appeal: validated, atomic, audited, and
recorded as a `DisputeStep` for the timeline.

Each function checks the step is allowed now (dates in order, not done twice) and raises a
ValidationError with a message a caseworker can act on; nothing changes when it does. The
family hears about each step that matters to them in plain English through
`opensend.notify`, with dates from `opensend.statutory`.

One module a workflow: `complaints`, `mediation`, `appeals` (lodged, heard, decided) and
`orders` (what the outcome requires, step by step); `_shared` records a step on any of them.
Import the services from here: `from opensend.disputes import services; services.x(...)`.
"""

from opensend.disputes.services._shared import refresh_next_due
from opensend.disputes.services.appeals import (
    appeal_hearing_record,
    appeal_lodge,
    appeal_outcome_record,
)
from opensend.disputes.services.complaints import (
    charter_working_days,
    complaint_close,
    complaint_create,
    complaint_escalate,
    complaint_respond,
)
from opensend.disputes.services.mediation import (
    mediation_adviser_contact_record,
    mediation_agreement_actioned,
    mediation_agreement_terms_record,
    mediation_certificate_issue,
    mediation_choice_record,
    mediation_close,
    mediation_create,
    mediation_end_record,
    mediation_health_record,
    mediation_held_record,
)
from opensend.disputes.services.orders import (
    appeal_not_opposed_record,
    appeal_order_record,
    order_exception_record,
    order_step_done,
)

__all__ = [
    "appeal_hearing_record",
    "appeal_lodge",
    "appeal_not_opposed_record",
    "appeal_order_record",
    "appeal_outcome_record",
    "charter_working_days",
    "complaint_close",
    "complaint_create",
    "complaint_escalate",
    "complaint_respond",
    "mediation_adviser_contact_record",
    "mediation_agreement_actioned",
    "mediation_agreement_terms_record",
    "mediation_certificate_issue",
    "mediation_choice_record",
    "mediation_close",
    "mediation_create",
    "mediation_end_record",
    "mediation_health_record",
    "mediation_held_record",
    "order_exception_record",
    "order_step_done",
    "refresh_next_due",
]
