"""The codes of reviews, amendments, phase transfers, ceasing and re-assessment: kinds,
stages, statuses, decisions and the SEN2 cease reasons. Plain choices and tables, no database:
the models, services, forms and clocks read them from here (and `opensend.reviews.models`
re-exports them, so existing imports keep working).
"""

from django.db import models


class ReviewKind(models.TextChoices):
    ANNUAL = "annual", "Annual review"
    EARLY_YEARS = "early_years", "Early years review (every 6 months)"
    PHASE_TRANSFER = "phase_transfer", "Phase transfer review"
    INTERIM = "interim", "Early (interim) review"


class ReviewLead(models.TextChoices):
    SETTING = "setting", "The school or college"
    COUNCIL = "council", "The council (SEND team)"


class ReviewStage(models.TextChoices):
    PLANNED = "planned", "Planned"
    INVITED = "invited", "Invitations sent"
    HELD = "held", "Meeting held"
    REPORTED = "reported", "Report received"
    DECIDED = "decided", "Decision made"
    CANCELLED = "cancelled", "Cancelled"


OPEN_REVIEW_STAGES = [
    ReviewStage.PLANNED,
    ReviewStage.INVITED,
    ReviewStage.HELD,
    ReviewStage.REPORTED,
]


class ReviewDecision(models.TextChoices):
    """The council's decision after a review (SEN2 ReviewOutcome: M, A, C)."""

    MAINTAIN = "maintain", "Keep the plan as it is"
    AMEND = "amend", "Change (amend) the plan"
    CEASE = "cease", "Stop (cease) the plan"


SEN2_REVIEW_OUTCOME = {
    ReviewDecision.MAINTAIN: "M",
    ReviewDecision.AMEND: "A",
    ReviewDecision.CEASE: "C",
}


class ContributionKind(models.TextChoices):
    CHILD = "child", "The child or young person's views"
    FAMILY = "family", "The family's views"
    SETTING = "setting", "School or college"
    EDUCATIONAL_PSYCHOLOGY = "ep", "Educational psychology"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    OTHER = "other", "Other"


class AmendmentSource(models.TextChoices):
    REVIEW = "review", "After a review"
    TRIBUNAL = "tribunal", "Tribunal order"
    PHASE_TRANSFER = "phase_transfer", "Phase transfer"
    OTHER = "other", "Other change of circumstances"


class AmendmentStatus(models.TextChoices):
    PREPARING = "preparing", "Proposals being prepared"
    PROPOSED = "proposed", "Proposals sent to the family"
    ISSUED = "issued", "Amended plan issued"
    NOT_AMENDED = "not_amended", "Decided not to amend"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_AMENDMENT_STATUSES = [AmendmentStatus.PREPARING, AmendmentStatus.PROPOSED]


class TransferKindChoice(models.TextChoices):
    """Mirrors `opensend.statutory.TransferKind` for the database."""

    EARLY_YEARS_TO_SCHOOL = "early_years_to_school", "Early years to school"
    INFANT_TO_JUNIOR = "infant_to_junior", "Infant to junior school"
    PRIMARY_TO_MIDDLE = "primary_to_middle", "Primary (first) to middle school"
    PRIMARY_TO_SECONDARY = "primary_to_secondary", "Primary to secondary school"
    MIDDLE_TO_UPPER = "middle_to_upper", "Middle to secondary (upper) school"
    SECONDARY_TO_POST16 = "secondary_to_post16", "Secondary school to post-16"
    POST16_MIDYEAR = "post16_midyear", "Post-16 to post-16 (at another time of year)"


class CeaseReason(models.TextChoices):
    """SEN2 cease reasons, exactly as DfE codes them (SEN2 person-level return, codes 1-9).

    Which reasons the law allows at which age is `statutory.cease_check`'s job.
    """

    MAX_AGE = "1", "Reached maximum age (the end of the academic year in which they turned 25)"
    NEEDS_MET = "2", "Ongoing educational or training needs being met without an EHC plan"
    HIGHER_EDUCATION = "3", "Moved on to higher education"
    PAID_EMPLOYMENT = "4", "Moved on to paid employment, excluding apprenticeships"
    TRANSFERRED = "5", "Transferred to another local authority"
    NO_LONGER_ENGAGING = "6", "Young person no longer wishes to engage in education or training"
    MOVED_OUTSIDE_ENGLAND = "7", "Moved outside England"
    DECEASED = "8", "Deceased"
    OTHER = "9", "Other"


# The codes before the 2026 correction, mapped to DfE's (migration 0003 and its test use it).
OLD_TO_SEN2_CEASE_REASON = {
    "1": "1",
    "2": "3",
    "3": "4",
    "4": "5",
    "5": "2",
    "6": "7",
    "7": "8",
    "8": "6",
    "9": "9",
}


class CessationStatus(models.TextChoices):
    PROPOSED = "proposed", "Considering ceasing: family and setting consulted"
    DECIDED = "decided", "Decided to cease: notice sent"
    APPEALED = "appealed", "Appealed: the plan is kept while the appeal is decided"
    CEASED = "ceased", "Plan ceased"
    NOT_CEASED = "not_ceased", "Decided not to cease"


OPEN_CESSATION_STATUSES = [
    CessationStatus.PROPOSED,
    CessationStatus.DECIDED,
    CessationStatus.APPEALED,
]


class ReassessmentStatus(models.TextChoices):
    REQUESTED = "requested", "Request received: deciding whether to re-assess"
    REASSESSING = "reassessing", "Re-assessing: the plan is being amended or replaced"
    REFUSED = "refused", "Decided not to re-assess"
    COMPLETED = "completed", "Re-assessed: plan issued"


OPEN_REASSESSMENT_STATUSES = [ReassessmentStatus.REQUESTED, ReassessmentStatus.REASSESSING]
