"""Writing messages and reading them (read receipts). Atomic, audited; the team is alerted and
the family told on commit (notify sends nothing if the transaction rolls back)."""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from opensend import statutory
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.types import Actor
from opensend.core.uploads import CheckedUpload, attach_document, delete_stored
from opensend.messaging.access import writes_as_family, writes_as_team
from opensend.messaging.models import MAX_MESSAGE_LENGTH, MessageThread, ThreadMessage
from opensend.messaging.notices import REPLY_TEMPLATE
from opensend.notify.alerts import alert_send, desk_of
from opensend.notify.models import AlertKind
from opensend.notify.services import absolute_link, notification_send
from opensend.people.models import Child

EMPTY_MESSAGE = "Write your message, or choose a file to send"
TOO_LONG = f"Your message must be {MAX_MESSAGE_LENGTH:,} characters or fewer"


def reply_working_days() -> int:
    """Our customer charter's standard for answering a family's message (a local promise, not
    a legal time limit): OPENSEND_MESSAGE_REPLY_WORKING_DAYS, 5 by default."""
    return int(getattr(settings, "OPENSEND_MESSAGE_REPLY_WORKING_DAYS", 5))


def reply_due(sent_on: date) -> date:
    """The day we promise to reply by: the charter's working days after the message
    (statutory.add_working_days: weekends and bank holidays in England do not count)."""
    return statutory.add_working_days(sent_on, reply_working_days())


def thread_url(child: Child) -> str:
    return reverse("messaging:thread", args=[child.pk])


@transaction.atomic
def message_send(
    *,
    actor: Actor,
    child: Child,
    body: str,
    attachment: CheckedUpload | None = None,
    now: datetime | None = None,
) -> ThreadMessage:
    """Add a message to the child's thread. From the family it starts (or keeps) the reply
    clock and alerts the caseworker (or the team's managers when there is none); from the team
    it stops the clock and tells the family, with a link, by their preferred channel.
    The caller has checked that `actor` may see the child (selectors.child_for_messages)."""
    from_family = writes_as_family(actor)
    if not from_family and not writes_as_team(actor):
        raise PermissionDenied("Only the family and the SEND team write here")
    body = (body or "").strip()
    if not body and attachment is None:
        raise ValidationError({"body": EMPTY_MESSAGE})
    if len(body) > MAX_MESSAGE_LENGTH:
        raise ValidationError({"body": TOO_LONG})
    now = now or timezone.now()
    thread, _ = MessageThread.objects.select_for_update().get_or_create(child=child)
    message = ThreadMessage(
        thread=thread, author=actor, from_family=from_family, body=body, sent_at=now
    )
    if attachment is not None:
        attach_document(message, attachment, field="attachment")
    try:
        message.save()
    except Exception:
        delete_stored(message.attachment)
        raise
    if from_family:
        if thread.waiting_since is None:
            thread.waiting_since = now
            thread.reply_due_on = reply_due(timezone.localdate(now))
    else:
        thread.waiting_since = None
        thread.reply_due_on = None
    thread.last_message_at = now
    thread.save(update_fields=["waiting_since", "reply_due_on", "last_message_at", "updated_at"])
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=message,
        child_id=child.pk,
        summary="Message from the family" if from_family else "Message to the family",
    )
    _tell_the_other_side(actor, child, from_family=from_family)
    return message


def _tell_the_other_side(actor: Actor, child: Child, *, from_family: bool) -> None:
    url = thread_url(child)
    if from_family:
        alert_send(
            actor=actor,
            users=desk_of(child),
            kind=AlertKind.FAMILY_MESSAGE,
            text=f"{actor} sent a message about {child.full_name}",
            url=url,
            child=child,
        )
        return
    notification_send(
        actor=actor,
        template=REPLY_TEMPLATE,
        child=child,
        personalisation={
            "staff_name": str(actor),
            "page_link": absolute_link(url),
        },
    )


@transaction.atomic
def thread_mark_read(*, reader: Actor, thread: MessageThread, now: datetime | None = None) -> int:
    """The reader has opened the thread: every message from the other side not yet read is read
    now, by them (the read receipt the sender sees). Returns how many."""
    from_family_side = writes_as_family(reader)
    return ThreadMessage.objects.filter(
        thread=thread, from_family=not from_family_side, read_at__isnull=True
    ).update(read_at=now or timezone.now(), read_by=reader)
