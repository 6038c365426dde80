"""What we sent a family member, for them to read again (issue 14, item 6: "every letter").

A parent or carer reads the messages and letters addressed to them; a young person those sent to
their own sign-in. Nobody reads another person's messages here, staff included (staff have the
child's message history, `notify.views.child_messages`). Missing and someone else's give the same
404; every read is audited."""

from django.db.models import Q, QuerySet
from django.http import Http404

from opensend.audit.models import Action
from opensend.audit.services import audit_record, audit_record_list
from opensend.notify.models import OutboxMessage

NOT_FOUND = "No such message"


def _addressed_to(user: object) -> Q:
    """Messages about a child sent to this person. Never a sign-in link or other account
    message (they are about no child), which must not be readable again."""
    email = getattr(user, "email", "") or ""
    to_them = Q(family_member__user=user) | Q(
        family_member__isnull=True, child__user=user, to_address__iexact=email
    )
    return to_them & Q(child__isnull=False)


def messages_to_me(*, user: object, child_id: int) -> QuerySet[OutboxMessage]:
    """The messages about this child sent to this person, newest first (listed in the audit
    trail by the caller's page)."""
    if not getattr(user, "is_authenticated", False):
        return OutboxMessage.objects.none()
    return OutboxMessage.objects.filter(_addressed_to(user), child_id=child_id).order_by(
        "-created_at", "-pk"
    )


def audit_listed(*, user: object, messages: list[OutboxMessage]) -> None:
    audit_record_list(
        actor=user, objects=messages, child_id_attr="child_id", summary="Messages sent to me"
    )


def my_message(*, user: object, message_id: int, download: bool = False) -> OutboxMessage:
    """One message sent to this person (404 otherwise); read or downloaded, audited."""
    if not getattr(user, "is_authenticated", False):
        raise Http404(NOT_FOUND)
    try:
        message = OutboxMessage.objects.filter(_addressed_to(user)).get(pk=int(message_id))
    except (OutboxMessage.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404(NOT_FOUND) from exc
    if download and not message.pdf:
        raise Http404("This message has no letter to download")
    audit_record(
        actor=user,
        action=Action.EXPORT if download else Action.VIEW,
        obj=message,
        child_id=message.child_id,
        summary="Letter downloaded by the family" if download else "Read by the family",
    )
    return message
