"""What a family reads of their child's annual reviews (issue 14, item 6): the report of each
review meeting once it was sent to them, and our decision after it. Families do not hold
`view_reviews` (the staff pages), so these reads have their own rule: the family's child, by the
one visibility rule (`people.querysets.child_visibility`, which keeps a young person's papers
from a parent they do not share them with), and only what was sent. Missing, not sent and
someone else's give the same 404. The page's list and each download are audited by the caller
(`portal.family_documents`)."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from opensend.core.types import Actor
from opensend.people.querysets import child_visibility
from opensend.reviews.models import AnnualReview, ReviewStage

NOT_FOUND = "No review report found"


def reviews_sent_to_family(*, user: Actor, child_id: int) -> QuerySet[AnnualReview]:
    """The child's reviews whose report was sent, newest first (never a cancelled review)."""
    return (
        AnnualReview.objects.filter(child_visibility(user, via="child"), child_id=child_id)
        .filter(report_sent_on__isnull=False)
        .exclude(stage=ReviewStage.CANCELLED)
        .select_related("plan", "child", "setting")
        .order_by("-report_sent_on", "-pk")
    )


def review_report_for_family(*, user: Actor, child_id: int, review_id: Any) -> AnnualReview:
    try:
        return reviews_sent_to_family(user=user, child_id=child_id).get(pk=int(review_id))
    except (AnnualReview.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(NOT_FOUND) from exc
