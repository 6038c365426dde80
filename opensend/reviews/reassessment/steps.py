"""The steps of a re-assessment, in one table: each step's form, service, words and who may take
it (`allowed`). Only the SEND team decides, and each step once, in order: the decision while the
request waits for one, the plan while we re-assess."""

from opensend.core.steps import calls, posted
from opensend.reviews.access import manages_reviews
from opensend.reviews.codes import ReassessmentStatus
from opensend.reviews.reassessment import selectors, services
from opensend.reviews.reassessment.forms import ReassessmentDecideForm, ReassessmentIssuedForm
from opensend.reviews.workflow import record_workflow, step_factory

step = step_factory("reassessment_")

REASSESSMENT_STEPS = record_workflow(
    "reassessment",
    selectors.reassessment_get_for_user,
    caption=lambda r: r.child.full_name,
    who=manages_reviews,
    steps=(
        step(
            "decide",
            "Decide whether to re-assess",
            heading="Decide whether to re-assess",
            form=posted(ReassessmentDecideForm),
            service=calls(services.reassessment_decide, "reassessment"),
            success="Decision recorded and the family has been told.",
            allowed=lambda r, _user: r.status == ReassessmentStatus.REQUESTED,
        ),
        step(
            "issued",
            "Record the plan sent",
            heading="The plan after the re-assessment",
            form=posted(ReassessmentIssuedForm),
            service=calls(services.reassessment_plan_issued, "reassessment"),
            success="Recorded. The re-assessment is complete.",
            allowed=lambda r, _user: r.status == ReassessmentStatus.REASSESSING,
        ),
    ),
)
