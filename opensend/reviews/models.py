"""A plan after it is issued: annual reviews, amendments, phase transfers and ceasing.

An `AnnualReview` follows one plan through invitations, the meeting, the report and the
council's decision (maintain, amend or cease). Amending a plan is an `Amendment`: proposals with
their evidence, the family's say (`AmendmentRepresentation`) and the amended final plan issued as
a new `plans.PlanVersion`. Tribunal orders to amend use the same `Amendment` (linked to the
appeal). A `PhaseTransfer` tracks a child's move to the next phase of education; a `Cessation`
records a decision to stop a plan, which does not take effect while an appeal is pending.

Due dates are never stored as truth: every deadline comes from `opensend.statutory`. The
`next_due_on` columns are a cache of the soonest open clock, kept by the services so queues can
sort and count in SQL.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models

from opensend.core.models import NeverDeleted, TimeStampedModel
from opensend.core.uploads import RandomName
from opensend.plans.models import FamilyComments
from opensend.reviews.codes import (
    OLD_TO_SEN2_CEASE_REASON,
    OPEN_AMENDMENT_STATUSES,
    OPEN_CESSATION_STATUSES,
    OPEN_REASSESSMENT_STATUSES,
    OPEN_REVIEW_STAGES,
    SEN2_REVIEW_OUTCOME,
    AmendmentSource,
    AmendmentStatus,
    CeaseReason,
    CessationStatus,
    ContributionKind,
    ReassessmentStatus,
    ReviewDecision,
    ReviewKind,
    ReviewLead,
    ReviewStage,
    TransferKindChoice,
)

# The codes live in codes.py; they are re-exported here so `reviews.models.X` keeps working.
__all__ = [
    "OLD_TO_SEN2_CEASE_REASON",
    "OPEN_AMENDMENT_STATUSES",
    "OPEN_CESSATION_STATUSES",
    "OPEN_REASSESSMENT_STATUSES",
    "OPEN_REVIEW_STAGES",
    "SEN2_REVIEW_OUTCOME",
    "Amendment",
    "AmendmentQuerySet",
    "AmendmentRepresentation",
    "AmendmentSource",
    "AmendmentStatus",
    "AnnualReview",
    "CeaseReason",
    "Cessation",
    "CessationStatus",
    "ContributionKind",
    "PhaseTransfer",
    "Reassessment",
    "ReassessmentStatus",
    "ReviewContribution",
    "ReviewDecision",
    "ReviewInvitation",
    "ReviewKind",
    "ReviewLead",
    "ReviewStage",
    "TransferKindChoice",
]

if TYPE_CHECKING:
    from opensend.accounts.models import User
    from opensend.people.models import Child
    from opensend.plans.models import EHCPlan


class AnnualReview(NeverDeleted):
    """One review of a plan, from planning the meeting to the council's decision."""

    NEVER_DELETED = "Reviews are never deleted: cancel them with a reason."

    plan = models.ForeignKey("plans.EHCPlan", on_delete=models.PROTECT, related_name="reviews")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices, default=ReviewKind.ANNUAL)
    led_by = models.CharField(max_length=10, choices=ReviewLead.choices)
    setting = models.ForeignKey(
        "people.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
        help_text="The school or college that leads the review (or hosts it).",
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    stage = models.CharField(
        max_length=10, choices=ReviewStage.choices, default=ReviewStage.PLANNED
    )
    due_by = models.DateField(
        help_text="The date the review must be held by, from the rules engine when it was planned."
    )
    due_rule = models.CharField(
        max_length=40,
        blank=True,
        help_text="The rule that set due_by (first_annual_review, next_annual_review, ...).",
    )
    due_from = models.DateField(
        null=True, blank=True, help_text="The date due_by counts from (plan issued, last review)."
    )
    meeting_on = models.DateField(null=True, blank=True)
    invitations_sent_on = models.DateField(null=True, blank=True)
    views_reminder_sent_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the family were reminded to send their views before the meeting.",
    )
    held_on = models.DateField(null=True, blank=True)
    report_sent_on = models.DateField(
        null=True, blank=True, help_text="The day the review report went to everyone invited."
    )
    # The report: views, progress, and what the meeting recommends.
    child_views = models.TextField("the child or young person's views", blank=True)
    family_views = models.TextField("the family's views", blank=True)
    progress = models.TextField("progress towards the outcomes", blank=True)
    adulthood_notes = models.TextField("preparing for adulthood", blank=True)
    # Year 9 onwards the report covers the four preparing-for-adulthood areas (CoP 8.9-8.12).
    adulthood_employment = models.TextField("employment and higher education", blank=True)
    adulthood_independent_living = models.TextField("independent living", blank=True)
    adulthood_community = models.TextField("friends, relationships and community", blank=True)
    adulthood_health = models.TextField("good health", blank=True)
    recommendation = models.CharField(
        "the meeting's recommendation", max_length=10, choices=ReviewDecision.choices, blank=True
    )
    recommended_changes = models.TextField(blank=True)
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_reason = models.TextField(blank=True)
    next_due_on = models.DateField(
        null=True, blank=True, db_index=True, help_text="Cache of the soonest open clock."
    )

    class Meta:
        ordering = ["due_by", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(stage__in=["planned", "invited", "held", "reported"]),
                name="one_open_review_per_plan",
            )
        ]
        indexes = [
            models.Index(fields=["caseworker", "stage", "next_due_on"]),
            models.Index(fields=["setting", "stage", "next_due_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child}"

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_REVIEW_STAGES


class ReviewInvitation(TimeStampedModel):
    """Someone invited to the review meeting and sent the advice (regs 20(3)–(4), 21(3)–(4))."""

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=ContributionKind.choices)
    email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_on = models.DateField()
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class ProgressRating(models.TextChoices):
    ACHIEVED = "achieved", "Achieved"
    ON_TRACK = "on_track", "On track"
    SOME = "some", "Some progress"
    NONE = "none", "No progress yet"


class OutcomeProgress(models.Model):
    """Progress towards one of the plan's outcomes, as the review meeting found it ("Reviews
    must focus on the child or young person's progress towards achieving the outcomes specified
    in the EHC plan", Code of Practice 9.166). The outcome's words are kept as they were,
    because an amendment may change or remove the outcome later."""

    review = models.ForeignKey(
        AnnualReview, on_delete=models.CASCADE, related_name="outcome_progress"
    )
    outcome = models.ForeignKey(
        "plans.Outcome", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome_text = models.TextField("the outcome, as the plan said it")
    rating = models.CharField(max_length=20, choices=ProgressRating.choices)
    note = models.TextField("what the meeting said", blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.outcome_text[:60]}: {self.get_rating_display()}"


class ReviewContribution(TimeStampedModel):
    """Views or advice collected for the review: told once, kept with the review."""

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(max_length=20, choices=ContributionKind.choices)
    given_by = models.CharField(max_length=200)
    received_on = models.DateField()
    text = models.TextField(blank=True)
    document = models.FileField(upload_to=RandomName("reviews"), blank=True, max_length=200)
    document_name = models.CharField("document file name", max_length=100, blank=True)
    document_type = models.CharField("document type", max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.given_by}"


class AmendmentQuerySet(models.QuerySet["Amendment"]):
    def open(self) -> "AmendmentQuerySet":
        """Amendments still being prepared or proposed (the plan's content may change)."""
        return self.filter(status__in=OPEN_AMENDMENT_STATUSES)


def _on_the_plan(
    related_name: str,
) -> tuple[
    "models.ForeignKey[EHCPlan, EHCPlan]",
    "models.ForeignKey[Child, Child]",
    "models.ForeignKey[User | None, User | None]",
]:
    """The plan, the child and the caseworker of a `PlanFollowUp`, each reaching back to it by
    `related_name` (named here, not as "%(class)ss", so the migrations stay as they are)."""
    return (
        models.ForeignKey("plans.EHCPlan", on_delete=models.PROTECT, related_name=related_name),
        models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name=related_name),
        models.ForeignKey(
            settings.AUTH_USER_MODEL,
            null=True,
            blank=True,
            on_delete=models.PROTECT,
            related_name=related_name,
        ),
    )


def _one_open_per_plan(what: str, statuses: Sequence[str]) -> models.UniqueConstraint:
    """At most one open `what` (in one of `statuses`) per plan at a time."""
    return models.UniqueConstraint(
        fields=["plan"],
        condition=models.Q(status__in=[str(status) for status in statuses]),
        name=f"one_open_{what}_per_plan",
    )


class PlanFollowUp(NeverDeleted):
    """What an amendment, a cessation and a re-assessment share: each is about one child's
    issued plan and worked by one caseworker (`_on_the_plan`), is open while its `status` is one
    of `OPEN_STATUSES` (and at most one is open per plan: `_one_open_per_plan`), keeps the
    soonest open clock in `next_due_on` for the queues, and is never deleted."""

    OPEN_STATUSES: ClassVar[Sequence[str]]
    status: str  # each subclass's own choices

    next_due_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        abstract = True

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Amendment(PlanFollowUp):
    """Changing a final plan (reg 22): proposals, the family's say, the amended plan."""

    OPEN_STATUSES = OPEN_AMENDMENT_STATUSES
    NEVER_DELETED = "Amendments are never deleted: withdraw them with a reason."
    plan, child, caseworker = _on_the_plan("amendments")

    objects = AmendmentQuerySet.as_manager()

    source = models.CharField(max_length=20, choices=AmendmentSource.choices)
    review = models.ForeignKey(
        AnnualReview, null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )
    appeal = models.ForeignKey(
        "disputes.Appeal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    status = models.CharField(
        max_length=12, choices=AmendmentStatus.choices, default=AmendmentStatus.PREPARING
    )
    summary = models.TextField("what we propose to change and why")
    evidence = models.TextField("the evidence for the changes", blank=True)
    meeting_on = models.DateField(
        null=True, blank=True, help_text="The review meeting (for the 12-week outer limit)."
    )
    proposed_on = models.DateField(
        null=True, blank=True, help_text="The day the proposals were sent to the family."
    )
    comments_reminder_sent_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day we reminded the family that their time to comment on the proposals "
        "ends soon (sent once: `manage.py family_reminders`).",
    )
    base_version = models.PositiveIntegerField(
        default=0, help_text="The issued version the proposals change."
    )
    issued_on = models.DateField(null=True, blank=True)
    issued_version = models.PositiveIntegerField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [_one_open_per_plan("amendment", OPEN_AMENDMENT_STATUSES)]
        indexes = [models.Index(fields=["caseworker", "status", "next_due_on"])]

    def __str__(self) -> str:
        return f"Amendment to the plan for {self.child}"


class AmendmentRepresentation(FamilyComments):
    """The family's comments on proposed changes, and a school or college they ask for; and,
    when the family confirms in writing that they have nothing more to say, that confirmation
    (the only way the amended plan can be issued inside the 15 days of reg 22(2)(c))."""

    amendment = models.ForeignKey(
        Amendment, on_delete=models.PROTECT, related_name="representations"
    )
    wants_meeting = models.BooleanField(default=False)
    nothing_more_to_say = models.BooleanField(
        "the family confirmed in writing that they have nothing more to say", default=False
    )


class PhaseTransfer(NeverDeleted):
    """A child's move to the next phase: preferences, consultations and the named setting."""

    NEVER_DELETED = "Transfers are never deleted: record why the child is not moving."

    plan = models.ForeignKey(
        "plans.EHCPlan", on_delete=models.PROTECT, related_name="phase_transfers"
    )
    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, related_name="phase_transfers"
    )
    kind = models.CharField(max_length=30, choices=TransferKindChoice.choices)
    transfer_on = models.DateField(help_text="The day the child starts at the new setting.")
    current_setting = models.ForeignKey(
        "people.Setting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    preferences_recorded_on = models.DateField(null=True, blank=True)
    first_preference = models.ForeignKey(
        "people.Setting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    second_preference = models.ForeignKey(
        "people.Setting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    third_preference = models.ForeignKey(
        "people.Setting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    named_setting = models.ForeignKey(
        "people.Setting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amendment = models.ForeignKey(
        Amendment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The amendment naming the new setting; the move is planned once it is issued.",
    )
    not_transferring_reason = models.TextField(blank=True)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="phase_transfers",
    )

    class Meta:
        ordering = ["transfer_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "transfer_on"], name="one_transfer_per_plan_and_date"
            )
        ]
        indexes = [models.Index(fields=["transfer_on", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child}"


class Cessation(PlanFollowUp):
    """A decision to stop maintaining a plan (CFA s45; regs 29–31), and what became of it."""

    OPEN_STATUSES = OPEN_CESSATION_STATUSES
    NEVER_DELETED = "Cease decisions are never deleted: record the outcome instead."
    plan, child, caseworker = _on_the_plan("cessations")

    review = models.ForeignKey(
        AnnualReview, null=True, blank=True, on_delete=models.PROTECT, related_name="cessations"
    )
    reason = models.CharField(max_length=1, choices=CeaseReason.choices)
    details = models.TextField("why the plan is no longer needed")
    status = models.CharField(
        max_length=12, choices=CessationStatus.choices, default=CessationStatus.PROPOSED
    )
    family_consulted_on = models.DateField(null=True, blank=True)
    setting_consulted_on = models.DateField(null=True, blank=True)
    consultation_notes = models.TextField(blank=True)
    decided_on = models.DateField(
        null=True, blank=True, help_text="The day the notice of the decision was sent."
    )
    appeal = models.ForeignKey(
        "disputes.Appeal", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ceased_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [_one_open_per_plan("cessation", OPEN_CESSATION_STATUSES)]

    def __str__(self) -> str:
        return f"Ceasing the plan for {self.child}"


class Reassessment(PlanFollowUp):
    """A request to re-assess a child or young person who has a plan (CFA s44(2); regs 24-27):
    notify the decision within 15 days of the request (reg 25(1)), then send the amended or
    replaced plan within 14 weeks of that notice (reg 27(2))."""

    OPEN_STATUSES = OPEN_REASSESSMENT_STATUSES
    NEVER_DELETED = "Re-assessments are never deleted: record the decision instead."
    plan, child, caseworker = _on_the_plan("reassessments")

    requested_by = models.CharField("who asked for it", max_length=200)
    received_on = models.DateField("date the request was received")
    why = models.TextField("why they asked")
    status = models.CharField(
        max_length=12, choices=ReassessmentStatus.choices, default=ReassessmentStatus.REQUESTED
    )
    decided_on = models.DateField(
        null=True, blank=True, help_text="The day the family was told the decision (reg 25(1))."
    )
    decision_reasons = models.TextField(blank=True)
    plan_issued_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [_one_open_per_plan("reassessment", OPEN_REASSESSMENT_STATUSES)]

    def __str__(self) -> str:
        return f"Re-assessment for {self.child}"
