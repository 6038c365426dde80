"""Disputes: complaints under the customer charter, mediation, and SEND Tribunal appeals.

Due dates are never stored as typed-in values. Statutory clocks come from `opensend.statutory`
(see `disputes.clocks`); a complaint stage keeps a copy of the charter's working days *as they
were when the stage started*, so editing the charter later never rewrites history.
Nothing is deleted: complaints are closed with an outcome, mediation cases with a reason, and
appeals end with an outcome.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from opensend.core.models import NeverDeleted, RecordedException, RecordedStep, TimeStampedModel
from opensend.disputes.codes import (
    ALTERNATIVE_RULES,
    CLOCKED_ORDERS,
    DEFAULT_CHARTER_WORKING_DAYS,
    NEXT_STAGE,
    NOT_OPPOSED_KINDS,
    ORDER_KINDS_FOR_AGREEMENTS,
    ORDER_RULES,
    OUTCOMES_NEEDING_HEARING,
    OUTCOMES_WITH_ORDER,
    UNOPPOSED_RULES,
    AppealOutcome,
    AppealType,
    ComplaintOutcome,
    ComplaintStage,
    ComplaintStatus,
    DisputeStepKind,
    MediationEnd,
    OrderType,
)

__all__ = [
    "ALTERNATIVE_RULES",
    "CLOCKED_ORDERS",
    "DEFAULT_CHARTER_WORKING_DAYS",
    "NEXT_STAGE",
    "NOT_OPPOSED_KINDS",
    "ORDER_KINDS_FOR_AGREEMENTS",
    "ORDER_RULES",
    "OUTCOMES_NEEDING_HEARING",
    "OUTCOMES_WITH_ORDER",
    "UNOPPOSED_RULES",
    "Appeal",
    "AppealOutcome",
    "AppealQuerySet",
    "AppealType",
    "CharterStandard",
    "Complaint",
    "ComplaintOutcome",
    "ComplaintQuerySet",
    "ComplaintStage",
    "ComplaintStageRecord",
    "ComplaintStatus",
    "DisputeStep",
    "DisputeStepKind",
    "MediationCase",
    "MediationEnd",
    "MediationQuerySet",
    "OrderStep",
    "OrderStepException",
    "OrderType",
]

# A mediation case or an appeal may be about the council's decision after an annual review
# rather than about a request: "a decision of a local authority not to secure the amendment or
# replacement of an EHC plan it maintains ... following a review" or "a decision ... under
# section 45 to cease to maintain an EHC plan" (Children and Families Act 2014, s51(2)(e) and
# (f)), or the plan as amended after one (s51(3)(b)). Named by string: reviews sits above
# disputes, so disputes never imports it (pyproject's layers contract).
REVIEW_HELP = "The annual review whose decision the family disagrees with, if it is one."

# ---------------------------------------------------------------------------- complaints


class CharterStandard(TimeStampedModel):
    """Our customer charter: how many working days we take to reply at each stage."""

    stage = models.CharField(max_length=20, choices=ComplaintStage.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(
        help_text="Working days to reply, counted from the day the complaint reached this stage."
    )
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["stage"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.working_days} working days"


class DisputeRecord(NeverDeleted):
    """A complaint, a mediation case or an appeal: each keeps a copy of its next open clock's
    date for the queue (`services._shared.refresh_next_due`), and none is ever deleted."""

    next_due_on = models.DateField(
        null=True, blank=True, help_text="A copy of the next open clock's date, for the queue."
    )

    class Meta:
        abstract = True


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    def open(self) -> "ComplaintQuerySet":
        return self.exclude(status=ComplaintStatus.CLOSED)


class Complaint(DisputeRecord):
    """A complaint about any step or service, followed through the stages to an outcome."""

    NEVER_DELETED = "Complaints are never deleted: close them with an outcome instead."

    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    assessment_request = models.ForeignKey(
        "casework.AssessmentRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="The EHC needs assessment the complaint is about, if there is one.",
    )
    about_step = models.CharField(
        "which step or service", max_length=300, blank=True, help_text="For example: annual review"
    )
    summary = models.TextField("what the complaint is about")
    outcome_wanted = models.TextField("what the complainant wants to happen", blank=True)
    complainant_name = models.CharField(max_length=200)
    complainant_email = models.EmailField(blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints_made",
        help_text="The family user who made the complaint online (they can follow it).",
    )
    received_on = models.DateField()
    stage = models.CharField(
        max_length=20, choices=ComplaintStage.choices, default=ComplaintStage.STAGE_1
    )
    status = models.CharField(
        max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN
    )
    outcome = models.CharField(max_length=20, choices=ComplaintOutcome.choices, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "stage"]),
            models.Index(fields=["status", "next_due_on"]),
        ]

    def __str__(self) -> str:
        about = f" about {self.child}" if self.child_id else ""
        return f"Complaint{about} received {self.received_on:%-d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.status != ComplaintStatus.CLOSED


class ComplaintStageRecord(TimeStampedModel):
    """One stage of a complaint: when it started, the charter time then, and our reply."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="stages")
    stage = models.CharField(max_length=20, choices=ComplaintStage.choices)
    started_on = models.DateField(help_text="The charter clock for this stage starts here.")
    charter_working_days = models.PositiveSmallIntegerField()
    escalation_reason = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    response = models.TextField("our reply", blank=True)
    outcome = models.CharField(max_length=20, choices=ComplaintOutcome.choices, blank=True)
    remedy = models.TextField(blank=True)
    learning = models.TextField("what we have learned", blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "stage"], name="one_record_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} from {self.started_on:%-d %B %Y}"


