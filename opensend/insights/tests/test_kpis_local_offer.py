"""The Local Offer KPIs against a hand-built directory: entries reviewed a year before the end of
the period to the day and a day earlier, answers and problem reports inside and outside the
period, a problem dealt with on the target day and the day after, searches that found nothing,
an empty period; and the board sees them unsuppressed, with no cases behind them."""

from datetime import UTC, date, datetime

import pytest
from django.db.models import Q
from django.urls import reverse

from opensend.directory.models import Feedback, FeedbackKind, SearchWithoutResults, ServiceStatus
from opensend.insights import figures, kpis
from testsupport.factories.directory import ServiceFactory
from testsupport.forms import date_fields

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 12, 31)
PERIOD = {**date_fields("start", START), **date_fields("end", END)}


def figure(slug, *, start=START, end=END):
    return figures.headline(kpis.KPIS[slug], start=start, end=end, scope=Q())


def noon(day):
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def feedback(service, kind, on, resolved=None):
    item = Feedback.objects.create(service=service, kind=kind)
    Feedback.objects.filter(pk=item.pk).update(
        created_at=noon(on), resolved_at=noon(resolved) if resolved else None
    )


def searched(on):
    item = SearchWithoutResults.objects.create(words="hydrotherapy")
    SearchWithoutResults.objects.filter(pk=item.pk).update(created_at=noon(on))


@pytest.fixture
def offer(db):
    # A year before 31 December 2026 is 31 December 2025: reviewed on that day is current.
    current = ServiceFactory(assured_date=date(2026, 6, 1))
    ServiceFactory(assured_date=date(2025, 12, 31))
    ServiceFactory(assured_date=date(2025, 12, 30))  # a day too old: stale
    ServiceFactory(assured_date=None)  # never reviewed: stale
    withdrawn = ServiceFactory(status=ServiceStatus.INACTIVE, assured_date=None)  # not counted
    for _ in range(3):
        feedback(current, FeedbackKind.USEFUL, date(2026, 2, 2))
    feedback(current, FeedbackKind.NOT_USEFUL, date(2026, 12, 31))
    feedback(current, FeedbackKind.USEFUL, date(2025, 12, 31))  # before the period
    feedback(withdrawn, FeedbackKind.NOT_USEFUL, date(2026, 3, 3))  # entry not shown
    # Reported on Monday 2 March 2026; the target is 10 days (12 March).
    feedback(current, FeedbackKind.PROBLEM, date(2026, 3, 2), resolved=date(2026, 3, 12))
    feedback(current, FeedbackKind.PROBLEM, date(2026, 3, 2), resolved=date(2026, 3, 13))
    feedback(current, FeedbackKind.PROBLEM, date(2026, 3, 2))  # not dealt with yet
    feedback(current, FeedbackKind.PROBLEM, date(2025, 11, 2), resolved=date(2025, 11, 3))
    for day in (date(2026, 1, 1), date(2026, 5, 5), date(2026, 12, 31), date(2025, 12, 31)):
        searched(day)


def test_entries_reviewed_in_the_last_12_months(offer):
    f = figure("local-offer-reviewed")
    assert (f.total, f.hits, f.percent_including) == (4, 2, 50.0)


def test_answers_that_said_the_page_was_useful(offer):
    f = figure("local-offer-useful")
    assert (f.total, f.hits, f.percent_including) == (4, 3, 75.0)


def test_problems_dealt_with_within_the_target(offer, settings):
    f = figure("local-offer-problems")
    assert (f.total, f.hits, f.percent_including) == (2, 1, 50.0)
    settings.OPENSEND_LOCAL_OFFER_PROBLEM_DAYS = 11
    assert figure("local-offer-problems").hits == 2


def test_searches_that_found_nothing_by_quarter(offer):
    assert figure("local-offer-searches-no-results").total == 3
    trend = figures.trend(kpis.KPIS["local-offer-searches-no-results"], end=END, scope=Q(), count=4)
    assert [f.total for _q, f in trend] == [1, 1, 0, 1]


def test_an_empty_period(offer):
    for slug in ("local-offer-useful", "local-offer-problems", "local-offer-searches-no-results"):
        f = figure(slug, start=date(2024, 1, 1), end=date(2024, 12, 31))
        assert (f.total, f.percent_including) == (0, None), slug


def test_the_board_sees_them_unsuppressed_with_no_children_behind_them(world, offer):
    client = world.client_for("board_member")
    body = client.get(reverse("insights:kpi", args=["local-offer-useful"]), PERIOD).content.decode()
    # From 4 answers: a figure about children this small would be [c].
    assert 'data-testid="headline">75.0%<' in body
    assert "no number is hidden" in body
    assert "Break down by" not in body  # no child to break down by
    cases = reverse("insights:kpi_cases", args=["local-offer-useful"])
    assert cases not in body
    assert world.client_for("admin").get(cases, PERIOD).status_code == 404
    dashboard = client.get(reverse("insights:dashboard"), PERIOD).content.decode()
    assert "The Local Offer" in dashboard and "searches on the Local Offer" in dashboard
    assert "so they are shown in full" in dashboard


def test_the_count_has_a_chart_sentence_and_downloads(world, offer):
    client = world.client_for("analyst")
    url = reverse("insights:kpi", args=["local-offer-searches-no-results"])
    body = client.get(url, PERIOD).content.decode()
    assert "The number of searches on the Local Offer that found nothing was" in body
    download = reverse("insights:kpi_download", args=["local-offer-searches-no-results", "csv"])
    text = client.get(download, PERIOD).content.decode()
    assert "Searches that found nothing" in text and "All,3" in text
