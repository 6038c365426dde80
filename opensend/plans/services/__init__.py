"""Every change to an EHC plan: validated, atomic and audited.

A draft's content (needs, outcomes, provision, sections A, I and J) can be added, changed and
removed: that is writing a draft, not deleting a record. Once a final plan is issued its
content is kept as an immutable `PlanVersion` and the plan changes only through a new version
(reviews and amendments). Serving the draft and issuing the final plan also move the case on
(`casework.services.case_record_draft_issued` / `case_record_final_issued`) and tell the family,
with every date from `opensend.statutory`.

One module a stage: `draft` (started from the case, sections A, I and J, served on the family),
`content` (needs, outcomes, provision), `representations` (the family's comments),
`consultations` (with schools and colleges) and `issue` (the final plan and its versions);
`_shared` locks and checks the plan. Callers in other apps import from here:
`from opensend.plans import services`.
"""

from opensend.plans.services._shared import plan_lock
from opensend.plans.services.consultations import consultation_response_record, consultation_send
from opensend.plans.services.content import (
    need_add,
    need_remove,
    need_update,
    outcome_add,
    outcome_remove,
    outcome_update,
    provision_add,
    provision_remove,
    provision_update,
)
from opensend.plans.services.draft import (
    draft_issue,
    plan_details_update,
    plan_draft_start,
    plan_section_a_fill_from_family,
    plan_section_a_update,
)
from opensend.plans.services.issue import (
    final_issue,
    first_review_due,
    plan_content_restore,
    plan_version_issue,
)
from opensend.plans.services.representations import (
    check_comments,
    representation_answer,
    representation_record,
)

__all__ = [
    "check_comments",
    "consultation_response_record",
    "consultation_send",
    "draft_issue",
    "final_issue",
    "first_review_due",
    "need_add",
    "need_remove",
    "need_update",
    "outcome_add",
    "outcome_remove",
    "outcome_update",
    "plan_content_restore",
    "plan_details_update",
    "plan_draft_start",
    "plan_lock",
    "plan_section_a_fill_from_family",
    "plan_section_a_update",
    "plan_version_issue",
    "provision_add",
    "provision_remove",
    "provision_update",
    "representation_answer",
    "representation_record",
]
