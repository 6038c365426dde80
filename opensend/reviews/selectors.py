"""Every read on annual reviews: lists, one review with its clocks and timeline, the review
queue (open reviews and amendments together) and the caseworker load figures. An amendment's
own reads are `reviews.amendments.selectors`.

Who sees a review or an amendment is who sees its child (`Child.objects.visible_to`), and only
staff who hold `view_reviews` (caseworkers, managers, SENCOs for pupils on their roll). Missing
and forbidden give the same 404. Reads of one record are audited.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import CharField, Prefetch, Q, QuerySet, Value
from django.http import Http404

from opensend import statutory
from opensend.accounts.models import Organisation, User
from opensend.accounts.permissions import Capability, access_for, user_can
from opensend.accounts.roles import OrganisationKind, Role
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.clocks import Clock, TimelineEntry, next_open_clock
from opensend.core.queues import due_counts
from opensend.core.types import Actor
from opensend.people.models import Child
from opensend.people.querysets import child_visibility
from opensend.reviews.amendments.clocks import amendment_clocks
from opensend.reviews.amendments.selectors import amendment_list_for_user, amendment_query
from opensend.reviews.annual_clocks import invitations_due, review_clocks
from opensend.reviews.models import (
    OPEN_REVIEW_STAGES,
    Amendment,
    AnnualReview,
    ContributionKind,
    ReviewContribution,
)
from opensend.reviews.shared import timeline_with_clocks

NOT_FOUND = "No review found"
_LOOKUP_ERRORS = (ValueError, TypeError, OverflowError)


def _visible_children(user: Actor) -> QuerySet[Child]:
    return Child.objects.visible_to(user)


def review_list_for_user(*, user: Actor) -> QuerySet[AnnualReview]:
    if not user_can(user, Capability.VIEW_REVIEWS):
        return AnnualReview.objects.none()
    return AnnualReview.objects.filter(child_visibility(user, via="child"))


def review_get_for_user(*, user: Actor, review_id: int, audit: bool = True) -> AnnualReview:
    try:
        review = (
            review_list_for_user(user=user)
            .select_related("plan", "child", "setting", "caseworker", "decided_by")
            .prefetch_related(
                "invitations",
                Prefetch(
                    "contributions",
                    queryset=ReviewContribution.objects.select_related("recorded_by"),
                ),
                "amendments",
            )
            .get(pk=review_id)
        )
    except (AnnualReview.DoesNotExist, *_LOOKUP_ERRORS) as exc:
        raise Http404(NOT_FOUND) from exc
    if audit:
        audit_record(actor=user, action=Action.VIEW, obj=review, child_id=review.child_id)
    return review


def contribution_document_for_user(*, user: Actor, contribution_id: int) -> ReviewContribution:
    """The review document this user may download: staff who may see the child (the child's
    visibility rule), or whoever added it. The download is audited; missing, forbidden and
    "no document" give the same 404."""
    try:
        contribution = ReviewContribution.objects.select_related("review").get(pk=contribution_id)
    except (ReviewContribution.DoesNotExist, *_LOOKUP_ERRORS) as exc:
        raise Http404("No document found") from exc
    child_id = contribution.review.child_id
    added_it = user.is_authenticated and contribution.recorded_by_id == user.pk
    may_see_child = (
        user_can(user, Capability.SEARCH_CHILDREN)
        and _visible_children(user).filter(pk=child_id).exists()
    )
    if not contribution.document or not (added_it or may_see_child):
        raise Http404("No document found")
    audit_record(
        actor=user,
        action=Action.EXPORT,
        obj=contribution,
        child_id=child_id,
        summary=f"Review document downloaded: {contribution.document_name}"[:300],
    )
    return contribution


def open_review_for_plan(*, plan: Any) -> AnnualReview | None:
    return AnnualReview.objects.filter(plan=plan, stage__in=OPEN_REVIEW_STAGES).first()


# ---------------------------------------------------------------------------- queue


@dataclass(frozen=True)
class QueueRow:
    kind: str  # "review" or "amendment"
    record: AnnualReview | Amendment
    child: Child
    what: str
    stage: str
    next_clock: Clock | None
    due_on: date | None
    status: statutory.ClockStatus | None


class ReviewQueue:
    """Open reviews and amendments, soonest `next_due_on` first, sorted and sliced in SQL.

    Looks like a sequence to Django's Paginator: `count()` is one query, a page is three
    (the sorted keys, the reviews on it, the amendments on it)."""

    def __init__(self, reviews: QuerySet[AnnualReview], amendments: QuerySet[Amendment], on: date):
        self.reviews, self.amendments, self.on = reviews, amendments, on

    def _keys(self) -> Any:
        reviews = self.reviews.order_by().values_list(
            Value("review", output_field=CharField()), "pk", "next_due_on"
        )
        amendments = self.amendments.order_by().values_list(
            Value("amendment", output_field=CharField()), "pk", "next_due_on"
        )
        return reviews.union(amendments, all=True).order_by("next_due_on", "pk")

    def count(self) -> int:
        return self.reviews.count() + self.amendments.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[QueueRow]:
        keys = list(self._keys()[item])
        review_ids = [pk for kind, pk, _ in keys if kind == "review"]
        amendment_ids = [pk for kind, pk, _ in keys if kind == "amendment"]
        reviews = {
            r.pk: r
            for r in AnnualReview.objects.filter(pk__in=review_ids).select_related(
                "child", "setting", "caseworker"
            )
        }
        amendments = {
            a.pk: a for a in amendment_query(Amendment.objects.filter(pk__in=amendment_ids))
        }
        rows = []
        for kind, pk, due_on in keys:
            if kind == "review":
                review = reviews[pk]
                clock = next_open_clock(review_clocks(review))
                what = review.get_kind_display()
                stage = review.get_stage_display()
                record: AnnualReview | Amendment = review
            else:
                amendment = amendments[pk]
                clock = next_open_clock(amendment_clocks(amendment))
                what = f"Amendment: {amendment.get_source_display().lower()}"
                stage = amendment.get_status_display()
                record = amendment
            rows.append(
                QueueRow(
                    kind=kind,
                    record=record,
                    child=record.child,
                    what=what,
                    stage=stage,
                    next_clock=clock,
                    due_on=due_on,
                    status=statutory.clock_status(due_on, self.on) if due_on else None,
                )
            )
        return rows


def review_queue_for_user(*, user: Actor, on: date, caseworker: Any = None) -> ReviewQueue:
    """Open reviews and open amendments for the children this user sees (one caseworker's
    when `caseworker` is given), soonest next date first. Paginate it in the view."""
    reviews = review_list_for_user(user=user).filter(stage__in=OPEN_REVIEW_STAGES)
    amendments = amendment_list_for_user(user=user).open()
    if caseworker is not None:
        reviews = reviews.filter(caseworker=caseworker)
        amendments = amendments.filter(caseworker=caseworker)
    return ReviewQueue(reviews, amendments, on)


def setting_reviews_for_user(*, user: Actor, on: date) -> ReviewQueue:
    """A SENCO's workspace: open reviews of pupils on their setting's roll, by next date."""
    setting_ids = access_for(user).setting_ids
    reviews = (
        review_list_for_user(user=user)
        .filter(stage__in=OPEN_REVIEW_STAGES)
        .filter(Q(setting_id__in=setting_ids) | Q(setting__host_setting_id__in=setting_ids))
    )
    return ReviewQueue(reviews, Amendment.objects.none(), on)


def review_load_by_caseworker(*, user: Actor, on: date) -> dict[int, tuple[int, int, int]]:
    """Caseworker id -> (open, overdue, due soon) over open reviews and amendments, in SQL."""
    counts = due_counts(on)
    load: dict[int, list[int]] = {}
    querysets: list[QuerySet[Any]] = [
        review_list_for_user(user=user).filter(stage__in=OPEN_REVIEW_STAGES),
        amendment_list_for_user(user=user).open(),
    ]
    for qs in querysets:
        for row in (
            qs.filter(caseworker__isnull=False)
            .order_by()
            .values("caseworker_id")
            .annotate(**counts)
        ):
            totals = load.setdefault(row["caseworker_id"], [0, 0, 0])
            totals[0] += row["open"]
            totals[1] += row["overdue"]
            totals[2] += row["at_risk"]
    return {k: (v[0], v[1], v[2]) for k, v in load.items()}


# ---------------------------------------------------------------------------- timelines


def review_timeline(review: AnnualReview) -> list[TimelineEntry]:
    """What was done, and what is due, in date order."""
    entries: list[TimelineEntry] = []

    def done(on: date | None, title: str, detail: str = "") -> None:
        if on is not None:
            entries.append(TimelineEntry(on, title, detail, True))

    done(review.due_from, "Review planned", f"Held by {statutory.long_date(review.due_by)}")
    done(
        review.invitations_sent_on,
        "Invitations sent",
        ", ".join(i.name for i in review.invitations.all()),
    )
    for c in review.contributions.all():
        done(c.received_on, f"Views received: {c.get_kind_display()}", c.given_by)
    done(review.held_on, "Review meeting held")
    done(
        review.report_sent_on,
        "Report sent",
        f"Recommended: {review.get_recommendation_display()}" if review.recommendation else "",
    )
    done(review.decided_on, f"Decision: {review.get_decision_display()}", review.decision_reasons)
    return timeline_with_clocks(entries, review_clocks(review))


# ---------------------------------------------------------------------------- small helpers

ROLE_FOR_ORGANISATION = {
    OrganisationKind.NHS: ContributionKind.HEALTH,
    OrganisationKind.SOCIAL_CARE: ContributionKind.SOCIAL_CARE,
    OrganisationKind.EP_SERVICE: ContributionKind.EDUCATIONAL_PSYCHOLOGY,
    OrganisationKind.SETTING: ContributionKind.SETTING,
}


def role_for_organisation(organisation: Organisation) -> str:
    return ROLE_FOR_ORGANISATION.get(organisation.kind, ContributionKind.OTHER)  # type: ignore[call-overload]


def caseworker_choices_for_user(*, user: Actor) -> QuerySet[User]:
    """Caseworkers a manager can filter the queue by: those in the manager's teams."""
    access = access_for(user)
    staff = User.objects.filter(
        memberships__closed_at__isnull=True,
        memberships__role__in=[Role.CASEWORKER, Role.TEAM_MANAGER],
    )
    if not access.has(Role.ADMIN):
        staff = staff.filter(memberships__team_id__in=access.team_ids)
    return staff.distinct().order_by("email")


def invitations_due_text(review: AnnualReview) -> str:
    due = invitations_due(review)
    if due is None:
        return "Set the date of the meeting first."
    return (
        f"The meeting is on {statutory.long_date(review.meeting_on)}. Invitations and advice "  # type: ignore[arg-type]
        f"should be sent by {statutory.long_date(due)} (at least 2 weeks before). You can "
        "still send them after that date: they will be shown as late."
    )
