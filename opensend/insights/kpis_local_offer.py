"""The Local Offer KPIs (issue 15, item 1; DESIGN §2 "Local Offer entries reviewed within 12
months"), from the directory's records: entries reviewed in the last 12 months, "Was this
useful?" answers, reported problems dealt with within the council's target, and searches that
found nothing.

They count entries, anonymous answers and searches, never children, so they are area-wide
(`area_wide=True`): everyone sees the whole area, the board without suppression, with no
breakdown by child and no cases behind the figure. They use the directory's own selectors
(`Service.objects.public()` and `.stale()`, `directory.figures.problem_target_days`), so an
editor's entries page and the dashboard count alike; the editor's page covers a rolling year
(and 30 days for searches), the dashboard the period chosen.
"""

from datetime import date

from django.db.models import Q, QuerySet

from opensend.directory.figures import problem_target_days
from opensend.directory.models import Feedback, FeedbackKind, SearchWithoutResults, Service
from opensend.insights.kpi_base import Counted, Measure, _lookup, _triggers, kpi
from opensend.statutory.periods import add_days

LOCAL_OFFER = "The Local Offer"

_meta = {
    "child": "",
    "owner": "",
    "group": LOCAL_OFFER,
    "area_wide": True,
}


def _feedback() -> QuerySet[Feedback]:
    """Feedback on the entries the public directory shows (as on the editor's entries page)."""
    return Feedback.objects.filter(service__in=Service.objects.public().values("pk"))


@kpi(
    slug="local-offer-reviewed",
    title="Local Offer entries reviewed in the last 12 months",
    short="of Local Offer entries reviewed in the 12 months to the end of the period",
    measure=Measure.RATE,
    start_label="Last reviewed",
    end_label="",
    hit_label="Reviewed",
    snapshot=True,
    **_meta,
)
def local_offer_reviewed(start: date, end: date) -> Counted:
    """A snapshot on the last day of the period: every entry the public Local Offer shows now
    (active services). A hit: the entry's details were last checked (reviewed) on or after the
    same day a year before the end of the period (`directory.querysets.a_year_before`); an
    entry never reviewed, or reviewed longer ago, is stale (`Service.objects.stale`).

    Entries withdrawn or waiting to be published are not counted.
    DfE publishes no national figure: this is the council's measure of its duty to "keep its
    SEN and disability local offer under review" (Children and Families Act 2014, s30(5)).
    """
    rows = Service.objects.public()
    return Counted(
        rows=rows,
        hit=~Q(pk__in=Service.objects.stale(end).values("pk")),
        start_field="assured_date",
    )


@kpi(
    slug="local-offer-useful",
    title="Local Offer pages families found useful",
    short="of “Was this page useful?” answers on the Local Offer that said yes",
    measure=Measure.RATE,
    start_label="Answered",
    end_label="",
    hit_label="Useful",
    **_meta,
)
def local_offer_useful(start: date, end: date) -> Counted:
    """Counted: every answer to "Was this page useful?" on an entry of the public Local Offer
    given in the period (by London dates). A hit: the visitor answered yes. Reports of a
    problem are counted apart (the next KPI). Answers are anonymous: nothing about who gave
    them is kept.

    DfE publishes no national figure: this is the council's own measure of whether the Local
    Offer helps.
    """
    rows = _feedback().filter(
        kind__in=[FeedbackKind.USEFUL, FeedbackKind.NOT_USEFUL],
        created_at__date__range=(start, end),
    )
    return Counted(rows=rows, hit=Q(kind=FeedbackKind.USEFUL), period="created_at__date")


@kpi(
    slug="local-offer-problems",
    title="Problems reported on the Local Offer dealt with in time",
    short="of problems reported on the Local Offer dealt with within the council's target",
    measure=Measure.RATE,
    start_label="Reported",
    end_label="Dealt with",
    hit_label="In time",
    **_meta,
)
def local_offer_problems(start: date, end: date) -> Counted:
    """Start: the day a visitor reported a problem with a Local Offer entry ("Report a
    problem"). End: the day the entry's owner or a council editor marked it dealt with.
    Counted: every report dealt with in the period (by London dates). In time: dealt with no
    more than the council's target number of days after the report, the day of the report
    being day 0 (`OPENSEND_LOCAL_OFFER_PROBLEM_DAYS`, 10 unless set; the same rule as the
    editor's entries page).

    Reports not yet dealt with are not counted until they are; the editor's entries page
    lists those past the target. DfE publishes no national figure: this is the council's own
    service standard.
    """
    rows = _feedback().filter(kind=FeedbackKind.PROBLEM, resolved_at__date__range=(start, end))
    days = problem_target_days()
    made = "created_at__date"
    target = _lookup(made, {t: add_days(t, days) for t in _triggers(rows, made)})
    return Counted(rows=rows, hit=Q(resolved_at__date__lte=target), period="resolved_at__date")


@kpi(
    slug="local-offer-searches-no-results",
    title="Local Offer searches that found nothing",
    short="searches on the Local Offer that found nothing",
    measure=Measure.COUNT,
    start_label="Searched",
    end_label="",
    hit_label="Searches that found nothing",
    **_meta,
)
def local_offer_searches_no_results(start: date, end: date) -> Counted:
    """Counted: every search of the public Local Offer in the period (by London dates) that
    found no entry, with whatever words and filters were used. The number, not a rate: the
    Local Offer keeps only the searches that found nothing, never who searched.

    These point to gaps in the offer, or to words families use that the entries do not; the
    council editors' page lists the words. DfE publishes no national figure.
    """
    rows = SearchWithoutResults.objects.filter(created_at__date__range=(start, end))
    return Counted(rows=rows, period="created_at__date")
