"""Abstract base models every domain app shares: timestamps, never deleted, close-with-a-reason,
a recorded exception that lifts a statutory time limit, and one step on a record's timeline."""

from typing import ClassVar, Self

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class NeverDeleted(TimeStampedModel):
    """A record the law needs kept: `delete()` refuses, and `NEVER_DELETED` says what to do
    with the record instead (close, withdraw, cease it...)."""

    NEVER_DELETED: ClassVar[str] = "Records are never deleted: close them with a reason instead."

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError(self.NEVER_DELETED)


class ClosableQuerySet(models.QuerySet):
    def open(self) -> Self:
        return self.filter(closed_at__isnull=True)

    def closed(self) -> Self:
        return self.filter(closed_at__isnull=False)


class ClosableModel(NeverDeleted):
    """Nothing is hard-deleted: a record is closed with a reason, by someone, at a time."""

    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ClosableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class RecordedException(TimeStampedModel):
    """A statutory exception that lifts a time limit, recorded (never silently) with its ground,
    dates and evidence, shown beside the clock and counted apart in reports. Each app adds the
    record it is about (a case, an appeal) and, where needed, which step."""

    ground = models.CharField(max_length=40)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    evidence = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["starts_on", "pk"]


class RecordedStep(models.Model):
    """One thing that happened on a record's timeline: on which day, recorded when and by whom,
    and why. Each app adds what it happened to and the kinds of step it has (`kind`)."""

    occurred_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.CharField(max_length=300, blank=True)
    reasons = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["occurred_on", "recorded_at", "pk"]
