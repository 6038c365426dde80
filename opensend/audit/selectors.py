"""Searching the audit trail.

The one page that searches it (portal.audit_trail) is for administrators only and checks that
before it calls this: audit sits below accounts in the dependency order, so the capability check
lives with the page (docs/architecture.md)."""

from collections.abc import Collection
from datetime import date

from django.db.models import QuerySet

from opensend.audit.models import AuditEvent


def audit_event_search(
    *,
    child_id: int | None = None,
    child_ids: Collection[int] | None = None,
    actor_email: str = "",
    actor_ids: Collection[int] | None = None,
    action: str = "",
    on_or_after: date | None = None,
    on_or_before: date | None = None,
) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.all()
    if child_id is not None:
        qs = qs.filter(child_id=child_id)
    if child_ids is not None:
        qs = qs.filter(child_id__in=child_ids)
    if actor_ids is not None:
        qs = qs.filter(actor_id__in=actor_ids)
    if actor_email:
        qs = qs.filter(actor_email__iexact=actor_email.strip())
    if action:
        qs = qs.filter(action=action)
    if on_or_after:
        qs = qs.filter(occurred_at__date__gte=on_or_after)
    if on_or_before:
        qs = qs.filter(occurred_at__date__lte=on_or_before)
    return qs.order_by("-occurred_at", "-id")
