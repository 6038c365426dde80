"""The documents and messages on a child's page, newest first, each with its date and a link
(issue 12, item 2: "one record that shows everything").

Documents: evidence sent with a request, advice received (with its document), the plan as
issued, and documents added to reviews. Messages: what we sent the family and others about the
child. Shown to staff who may open the child's record (the same visibility rule as the page,
which the caller has already applied); each link goes to the app's own permission-checked,
audited download or page. Families see their documents on their plan and request pages.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone

from opensend.accounts.permissions import Capability, user_can
from opensend.audit.services import audit_record_list
from opensend.casework.models import AdviceRequest, RequestDocument
from opensend.core.types import Actor
from opensend.notify.models import OutboxMessage
from opensend.notify.selectors import user_may_see_messages
from opensend.people.models import Child
from opensend.plans.models import PlanStatus
from opensend.reviews.models import ReviewContribution

SHOWN = 10  # the newest documents and messages on the page; the full lists are linked


@dataclass(frozen=True)
class DocumentRow:
    name: str
    what: str
    on: date
    url: str


@dataclass(frozen=True)
class MessageRow:
    subject: str
    to: str
    on: date
    url: str


def _local(moment: object) -> date:
    return timezone.localdate(moment)  # type: ignore[arg-type]


def child_documents(child: Child, *, user: Actor) -> list[DocumentRow]:
    """The child's documents the user may download, newest first (at most SHOWN)."""
    if not user_can(user, Capability.SEARCH_CHILDREN):
        return []
    rows = [
        DocumentRow(
            d.document_name,
            "Evidence sent with the request",
            _local(d.created_at),
            reverse("casework:request_document", args=[d.pk]),
        )
        for d in RequestDocument.objects.filter(request__child=child).order_by("-pk")[:SHOWN]
    ]
    advice = AdviceRequest.objects.filter(
        request__child=child, received_on__isnull=False
    ).select_related("organisation")
    rows += [
        DocumentRow(
            a.document_name or f"{a.get_kind_display().split(' (')[0]} advice",
            f"Advice from {a.organisation}",
            a.received_on,
            reverse("casework:advice_document", args=[a.pk])
            if a.document
            else reverse("casework:advice_detail", args=[a.pk]),
        )
        for a in advice.order_by("-received_on")[:SHOWN]
        if a.received_on is not None
    ]
    rows += [
        DocumentRow(
            f"EHC plan, version {p.version}",
            "The plan as it stands (PDF)",
            p.issued_on,
            reverse("plans:pdf", args=[p.pk]),
        )
        for p in child.ehc_plans.filter(status=PlanStatus.FINAL, issued_on__isnull=False)
        if p.issued_on is not None
    ]
    contributions = ReviewContribution.objects.filter(review__child=child).exclude(document="")
    rows += [
        DocumentRow(
            c.document_name,
            f"For the review: {c}",
            c.received_on,
            reverse("reviews:contribution_document", args=[c.pk]),
        )
        for c in contributions.order_by("-received_on")[:SHOWN]
    ]
    return sorted(rows, key=lambda r: r.on, reverse=True)[:SHOWN]


def child_messages(child: Child, *, user: Actor) -> list[MessageRow]:
    """The newest messages about the child (at most SHOWN), for staff who may read them;
    audited as a list read, as the full messages page is."""
    if not user_may_see_messages(user):
        return []
    messages = list(
        OutboxMessage.objects.filter(child=child).order_by("-created_at", "-pk")[:SHOWN]
    )
    audit_record_list(
        actor=user, objects=messages, child_id_attr="child_id", summary="Messages sent"
    )
    return [
        MessageRow(
            m.subject or f"{m.get_channel_display()} message",
            m.recipient_name or m.to_address,
            _local(m.created_at),
            reverse("notify:message_detail", args=[m.pk]),
        )
        for m in messages
    ]
