"""Every read on amendments: one amendment with the family's comments, the open amendment of
a plan (for the plan pages and the family), and its timeline.

Who sees an amendment is who sees its child (`Child.objects.visible_to`), and only staff who
hold `view_reviews`. Missing and forbidden give the same 404; reads of one record are audited.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from opensend.accounts.permissions import Capability, user_can
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.clocks import TimelineEntry
from opensend.core.types import Actor
from opensend.people.querysets import child_visibility
from opensend.reviews.amendments.clocks import amendment_clocks
from opensend.reviews.models import Amendment, AmendmentQuerySet, AmendmentRepresentation
from opensend.reviews.shared import timeline_with_clocks

AMENDMENT_NOT_FOUND = "No amendment found"
_LOOKUP_ERRORS = (ValueError, TypeError, OverflowError)


def amendment_list_for_user(*, user: Actor) -> AmendmentQuerySet:
    if not user_can(user, Capability.VIEW_REVIEWS):
        return Amendment.objects.none()
    return Amendment.objects.filter(child_visibility(user, via="child"))


def amendment_query(qs: QuerySet[Amendment]) -> QuerySet[Amendment]:
    """What an amendment's page and the queue show with it, in one query and one prefetch."""
    return qs.select_related("plan", "child", "review", "appeal", "caseworker").prefetch_related(
        Prefetch(
            "representations",
            queryset=AmendmentRepresentation.objects.select_related("preferred_setting"),
        )
    )


def amendment_get_for_user(*, user: Actor, amendment_id: int, audit: bool = True) -> Amendment:
    try:
        amendment = amendment_query(amendment_list_for_user(user=user)).get(pk=amendment_id)
    except (Amendment.DoesNotExist, *_LOOKUP_ERRORS) as exc:
        raise Http404(AMENDMENT_NOT_FOUND) from exc
    if audit:
        audit_record(actor=user, action=Action.VIEW, obj=amendment, child_id=amendment.child_id)
    return amendment


def open_amendment_for_family(*, plan: Any) -> Amendment | None:
    """The proposals a family sees on their plan page (once sent to them)."""
    return (
        amendment_query(Amendment.objects.filter(plan=plan).open())
        .filter(proposed_on__isnull=False)
        .first()
    )


def open_amendment_for_plan(*, plan: Any) -> Amendment | None:
    return Amendment.objects.filter(plan=plan).open().first()


def amendment_timeline(amendment: Amendment) -> list[TimelineEntry]:
    """What was done, and what is due, in date order."""
    entries: list[TimelineEntry] = []
    if amendment.meeting_on:
        entries.append(TimelineEntry(amendment.meeting_on, "Review meeting", "", True))
    if amendment.proposed_on:
        entries.append(
            TimelineEntry(amendment.proposed_on, "Proposed changes sent", amendment.summary, True)
        )
    entries += [
        TimelineEntry(r.made_on, f"Comments from {r.made_by}", r.comments, True)
        for r in amendment.representations.all()
    ]
    if amendment.issued_on:
        entries.append(
            TimelineEntry(
                amendment.issued_on,
                f"Amended plan issued (version {amendment.issued_version})",
                "",
                True,
            )
        )
    elif amendment.closed_on:
        entries.append(
            TimelineEntry(
                amendment.closed_on, amendment.get_status_display(), amendment.closed_reason, True
            )
        )
    return timeline_with_clocks(entries, amendment_clocks(amendment))
