"""Selectors for the Local Offer figures an editor needs on the entries page (the currency
dashboard): how useful families find the entries, how quickly reported problems are dealt
with, how many entries are stale, and how often a search finds nothing.

Each figure covers the entries the person keeps (every entry for a council editor); searches
without results are the council's (council editors only). None of these is a statutory measure:
they are the Local Offer KPIs of DESIGN §2 (entries checked within 12 months, usefulness,
searches without results), with the council's own target for dealing with a reported problem
(`OPENSEND_LOCAL_OFFER_PROBLEM_DAYS`, 10 days unless set).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from opensend.directory import access
from opensend.directory.models import (
    Feedback,
    FeedbackKind,
    SearchWithoutResults,
    Service,
)
from opensend.directory.querysets import a_year_before
from opensend.statutory.periods import add_days

DEFAULT_PROBLEM_DAYS = 10
SEARCH_WINDOW_DAYS = 30


def problem_target_days() -> int:
    return int(getattr(settings, "OPENSEND_LOCAL_OFFER_PROBLEM_DAYS", DEFAULT_PROBLEM_DAYS))


def percent(part: int, whole: int) -> int | None:
    """Whole-number percentage, or None when there is nothing to count."""
    return round(100 * part / whole) if whole else None


@dataclass(frozen=True)
class LocalOfferFigures:
    entries: int
    stale: int
    stale_percent: int | None
    useful: int
    not_useful: int
    useful_percent: int | None  # of the "Was this useful?" answers in the last 12 months
    problems_open: int
    problems_open_past_target: int
    problems_closed: int  # in the last 12 months
    problems_closed_in_target: int
    closed_in_target_percent: int | None
    target_days: int
    searches_without_results: int | None  # the last 30 days (council editors only)


def local_offer_figures(*, user: object, today: date) -> LocalOfferFigures:
    entries = Service.objects.public()
    if not access.is_council_editor(user):
        entries = entries.filter(organization__owner_id__in=access.owner_organisation_ids(user))
    total = entries.count()
    stale = entries.stale(today).count()
    year_ago = a_year_before(today)
    feedback = Feedback.objects.filter(service__in=entries.values("pk"))
    answers = feedback.filter(created_at__date__gte=year_ago).aggregate(
        useful=Count("pk", filter=Q(kind=FeedbackKind.USEFUL)),
        not_useful=Count("pk", filter=Q(kind=FeedbackKind.NOT_USEFUL)),
    )
    days = problem_target_days()
    problems = feedback.filter(kind=FeedbackKind.PROBLEM)
    open_ = problems.filter(resolved_at__isnull=True)
    closed = problems.filter(resolved_at__isnull=False, resolved_at__date__gte=year_ago)
    # Dealt with by the target day (the day reported counts as day 0), by London dates.
    pairs = [
        (timezone.localdate(made), timezone.localdate(done))
        for made, done in closed.values_list("created_at", "resolved_at")
    ]
    in_target = sum(1 for made, done in pairs if done <= add_days(made, days))
    closed_count = len(pairs)
    searches = None
    if access.is_council_editor(user):
        searches = SearchWithoutResults.objects.filter(
            created_at__date__gt=add_days(today, -SEARCH_WINDOW_DAYS)
        ).count()
    return LocalOfferFigures(
        entries=total,
        stale=stale,
        stale_percent=percent(stale, total),
        useful=answers["useful"],
        not_useful=answers["not_useful"],
        useful_percent=percent(answers["useful"], answers["useful"] + answers["not_useful"]),
        problems_open=open_.count(),
        problems_open_past_target=open_.filter(created_at__date__lt=add_days(today, -days)).count(),
        problems_closed=closed_count,
        problems_closed_in_target=in_target,
        closed_in_target_percent=percent(in_target, closed_count),
        target_days=days,
        searches_without_results=searches,
    )
