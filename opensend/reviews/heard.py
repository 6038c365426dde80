"""Being heard before an annual review (issue 14, item 4): the family's views, asked for before
the meeting, by a "views by" date.

The law: "the child's parent or the young person" must be invited (SEND Regulations 2014,
reg 20(2)(a)), and "The person arranging the review meeting must obtain advice and information
about the child or young person from the persons referred to in paragraph (2) and must circulate
it to those persons at least two weeks in advance of the review meeting" (reg 20(4)). So the
family's views are asked for by 2 weeks before the meeting (`statutory` rule
`review_family_views`), once the meeting has a date.

- **Who.** A parent or carer with parental responsibility, or the young person
  (`casework.about_me.version_for`, the same rule as "all about me"), for a child they may see
  (the one visibility rule). Each sends as themselves.
- **What.** Text, a file (documents, photos, recordings through `core.uploads`), or both. Kept as
  the review's `ReviewContribution` (the family's views, or the young person's), so staff see
  them on the review with everything else gathered for it, and they go into the report.
- **Until when.** Any time until the meeting is held; after the "views by" day they are still
  taken, and the page says they may not reach everyone before the meeting.
- **A reminder** 5 days before the views-by day if nothing from the family is on the review yet
  (online or recorded by staff): `review_views_reminders_send`, run daily by
  `manage.py family_reminders`, recorded once in `AnnualReview.views_reminder_sent_on`.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import reverse

from opensend import statutory
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.casework.about_me import version_for
from opensend.casework.models import AboutMeVersion
from opensend.core import uploads
from opensend.core.dates import today_or_local
from opensend.core.types import Actor
from opensend.notify.window_reminders import window_reminders_send
from opensend.people.models import Child
from opensend.reviews.codes import ContributionKind, ReviewStage
from opensend.reviews.models import AnnualReview, ReviewContribution

NOT_FOUND = "No review found"
MAX_LENGTH = 5000
VIEWS_REQUIRED = "Write your views, or choose a file to send"
TOO_LONG = f"Your views must be {MAX_LENGTH:,} characters or fewer"
MEETING_HELD = "The review meeting has happened. Send your caseworker a message instead"
FAMILY_KINDS = (ContributionKind.FAMILY, ContributionKind.CHILD)
# Before the meeting is held: planned, or invitations sent.
BEFORE_MEETING = (ReviewStage.PLANNED, ReviewStage.INVITED)


def views_by(review: AnnualReview) -> date | None:
    """The day to send the family's views by: 2 weeks before the meeting (reg 20(4)); None
    until the meeting has a date."""
    if review.meeting_on is None:
        return None
    return statutory.due("review_family_views", review.meeting_on)


def review_before_meeting(*, child: Child) -> AnnualReview | None:
    """The child's review whose meeting has not been held yet, if there is one."""
    return (
        AnnualReview.objects.filter(child=child, stage__in=BEFORE_MEETING)
        .order_by("due_by", "pk")
        .first()
    )


def review_for_family(*, user: Actor, child_id: Any) -> tuple[Child, AnnualReview, str]:
    """The child, their review before its meeting, and whose views this person gives; 404 when
    it is not their child or there is no such review."""
    try:
        child = Child.objects.visible_to(user).get(pk=int(child_id))
    except (Child.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(NOT_FOUND) from exc
    version = version_for(user, child)
    review = review_before_meeting(child=child)
    if version is None or review is None:
        raise Http404(NOT_FOUND)
    return child, review, version


def views_sent_by(*, user: Actor, review: AnnualReview) -> list[ReviewContribution]:
    """What this person sent for the review (audited as a read when there is any)."""
    sent = list(review.contributions.filter(recorded_by=user, kind__in=FAMILY_KINDS))
    for contribution in sent:
        audit_record(actor=user, action=Action.VIEW, obj=contribution, child_id=review.child_id)
    return sent


def sent_online_by_family(review: AnnualReview) -> set[int]:
    """The review's contributions the family sent themselves (for the staff page's label)."""
    return set(
        review.contributions.filter(kind__in=FAMILY_KINDS)
        .exclude(recorded_by__isnull=True)
        .filter(Q(recorded_by__family_member__isnull=False) | Q(recorded_by=review.child.user_id))
        .values_list("pk", flat=True)
    )


def _given_by(actor: Actor, child: Child, version: str) -> str:
    if version == AboutMeVersion.YOUNG_PERSON:
        return f"{child.full_name} (the young person)"
    name = getattr(actor, "get_full_name", lambda: "")() or str(actor)
    return f"{name} (parent or carer)"


@transaction.atomic
def review_views_give(
    *,
    actor: Actor,
    review: AnnualReview,
    text: str = "",
    document: uploads.CheckedUpload | None = None,
    today: date | None = None,
) -> ReviewContribution:
    """The family's own views for the review, before the meeting: text, a file or both."""
    review = AnnualReview.objects.select_for_update().select_related("child").get(pk=review.pk)
    version = version_for(actor, review.child)
    if version is None:
        raise PermissionDenied("Only the family send their views here")
    if review.stage not in BEFORE_MEETING:
        raise ValidationError({"text": [MEETING_HELD]})
    text = (text or "").strip()
    if len(text) > MAX_LENGTH:
        raise ValidationError({"text": [TOO_LONG]})
    if not text and document is None:
        raise ValidationError({"text": [VIEWS_REQUIRED]})
    young = version == AboutMeVersion.YOUNG_PERSON
    contribution = ReviewContribution(
        review=review,
        kind=ContributionKind.CHILD if young else ContributionKind.FAMILY,
        given_by=_given_by(actor, review.child, version)[:200],
        received_on=today_or_local(today),
        text=text,
        recorded_by=actor,
    )
    if document is not None:
        uploads.attach_document(contribution, document)
    try:
        contribution.save()
    except Exception:
        uploads.delete_stored(contribution.document)
        raise
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=contribution,
        child_id=review.child_id,
        summary="Views for the review sent by the family",
    )
    return contribution


def views_page_url(review: AnnualReview) -> str:
    return reverse("portal:review_views", args=[review.child_id])


@transaction.atomic
def review_views_reminders_send(*, today: date) -> int:
    """Remind the family of each review whose views-by day is 5 days away or less
    (`statutory.family_reminder_due`) and who have sent nothing yet (no family or young
    person's views on the review, online or recorded by staff). Once per review."""
    before = AnnualReview.objects.filter(stage__in=BEFORE_MEETING, meeting_on__isnull=False)
    nothing_yet = ~Q(
        Exists(ReviewContribution.objects.filter(review=OuterRef("pk"), kind__in=FAMILY_KINDS))
    )
    return window_reminders_send(
        windows=before,
        last_day=views_by,
        page_link=views_page_url,
        template="review_views_reminder",
        today=today,
        sent_on_field="views_reminder_sent_on",
        not_heard=nothing_yet,
        due_key="views_due",
    )
