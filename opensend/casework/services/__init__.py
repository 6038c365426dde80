"""Every change on the EHC journey: validated, atomic, audited, and recorded as a case step.

Each function checks the step is allowed now (the right stage, dates in order) and raises a
ValidationError with a message a caseworker can act on. Clocks are refreshed after every change.

One module an area: `requests` (recorded, acknowledged, assigned, withdrawn, the family's
views), `decisions` (whether to assess, whether to issue, the plan milestones), `advice`,
`exceptions` (to a time limit) and `panels`; `_shared` records a step on any of them.
Callers in other apps import from here: `from opensend.casework import services`.
"""

from opensend.casework.services._shared import MEDIATION_CONTACT, appeal_rights
from opensend.casework.services.advice import advice_request_send, advice_reuse, advice_submit
from opensend.casework.services.decisions import (
    assessment_decision_record,
    case_record_draft_issued,
    case_record_final_issued,
    issue_decision_record,
)
from opensend.casework.services.exceptions import EXCEPTION_LABELS, clock_exception_record
from opensend.casework.services.panels import (
    panel_attendance_record,
    panel_create,
    panel_list_case,
    panel_member_add,
)
from opensend.casework.services.requests import (
    family_views_record,
    request_acknowledge,
    request_assign,
    request_create,
    request_withdraw,
)

__all__ = [
    "EXCEPTION_LABELS",
    "MEDIATION_CONTACT",
    "advice_request_send",
    "advice_reuse",
    "advice_submit",
    "appeal_rights",
    "assessment_decision_record",
    "case_record_draft_issued",
    "case_record_final_issued",
    "clock_exception_record",
    "family_views_record",
    "issue_decision_record",
    "panel_attendance_record",
    "panel_create",
    "panel_list_case",
    "panel_member_add",
    "request_acknowledge",
    "request_assign",
    "request_create",
    "request_withdraw",
]
