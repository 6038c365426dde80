"""The records that keep the Local Offer up to date: imports (where entries came from), the
logos and leaflets providers upload, and the short breaks criteria the council's editors set.
Imported into `directory.models`."""

from django.conf import settings
from django.db import models

from opensend.core.models import TimeStampedModel
from opensend.core.uploads import RandomName


class ImportKind(models.TextChoices):
    ORUK = "oruk", "Open Referral UK feed (JSON)"
    CSV = "csv", "Spreadsheet (CSV)"


class ImportStatus(models.TextChoices):
    CHECKED = "checked", "Checked, not imported"
    IMPORTED = "imported", "Imported"


class ImportRun(TimeStampedModel):
    """One import from a feed or file: what was read (kept, so the editor checks it before it is
    written), who ran it, and the report of what was created, updated or rejected, row by row."""

    kind = models.CharField(max_length=4, choices=ImportKind.choices)
    source = models.CharField(max_length=300, help_text="The file's name or the feed's address.")
    content = models.TextField(help_text="What was read, as text (public directory data).")
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.CHECKED
    )
    replace_local_changes = models.BooleanField(default=False)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    report = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import from {self.source}"


class DocumentKind(models.TextChoices):
    LOGO = "logo", "Logo"
    LEAFLET = "leaflet", "Leaflet"


class ServiceDocument(TimeStampedModel):
    """A logo or leaflet for an entry, uploaded through core.uploads (checked by content, scanned,
    stored under a random name). Public once approved: the entry then points to it."""

    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=8, choices=DocumentKind.choices)
    document = models.FileField(upload_to=RandomName("directory"))
    document_name = models.CharField(max_length=100)
    document_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    alt_text = models.CharField(max_length=200, blank=True, help_text="For a logo.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.service}"


class ShortBreaksCriteria(TimeStampedModel):
    """One version of the council's short breaks criteria, as the "Could my child get this?"
    checker uses them. Never changed: a change is a new version (who, when, why); the newest is
    the one in force."""

    max_age = models.PositiveSmallIntegerField(
        help_text="The oldest age for short breaks (under 18: they are for disabled children)."
    )
    open_access_min_age = models.PositiveSmallIntegerField(
        help_text="The youngest age for the clubs and play schemes families book themselves."
    )
    diagnosis_needed = models.BooleanField(
        default=False, help_text="Whether the clubs ask for a diagnosis before a child joins."
    )
    how_to_apply = models.TextField(
        blank=True, help_text="How to ask for an assessment (shown with the answer)."
    )
    statement_url = models.URLField(
        blank=True, help_text="The council's published short breaks services statement."
    )
    reason = models.CharField(max_length=300, help_text="Why the criteria changed.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "short breaks criteria"

    def __str__(self) -> str:
        return f"Short breaks criteria of {self.created_at:%d %B %Y}"
