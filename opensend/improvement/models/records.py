"""The kept history of changing and closing plans, workstreams and impact measures, and the
papers uploaded to a board meeting (docs/improvement.md, "Changing and closing plans" and
"Meeting papers"). Rows are added, never deleted."""

from django.conf import settings
from django.db import models

from opensend.core.models import NeverDeleted
from opensend.core.uploads import RandomName
from opensend.improvement.models.governance import (
    AgendaItem,
    BoardMeeting,
    ImpactMeasure,
    Plan,
    RecordedEntry,
    Workstream,
)


class ChangeKind(models.TextChoices):
    CHANGED = "changed", "Changed"
    CLOSED = "closed", "Closed"


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
