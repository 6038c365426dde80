"""Every message we send to a family or a professional, kept as sent (the outbox)."""

from django.conf import settings
from django.db import models


class MessageChannel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    LETTER = "letter", "Letter"


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    DELIVERED = "delivered", "Delivered"


class Provider(models.TextChoices):
    OUTBOX = "outbox", "Outbox (not sent outside OpenSEND)"
    GOVUK_NOTIFY = "govuk_notify", "GOV.UK Notify"


NOT_DELETABLE = "Messages are a record of what we sent: they are never deleted."


class OutboxMessageQuerySet(models.QuerySet["OutboxMessage"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise RuntimeError(NOT_DELETABLE)


class OutboxMessage(models.Model):
    """One message to one recipient. The text is stored exactly as rendered.

    Append-only in spirit: only the delivery fields (status, provider, provider_reference,
    sent_at, error, pdf) change after the row is created, and rows are never deleted.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.CharField(max_length=10, choices=MessageChannel.choices)
    template = models.CharField(max_length=60, help_text="Our template key, e.g. request_received.")
    to_address = models.TextField(help_text="Email address, phone number or postal address.")
    recipient_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    personalisation = models.JSONField(default=dict, blank=True)
    child = models.ForeignKey(
        "people.Child",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages",
    )
    family_member = models.ForeignKey(
        "people.FamilyMember",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages",
    )
    large_print = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED, db_index=True
    )
    provider = models.CharField(max_length=20, choices=Provider.choices, blank=True)
    provider_reference = models.CharField(
        max_length=100, blank=True, help_text="GOV.UK Notify's notification id."
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    pdf = models.FileField(upload_to="letters/%Y/%m/", blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["child", "created_at"])]

    def __str__(self) -> str:
        to = self.recipient_name or "recipient"
        return f"{self.get_channel_display()} '{self.template}' to {to}"

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError(NOT_DELETABLE)


class AlertKind(models.TextChoices):
    NEW_REQUEST = "new_request", "New request"
    ASSIGNED = "assigned", "Assigned to you"
    ADVICE_IN = "advice_in", "Advice in"
    FAMILY_COMMENTS = "family_comments", "Family comments"
    CONSULTATION_REPLY = "consultation_reply", "Consultation reply"
    FAMILY_MESSAGE = "family_message", "Message from a family"


class Alert(models.Model):
    """Something that needs one person's attention inside OpenSEND (their inbox, not an email):
    a new request, a case assigned to them, advice in, a family's comments. It says what
    happened and links to the page it is about; read or unread is theirs to change."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="alerts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=30, choices=AlertKind.choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at", "created_at"])]

    def __str__(self) -> str:
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
