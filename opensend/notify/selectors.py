"""Reads of sent messages for staff pages. Same 404 for missing and not allowed; audited.

Messages about a child are visible to staff who may see that child (the people app's rule).
Messages about no child (e.g. to a professional about nothing in particular) are visible to
administrators only.
"""

from django.db.models import QuerySet
from django.http import Http404

from opensend.accounts.permissions import CHILD_RECORD_STAFF, access_for
from opensend.accounts.roles import Role
from opensend.audit.models import Action
from opensend.audit.services import audit_record, audit_record_list
from opensend.notify.models import OutboxMessage
from opensend.people.models import Child
from opensend.people.selectors import child_get_for_user

NOT_FOUND = "No message found"


def user_may_see_messages(user: object) -> bool:
    """Staff who work with child records; not families, board members or analysts."""
    return bool(access_for(user).roles & CHILD_RECORD_STAFF)


def message_list_for_child(*, user: object, child_id: int) -> tuple[Child, QuerySet[OutboxMessage]]:
    """The child (404 unless the user may see them) and every message about them, newest first."""
    if not user_may_see_messages(user):
        raise Http404(NOT_FOUND)
    child = child_get_for_user(user=user, child_id=child_id)
    messages = OutboxMessage.objects.filter(child=child).order_by("-created_at", "-pk")
    return child, messages


def message_list_audit(*, user: object, messages: list[OutboxMessage]) -> None:
    audit_record_list(
        actor=user, objects=messages, child_id_attr="child_id", summary="Messages sent"
    )


def message_get_for_user(*, user: object, message_id: int, audit: bool = True) -> OutboxMessage:
    if not user_may_see_messages(user):
        raise Http404(NOT_FOUND)
    try:
        message = OutboxMessage.objects.select_related("child", "created_by").get(pk=message_id)
    except (OutboxMessage.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404(NOT_FOUND) from exc
    if message.child_id is not None:
        try:
            child_get_for_user(user=user, child_id=message.child_id, audit=False)
        except Http404 as exc:
            raise Http404(NOT_FOUND) from exc
    elif not access_for(user).has(Role.ADMIN):
        raise Http404(NOT_FOUND)
    if audit:
        audit_record(actor=user, action=Action.VIEW, obj=message, child_id=message.child_id)
    return message


def message_pdf_for_user(*, user: object, message_id: int) -> tuple[OutboxMessage, bytes]:
    """The letter's PDF; the download is recorded in the audit trail as an export."""
    message = message_get_for_user(user=user, message_id=message_id, audit=False)
    if not message.pdf:
        raise Http404("This message has no letter to download")
    with message.pdf.open("rb") as pdf_file:
        content = pdf_file.read()
    audit_record(
        actor=user,
        action=Action.EXPORT,
        obj=message,
        child_id=message.child_id,
        summary="Letter PDF downloaded",
    )
    return message, content
