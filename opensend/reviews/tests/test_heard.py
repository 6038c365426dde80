"""Being heard before an annual review: the "views by" date (2 weeks before the meeting, reg
20(4)), the family's own views kept on the review, and one reminder 5 days before the date if
the family have sent nothing (`manage.py family_reminders`)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from opensend import statutory
from opensend.audit.models import Action, AuditEvent
from opensend.reviews import heard
from opensend.reviews import services as review_services
from opensend.reviews.codes import ContributionKind
from testsupport.families import parent_of_caseload_child
from testsupport.journeys import MEETING, TODAY, final_plan, open_review, walk
from testsupport.reviews import sent

pytestmark = pytest.mark.django_db

VIEWS_BY = dt.date(2026, 11, 2)  # the meeting is on Monday 16 November 2026
REMIND_ON = dt.date(2026, 10, 28)  # 5 calendar days before


def test_the_rule_is_two_weeks_before_the_meeting_with_its_citation():
    assert statutory.due("review_family_views", MEETING) == VIEWS_BY
    assert "reg 20(2)(a) and (4)" in statutory.explain("review_family_views")


@pytest.fixture
def review(world):
    parent_of_caseload_child(world)
    plan = final_plan(world)
    return walk(world.users["caseworker"], open_review(plan), to="meeting")


def test_views_by_is_counted_from_the_meeting(world, review):
    assert heard.views_by(review) == VIEWS_BY
    review.meeting_on = None
    assert heard.views_by(review) is None


def test_the_parent_sends_views_kept_on_the_review(world, review):
    parent = world.users["parent"]
    views = heard.review_views_give(actor=parent, review=review, text="Going well at school")
    assert views.kind == ContributionKind.FAMILY
    assert views.recorded_by == parent and "(parent or carer)" in views.given_by
    assert heard.sent_online_by_family(review) == {views.pk}
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="reviews.reviewcontribution", child_id=review.child_id
    ).exists()


def test_the_young_person_sends_their_own_views(world):
    young = world.young_person
    young.refresh_from_db()  # the world's young person holds their date of birth as text
    plan = final_plan(world, child=young)
    review = walk(world.users["caseworker"], open_review(plan), to="meeting")
    views = heard.review_views_give(
        actor=world.users["young_person"], review=review, text="I want to go to college"
    )
    assert views.kind == ContributionKind.CHILD and "(the young person)" in views.given_by


def test_bad_views_are_refused(world, review):
    parent = world.users["parent"]
    with pytest.raises(ValidationError, match="Write your views"):
        heard.review_views_give(actor=parent, review=review, text="  ")
    with pytest.raises(ValidationError, match="characters or fewer"):
        heard.review_views_give(actor=parent, review=review, text="x" * (heard.MAX_LENGTH + 1))
    with pytest.raises(PermissionDenied):
        heard.review_views_give(actor=world.users["caseworker"], review=review, text="Hi")


def test_no_views_once_the_meeting_is_held(world, review):
    review = walk(world.users["caseworker"], review, to="held")
    with pytest.raises(ValidationError, match="meeting has happened"):
        heard.review_views_give(actor=world.users["parent"], review=review, text="Late")


def test_a_family_who_have_sent_nothing_are_reminded_once(world, review):
    assert heard.review_views_reminders_send(today=REMIND_ON - dt.timedelta(days=1)) == 0
    out = StringIO()
    call_command("family_reminders", today=REMIND_ON, stdout=out)
    call_command("family_reminders", today=REMIND_ON, stdout=out)  # twice: one message each
    messages = sent("review_views_reminder")
    assert messages, "the family were not reminded"
    assert len({m.to_address for m in messages}) == len(messages)  # once per person
    body = messages[0].body
    assert "Monday 2 November 2026" in body
    assert f"/you/children/{review.child_id}/review/views/" in body
    assert "1 about their views for a review" in out.getvalue()
    review.refresh_from_db()
    assert review.views_reminder_sent_on == REMIND_ON
    # Never after the views-by day.
    assert heard.review_views_reminders_send(today=VIEWS_BY + dt.timedelta(days=1)) == 0


@pytest.mark.parametrize("by_staff", [False, True])
def test_no_reminder_once_the_family_have_said_something(world, review, by_staff):
    if by_staff:
        review_services.review_contribution_add(
            actor=world.users["caseworker"],
            review=review,
            kind=ContributionKind.FAMILY,
            given_by="Mum, by phone",
            received_on=TODAY,
            text="Happy with school",
            today=TODAY,
        )
    else:
        heard.review_views_give(actor=world.users["parent"], review=review, text="Happy")
    assert heard.review_views_reminders_send(today=REMIND_ON) == 0
    assert sent("review_views_reminder") == []


def test_no_reminder_without_a_meeting_date(world):
    parent_of_caseload_child(world)
    open_review(final_plan(world))
    assert heard.review_views_reminders_send(today=REMIND_ON) == 0
