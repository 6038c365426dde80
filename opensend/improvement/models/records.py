"""The kept history of changing and closing plans, workstreams and impact measures, and the
papers uploaded to a board meeting (docs/improvement.md, "Changing and closing plans" and
"Meeting papers"). Rows are added, never deleted."""

from django.conf import settings
from django.db import models

from opensend.core.models import NeverDeleted
from opensend.core.uploads import RandomName
from opensend.improvement.models.actions import Milestone, MilestoneStatus, PlanAction
from opensend.improvement.models.governance import (
    SCORE,
    AgendaItem,
    BoardMeeting,
    ImpactMeasure,
    Plan,
    RecordedEntry,
    Risk,
    Trend,
    Workstream,
)


class ChangeKind(models.TextChoices):
    CHANGED = "changed", "Changed"
    CLOSED = "closed", "Closed"
    REOPENED = "reopened", "Reopened"
    SWITCHED = "switched", "Where its figure comes from changed"


class ChangeRecord(RecordedEntry):
    """One change or closing of a plan, a workstream or an impact measure: who (recorded_by),
    when (recorded_at, and the date it took effect), why, and what it changed."""

    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="change_records"
    )
    workstream = models.ForeignKey(
        Workstream, null=True, blank=True, on_delete=models.PROTECT, related_name="change_records"
    )
    measure = models.ForeignKey(
        ImpactMeasure,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_records",
    )
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    on = models.DateField()
    reason = models.TextField()
    what = models.TextField(blank=True, help_text="The fields it changed, from and to")
    # For a measure switched between a live KPI and an entered figure: the KPI before and after
    # (blank: entered), so a pack for an earlier date reads the measure as it was then.
    from_kpi_key = models.CharField(max_length=60, blank=True)
    to_kpi_key = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(plan__isnull=False, workstream__isnull=True, measure__isnull=True)
                    | models.Q(plan__isnull=True, workstream__isnull=False, measure__isnull=True)
                    | models.Q(plan__isnull=True, workstream__isnull=True, measure__isnull=False)
                ),
                name="change_record_for_one_thing",
            )
        ]


class MeetingPaper(NeverDeleted):
    """A paper for a board meeting (the agenda pack, a report), uploaded through
    core.uploads.check_upload and stored under a random name, against its agenda item."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.PROTECT, related_name="papers")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="papers"
    )
    title = models.CharField(max_length=200)
    document = models.FileField(upload_to=RandomName("improvement"), max_length=200)
    document_name = models.CharField(max_length=100)
    document_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True, help_text="Why it was withdrawn (kept)")

    class Meta:
        ordering = ["meeting", "item__number", "pk"]

    def __str__(self) -> str:
        return self.title


class MilestoneChange(RecordedEntry):
    """A milestone as it stood from a day on (its date and status), written each time it is
    added or changed, so the pack for a past meeting rates the action with its milestones as
    they were that day."""

    milestone = models.ForeignKey(Milestone, on_delete=models.PROTECT, related_name="history")
    on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=MilestoneStatus.choices)

    class Meta:
        ordering = ["on", "pk"]


class RiskChange(RecordedEntry):
    """A risk as it stood from a day on (its scores, appetite, trend, and whether it was open),
    written each time it is added, changed, closed or reopened, with why: the pack for a past
    meeting shows the risks above appetite as they were that day, and the risk's page its
    history."""

    risk = models.ForeignKey(Risk, on_delete=models.PROTECT, related_name="history")
    on = models.DateField()
    inherent_likelihood = models.PositiveSmallIntegerField(validators=SCORE)
    inherent_impact = models.PositiveSmallIntegerField(validators=SCORE)
    residual_likelihood = models.PositiveSmallIntegerField(validators=SCORE)
    residual_impact = models.PositiveSmallIntegerField(validators=SCORE)
    appetite = models.PositiveSmallIntegerField()
    trend = models.CharField(max_length=10, choices=Trend.choices)
    is_open = models.BooleanField(default=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["on", "pk"]

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact

    @property
    def inherent_score(self) -> int:
        return self.inherent_likelihood * self.inherent_impact


class ActionChange(RecordedEntry):
    """An action as it stood from a day on (its owner, organisation, start and due dates), written
    when it is added and each time one of those changes, with what changed: the pack for a past
    meeting rates the action with the dates it had that day, and the action's page shows its
    history."""

    action = models.ForeignKey(PlanAction, on_delete=models.PROTECT, related_name="history")
    on = models.DateField()
    owner = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    starts_on = models.DateField()
    due_on = models.DateField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["on", "pk"]
