"""Reading messages: the thread, the team's inbox, an attachment. The same 404 for a child
that does not exist and one the user may not message about; every read is audited."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from opensend.audit.models import Action
from opensend.audit.services import audit_record, audit_record_list
from opensend.core.types import Actor
from opensend.messaging.access import children_rule
from opensend.messaging.models import MessageThread, ThreadMessage
from opensend.people.models import Child

NOT_FOUND = "No such child"


def child_for_messages(*, user: Actor, child_id: Any) -> Child:
    """The child, if this user may read and write their messages; 404 otherwise."""
    try:
        return Child.objects.filter(children_rule(user)).get(pk=int(child_id))
    except (Child.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404(NOT_FOUND) from exc


def thread_messages(*, user: Actor, child: Child) -> tuple[MessageThread | None, list[Any]]:
    """The child's thread and its messages, oldest first (audited as a read of the child)."""
    thread = MessageThread.objects.filter(child=child).first()
    if thread is None:
        return None, []
    audit_record(
        actor=user, action=Action.VIEW, obj=thread, child_id=child.pk, summary="Read messages"
    )
    messages = list(thread.messages.select_related("author", "read_by"))
    return thread, messages


def attachment_get_for_user(*, user: Actor, message_id: Any) -> ThreadMessage:
    """A message's file, if this user may read the child's messages; 404 otherwise. Audited."""
    try:
        message = (
            ThreadMessage.objects.select_related("thread")
            .filter(children_rule(user, via="thread__child"))
            .exclude(attachment="")
            .get(pk=int(message_id))
        )
    except (ThreadMessage.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404("No such file") from exc
    audit_record(
        actor=user,
        action=Action.EXPORT,
        obj=message,
        child_id=message.thread.child_id,
        summary=f"Downloaded {message.attachment_name}",
    )
    return message


def threads_visible_to(user: Actor) -> QuerySet[MessageThread]:
    return MessageThread.objects.filter(children_rule(user, via="child"))


@dataclass(frozen=True)
class InboxRow:
    thread: MessageThread
    child: Child
    reply_due_on: date | None
    mine: bool  # the child's caseworker is this user


def inbox_for_user(*, user: Actor, waiting_only: bool = True, limit: int = 200) -> list[InboxRow]:
    """Threads about the children this user may message about: those waiting for our reply,
    soonest due first (the caseworker's own first when equally due); or every thread, newest
    first. Listed in the audit trail."""
    threads = threads_visible_to(user).select_related("child__caseworker")
    if waiting_only:
        threads = threads.filter(reply_due_on__isnull=False).order_by("reply_due_on", "pk")
    else:
        threads = threads.filter(last_message_at__isnull=False).order_by("-last_message_at")
    rows = [
        InboxRow(
            thread=t,
            child=t.child,
            reply_due_on=t.reply_due_on,
            mine=t.child.caseworker_id == getattr(user, "pk", None),
        )
        for t in threads[:limit]
    ]
    audit_record_list(actor=user, objects=[r.child for r in rows], summary="Messages inbox")
    return rows


def waiting_count(user: Actor) -> int:
    """How many threads wait for our reply (for the link on the staff home page)."""
    return threads_visible_to(user).filter(reply_due_on__isnull=False).count()
