"""A plan's actions (docs/improvement.md, "Actions"): who owns each, when it starts and is due,
its milestones at 3, 6 and 12 months, the actions it depends on, its status with every change
kept (who, when, why), and the evidence attached (a checked upload or a link)."""

from django.db import models

from opensend.core.models import NeverDeleted
from opensend.core.uploads import RandomName
from opensend.improvement.models.governance import RecordedEntry, Workstream


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "In progress, on track"
    AT_RISK = "at_risk", "In progress, at risk"
    COMPLETE = "complete", "Complete"
    WITHDRAWN = "withdrawn", "Withdrawn (no longer needed)"


DONE_STATUSES = frozenset({ActionStatus.COMPLETE, ActionStatus.WITHDRAWN})


class PlanAction(NeverDeleted):
    """One action in a workstream. It cannot be complete while an action it depends on is
    neither complete nor withdrawn (improvement.action_services)."""

    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="actions")
    number = models.CharField(max_length=10, help_text="For example 2.3")
    title = models.CharField(max_length=300)
    owner = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    starts_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    depends_on = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="needed_by"
    )

    class Meta:
        ordering = ["workstream", "starts_on", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "number"], name="one_action_number_a_workstream"
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("starts_on")),
                name="action_due_on_or_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Action {self.number}: {self.title}"

    @property
    def is_done(self) -> bool:
        return self.status in DONE_STATUSES


class MilestoneStatus(models.TextChoices):
    PENDING = "pending", "Not yet due or not yet met"
    MET = "met", "Met"
    MISSED = "missed", "Missed"


class Milestone(NeverDeleted):
    """What the action should have achieved 3, 6 or 12 months after it starts."""

    action = models.ForeignKey(PlanAction, on_delete=models.PROTECT, related_name="milestones")
    months = models.PositiveSmallIntegerField(choices=[(m, f"{m} months") for m in (3, 6, 12)])
    description = models.TextField()
    due_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=MilestoneStatus.choices, default=MilestoneStatus.PENDING
    )
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["action", "months"]
        constraints = [
            models.UniqueConstraint(fields=["action", "months"], name="one_milestone_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.months}-month milestone"


class ActionStatusChange(RecordedEntry):
    """Each change of an action's status, with why: kept, never changed."""

    action = models.ForeignKey(PlanAction, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ActionStatus.choices)
    changed_on = models.DateField()
    reason = models.TextField()

    class Meta:
        ordering = ["-changed_on", "-pk"]


class ActionEvidence(RecordedEntry):
    """Evidence for an action (or one of its milestones): a document that passed
    core.uploads.check_upload, or a link. Never both empty (the database refuses it)."""

    action = models.ForeignKey(PlanAction, on_delete=models.PROTECT, related_name="evidence")
    milestone = models.ForeignKey(
        Milestone, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence_items"
    )
    description = models.CharField(max_length=300)
    link = models.URLField(blank=True, max_length=500)
    document = models.FileField(upload_to=RandomName("improvement"), blank=True, max_length=200)
    document_name = models.CharField(max_length=100, blank=True)
    document_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(link="", document=""), name="action_evidence_link_or_document"
            )
        ]


class MeasureFigure(RecordedEntry):
    """A figure entered for a measure no record holds (a survey, a return), with its date and
    source: kept, so the measure's page shows each one against the trajectory. The latest is
    also the measure's own entered figure."""

    measure = models.ForeignKey(
        "improvement.ImpactMeasure", on_delete=models.PROTECT, related_name="figures"
    )
    value = models.DecimalField(max_digits=8, decimal_places=1)
    on = models.DateField()
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["on", "pk"]