# ---------------------------------------------------------------------------- mediation


class MediationQuerySet(models.QuerySet["MediationCase"]):
    def open(self) -> "MediationQuerySet":
        return self.filter(closed_on__isnull=True).filter(
            Q(certificate_issued_on__isnull=True)
            | (
                (Q(agreement_non_appealable=True) | ~Q(agreement_order_type=""))
                & Q(agreement_actioned_on__isnull=True)
            )
        )


class MediationCase(DisputeRecord):
    """Mediation after a decision the family may appeal (CFA s52–55, Regs 32–42)."""

    NEVER_DELETED = "Mediation cases are never deleted: close them with a reason."

    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, related_name="mediation_cases"
    )
    assessment_request = models.ForeignKey(
        "casework.AssessmentRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediation_cases",
    )
    review = models.ForeignKey(
        "reviews.AnnualReview",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediation_cases",
        help_text=REVIEW_HELP,
    )
    decision_notice_on = models.DateField(
        "date of the decision notice", help_text="The decision the family disagrees with."
    )
    about = models.CharField("what the disagreement is about", max_length=300)
    adviser_contacted_on = models.DateField(null=True, blank=True)
    wants_mediation = models.BooleanField(null=True, blank=True)
    told_wants_mediation_on = models.DateField(
        null=True, blank=True, help_text="The day we were told the family wants mediation."
    )
    declined_on = models.DateField(
        null=True, blank=True, help_text="The day the adviser was told the family declines."
    )
    held_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_result = models.CharField(max_length=20, choices=MediationEnd.choices, blank=True)
    certificate_issued_on = models.DateField(null=True, blank=True)
    agreement_summary = models.TextField(blank=True)
    agreement_non_appealable = models.BooleanField(
        default=False,
        help_text="The agreement is about something the family cannot appeal (reg 42(3)).",
    )
    agreement_order_type = models.CharField(
        "what the agreement requires the council to do",
        max_length=20,
        blank=True,
        help_text="An agreement on an appealable matter has reg 44's limits from its date "
        "(reg 42(2)).",
    )
    agreement_other_timescale = models.TextField(
        blank=True, help_text="A different timescale the parties agreed in writing (reg 42(5))."
    )
    agreement_actioned_on = models.DateField(null=True, blank=True)
    # Health care (reg 36): the health commissioning body is told within 3 working days; when the
    # mediation is only about health care, it arranges it within 30 days of being told, and it
    # tells us of any agreement within 1 week (reg 42(4)).
    includes_health = models.BooleanField(
        "the disagreement is or includes health care provision", default=False
    )
    health_only = models.BooleanField("the disagreement is only about health care", default=False)
    health_body_told_on = models.DateField(null=True, blank=True)
    council_told_of_agreement_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    objects = MediationQuerySet.as_manager()

    class Meta:
        ordering = ["-decision_notice_on", "-pk"]
        indexes = [models.Index(fields=["closed_on", "next_due_on"])]

    def __str__(self) -> str:
        return f"Mediation for {self.child} (decision {self.decision_notice_on:%-d %B %Y})"

    @property
    def certificate_trigger_on(self) -> date | None:
        """The day the certificate's 3 working days start: declined, ended or not arranged."""
        return self.declined_on or self.ended_on

    @property
    def is_open(self) -> bool:
        if self.closed_on is not None:
            return False
        if self.certificate_issued_on is None:
            return True
        return self.agreement_has_clock and self.agreement_actioned_on is None

    @property
    def agreement_has_clock(self) -> bool:
        """An agreement with a statutory time limit (reg 42(2) or (3)), unless the parties
        agreed a different timescale in writing (reg 42(5))."""
        if self.end_result != "agreement" or self.agreement_other_timescale.strip():
            return False
        return self.agreement_non_appealable or bool(self.agreement_order_type)


# ---------------------------------------------------------------------------- appeals


class AppealQuerySet(models.QuerySet["Appeal"]):
    def open(self) -> "AppealQuerySet":
        """Not decided yet, or decided with an order we have not finished complying with."""
        return self.filter(
            Q(outcome="")
            | Q(outcome__in=list(OUTCOMES_WITH_ORDER), order_type="")
            | Q(order_type__in=CLOCKED_ORDERS, compliant_on__isnull=True)
        )


