"""Searching the audit trail (administrators only)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import AuditEvent
from opensend.core.types import Actor


def audit_event_list_for_user(
    *,
    user: Actor,
    child_id: int | None = None,
    actor_email: str = "",
    action: str = "",
    on_or_after: date | None = None,
    on_or_before: date | None = None,
) -> QuerySet[AuditEvent]:
    if not user_can(user, Capability.VIEW_AUDIT):
        raise PermissionDenied
    qs = AuditEvent.objects.all()
    if child_id is not None:
        qs = qs.filter(child_id=child_id)
    if actor_email:
        qs = qs.filter(actor_email__iexact=actor_email.strip())
    if action:
        qs = qs.filter(action=action)
    if on_or_after:
        qs = qs.filter(occurred_at__date__gte=on_or_after)
    if on_or_before:
        qs = qs.filter(occurred_at__date__lte=on_or_before)
    return qs.order_by("-occurred_at", "-id")
