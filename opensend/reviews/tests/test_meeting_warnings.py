"""A review meeting set after the review's legal date, or too late for the invitations to go in
time, is warned about where the date is set and on the review's page (CFA 2014 s44(1); reg 20)."""

import pytest
from django.urls import reverse

from opensend import statutory
from opensend.reviews.annual_clocks import meeting_warnings
from testsupport.forms import date_fields
from testsupport.journeys import final_plan, open_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(world):
    return open_review(final_plan(world))


def test_a_meeting_in_good_time_has_no_warning(review):
    review.meeting_on = statutory.add_months(review.due_by, -1)
    today = statutory.add_months(review.meeting_on, -2)
    assert meeting_warnings(review, today=today) == []


def test_a_meeting_after_the_legal_date_is_warned_about(review):
    review.meeting_on = statutory.add_months(review.due_by, 1)
    warnings = meeting_warnings(review, today=statutory.add_months(review.due_by, -2))
    assert len(warnings) == 1
    assert statutory.long_date(review.due_by) in warnings[0]
    assert "s44(1)" in warnings[0]


def test_invitations_already_late_are_warned_about(review):
    review.meeting_on = review.due_by
    due = statutory.due("review_invitations", review.meeting_on)
    warnings = meeting_warnings(review, today=statutory.add_working_days(due, 1))
    assert any(statutory.long_date(due) in w and "reg" in w for w in warnings)
    review.invitations_sent_on = due
    assert meeting_warnings(review, today=statutory.add_working_days(due, 1)) == []


def test_setting_a_late_meeting_says_so_and_the_page_keeps_saying_it(world, review):
    client = world.client_for("caseworker")
    late = statutory.add_months(review.due_by, 1)
    url = reverse("reviews:meeting", args=[review.pk])
    response = client.post(url, date_fields("meeting_on", late), follow=True)
    page = response.content.decode()
    assert "the last day the law allows for this review" in page
    detail = client.get(reverse("reviews:review_detail", args=[review.pk])).content.decode()
    assert "the last day the law allows for this review" in detail
