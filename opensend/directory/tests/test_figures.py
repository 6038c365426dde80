"""The Local Offer figures on the entries page: useful %, problems dealt with within the target,
stale %, and searches that found nothing; each for the entries the person keeps."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opensend.accounts.roles import OrganisationKind, Role
from opensend.directory.figures import local_offer_figures, percent
from opensend.directory.models import Feedback, SearchWithoutResults, Service
from testsupport.factories.accounts import OrganisationFactory, sign_in_fully, staff_member
from testsupport.factories.directory import a_service

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 4)
NOW = timezone.make_aware(datetime.datetime(2026, 12, 4, 12, 0))


def at(days_ago: int) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days_ago)


def feedback(service, kind, *, days_ago=1, resolved_after=None):
    item = Feedback.objects.create(service=service, kind=kind, details="x")
    resolved = at(days_ago - resolved_after) if resolved_after is not None else None
    Feedback.objects.filter(pk=item.pk).update(created_at=at(days_ago), resolved_at=resolved)


@pytest.fixture
def area(world):
    provider = OrganisationFactory(name="Rainbow Trust", kind=OrganisationKind.PROVIDER)
    ours = a_service(name="Rainbow Swimming", assured_date=TODAY)
    ours.organization.owner = provider
    ours.organization.save()
    stale = a_service(name="Old Club", assured_date=datetime.date(2025, 1, 1))
    a_service(name="Withdrawn", status="inactive", assured_date=None)
    for _ in range(3):
        feedback(ours, "useful")
    feedback(ours, "not_useful")
    feedback(stale, "not_useful")
    feedback(stale, "useful", days_ago=400)  # more than a year ago: not counted
    feedback(ours, "problem", days_ago=30, resolved_after=3)  # within 10 days
    feedback(ours, "problem", days_ago=30, resolved_after=20)  # late
    feedback(stale, "problem", days_ago=15)  # open, past the target
    feedback(stale, "problem", days_ago=2)  # open, within it
    recent = SearchWithoutResults.objects.create(words="horse riding")
    old = SearchWithoutResults.objects.create(words="archery")
    SearchWithoutResults.objects.filter(pk=recent.pk).update(created_at=at(1))
    SearchWithoutResults.objects.filter(pk=old.pk).update(created_at=at(40))
    user = staff_member(provider, Role.LOCAL_OFFER_EDITOR)
    return {"provider": user, "ours": ours}


def test_a_council_editor_sees_the_whole_local_offer(world, area):
    figures = local_offer_figures(user=world.users["local_offer_editor"], today=TODAY)
    assert (figures.entries, figures.stale, figures.stale_percent) == (2, 1, 50)
    assert (figures.useful, figures.not_useful, figures.useful_percent) == (3, 2, 60)
    assert (figures.problems_open, figures.problems_open_past_target) == (2, 1)
    assert (figures.problems_closed, figures.problems_closed_in_target) == (2, 1)
    assert figures.closed_in_target_percent == 50
    assert figures.searches_without_results == 1


def test_a_provider_sees_their_own_entries_figures(area):
    figures = local_offer_figures(user=area["provider"], today=TODAY)
    assert (figures.entries, figures.stale_percent) == (1, 0)
    assert figures.useful_percent == 75
    assert figures.problems_open == 0 and figures.problems_closed == 2
    assert figures.searches_without_results is None


def test_the_figures_are_on_the_entries_page(world, area, settings):
    settings.OPENSEND_LOCAL_OFFER_PROBLEM_DAYS = 25
    page = world.client_for("local_offer_editor").get(reverse("directory:manage")).content.decode()
    assert "How the Local Offer is doing" in page
    assert "Problems dealt with within 25 days (last 12 months)" in page
    assert "Searches that found nothing (last 30 days)" in page
    provider_page = sign_in_fully(Client(), area["provider"]).get(reverse("directory:manage"))
    text = provider_page.content.decode()
    assert "How your entries are doing" in text and "Searches that found nothing" not in text


def test_no_entries_or_answers_is_said_not_divided_by_zero(world):
    Service.objects.all().delete()
    figures = local_offer_figures(user=world.users["local_offer_editor"], today=TODAY)
    assert figures.stale_percent is None and figures.useful_percent is None
    page = world.client_for("local_offer_editor").get(reverse("directory:manage")).content.decode()
    assert "No answers yet" in page and "None dealt with yet" in page
    assert percent(1, 3) == 33
