"""One thread per child; messages in it, never deleted."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from opensend.core.models import NeverDeleted
from opensend.core.uploads import RandomName

MAX_MESSAGE_LENGTH = 5000


class MessageThread(NeverDeleted):
    """The conversation about one child between the family and the SENAR team.

    `reply_due_on` is the stored next date: set from the first family message still waiting for
    an answer (the charter's working days after it), cleared when the team replies, so the
    inbox and its counts read an indexed column instead of every message."""

    child = models.OneToOneField(
        "people.Child", on_delete=models.PROTECT, related_name="message_thread"
    )
    waiting_since = models.DateTimeField(null=True, blank=True)
    reply_due_on = models.DateField(null=True, blank=True, db_index=True)
    last_message_at = models.DateTimeField(null=True, blank=True)

    NEVER_DELETED = "Message threads are never deleted."

    def __str__(self) -> str:
        return f"Messages about {self.child}"


class ThreadMessage(NeverDeleted):
    thread = models.ForeignKey(MessageThread, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_family = models.BooleanField()
    body = models.TextField(max_length=MAX_MESSAGE_LENGTH)
    attachment = models.FileField(upload_to=RandomName("messages"), blank=True)
    attachment_name = models.CharField(max_length=100, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)
    # The first time someone on the other side opened the thread after this message arrived.
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    NEVER_DELETED = "Messages are never deleted."

    class Meta:
        ordering = ["sent_at", "pk"]
        indexes = [models.Index(fields=["thread", "from_family", "read_at"])]

    def __str__(self) -> str:
        return f"Message from {self.author} on {self.sent_at:%Y-%m-%d}"