class Appeal(DisputeRecord):
    """An appeal to the First-tier Tribunal (SEND), and the order's compliance clocks."""

    NEVER_DELETED = "Appeals are never deleted: record their outcome instead."

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="appeals")
    assessment_request = models.ForeignKey(
        "casework.AssessmentRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    review = models.ForeignKey(
        "reviews.AnnualReview",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
        help_text=REVIEW_HELP,
    )
    mediation = models.ForeignKey(
        MediationCase, null=True, blank=True, on_delete=models.PROTECT, related_name="appeals"
    )
    appeal_type = models.CharField(max_length=30, choices=AppealType.choices)
    sections = models.CharField(
        "sections appealed", max_length=20, blank=True, help_text="For example: B, F, I"
    )
    grounds = models.TextField(blank=True)
    tribunal_reference = models.CharField(max_length=40, blank=True)
    decision_sent_on = models.DateField("date the decision notice was sent")
    certificate_issued_on = models.DateField(
        "date the mediation certificate was issued", null=True, blank=True
    )
    lodged_on = models.DateField("date the appeal was lodged")
    hearing_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=AppealOutcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_notes = models.TextField(blank=True)
    order_type = models.CharField(max_length=20, choices=OrderType.choices, blank=True)
    order_on = models.DateField("date of the Tribunal's order", null=True, blank=True)
    order_details = models.TextField(blank=True)
    unopposed_on = models.DateField(
        "date we told the Tribunal we would not oppose the appeal",
        null=True,
        blank=True,
        help_text="Reg 45: the compliance clocks then count from this day.",
    )
    compliant_on = models.DateField(
        null=True, blank=True, help_text="The day every step the order needs was done."
    )

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["-lodged_on", "-pk"]
        indexes = [models.Index(fields=["compliant_on", "next_due_on"])]

    def __str__(self) -> str:
        return f"Appeal for {self.child}: {self.get_appeal_type_display().lower()}"

    @property
    def is_open(self) -> bool:
        if not self.outcome:
            return True
        if self.outcome in OUTCOMES_WITH_ORDER and not self.order_type:
            return True
        return bool(self.compliance_rules) and self.compliant_on is None

    @property
    def compliance_rules(self) -> tuple[str, ...]:
        """The statutory steps the outcome needs: reg 45's when not opposed, else reg 44's."""
        if self.unopposed_on is not None and self.order_type in UNOPPOSED_RULES:
            return UNOPPOSED_RULES[self.order_type]
        return ORDER_RULES.get(self.order_type, ())

    @property
    def compliance_from(self) -> date | None:
        """The day the compliance clocks count from: told the Tribunal (reg 45), or the order."""
        if self.unopposed_on is not None and self.order_type in UNOPPOSED_RULES:
            return self.unopposed_on
        return self.order_on


class OrderStep(models.Model):
    """One step a Tribunal order needs, done on a day (Regs 44(2)); keyed by its rule id."""

    appeal = models.ForeignKey(Appeal, on_delete=models.PROTECT, related_name="order_steps")
    rule_id = models.CharField(max_length=60)
    done_on = models.DateField()
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["done_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["appeal", "rule_id"], name="one_order_step_per_rule")
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} done {self.done_on}"


class OrderStepException(RecordedException):
    """A recorded reg 44(3) exception: the order's time limit for one step does not apply,
    because it was impractical for one of the listed reasons. Never lifted silently: it has a
    ground, dates and evidence, it is shown on the appeal, and reports count it apart."""

    appeal = models.ForeignKey(Appeal, on_delete=models.PROTECT, related_name="order_exceptions")
    rule_id = models.CharField(max_length=60, help_text="The order step whose limit is lifted.")

    def __str__(self) -> str:
        return f"{self.ground} on {self.rule_id} from {self.starts_on}"


# ---------------------------------------------------------------------------- timeline


class DisputeStep(RecordedStep):
    """One thing that happened on a complaint, mediation or appeal: what, when, who, why."""

    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.PROTECT, related_name="steps"
    )
    mediation = models.ForeignKey(
        MediationCase, null=True, blank=True, on_delete=models.PROTECT, related_name="steps"
    )
    appeal = models.ForeignKey(
        Appeal, null=True, blank=True, on_delete=models.PROTECT, related_name="steps"
    )
    kind = models.CharField(max_length=30, choices=DisputeStepKind.choices)

    class Meta(RecordedStep.Meta):
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(complaint__isnull=False, mediation__isnull=True, appeal__isnull=True)
                    | Q(complaint__isnull=True, mediation__isnull=False, appeal__isnull=True)
                    | Q(complaint__isnull=True, mediation__isnull=True, appeal__isnull=False)
                ),
                name="dispute_step_belongs_to_one_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"
