"""The family's page to send their views before a review meeting: linked from their page for
the child, with the views-by date; staff see the views on the review; nobody else may use it."""

import pytest
from django.urls import reverse

from opensend.reviews.models import ReviewContribution
from testsupport.families import parent_of_caseload_child
from testsupport.journeys import final_plan, open_review, walk
from testsupport.samples import EXE_BYTES, PDF_BYTES, upload


@pytest.fixture
def child(world):
    return parent_of_caseload_child(world)


@pytest.fixture
def review(world, child):
    plan = final_plan(world, child=child)
    return walk(world.users["caseworker"], open_review(plan), to="meeting")


def _page(child):
    return reverse("portal:review_views", args=[child.pk])


def test_the_parent_sends_views_from_their_page_and_staff_read_them(world, child, review):
    parent = world.client_for("parent")
    family_page = parent.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    assert _page(child) in family_page
    assert "Tell us your views before the review meeting" in family_page
    page = parent.get(_page(child)).content.decode()
    assert "Monday 2 November 2026" in page and "Monday 16 November 2026" in page
    response = parent.post(
        _page(child),
        {"text": "Reading is better", "document": upload("report.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    views = ReviewContribution.objects.get(review=review)
    assert views.text == "Reading is better" and views.document_name == "report.pdf"
    again = parent.get(_page(child)).content.decode()
    assert "What you have sent" in again and "Reading is better" in again
    assert parent.get(reverse("reviews:contribution_document", args=[views.pk])).status_code == 200
    family_page = parent.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    assert "You sent us your views for the review meeting" in family_page

    staff = world.client_for("caseworker").get(reverse("reviews:review_detail", args=[review.pk]))
    text = staff.content.decode()
    assert "Reading is better" in text and "sent online by the family" in text
    assert "Family&#x27;s views by" in text or "Family's views by" in text


def test_bad_views_get_a_message_and_nothing_is_saved(world, child, review):
    parent = world.client_for("parent")
    empty = parent.post(_page(child), {"text": ""})
    assert empty.status_code == 400 and "Write your views" in empty.content.decode()
    bad = parent.post(_page(child), {"text": "x", "document": upload("a.pdf", EXE_BYTES)})
    assert bad.status_code == 400
    assert not ReviewContribution.objects.exists()


@pytest.mark.parametrize("role", ["caseworker", "senco", "health", "admin", "young_person"])
def test_only_the_family_use_it(world, child, review, role):
    client = world.client_for(role)
    assert client.get(_page(child)).status_code == 404
    assert client.post(_page(child), {"text": "x"}).status_code == 404
    assert not ReviewContribution.objects.exists()


def test_no_review_ahead_is_not_found(world, child):
    assert world.client_for("parent").get(_page(child)).status_code == 404
