"""The reminder to families 5 days before their 15 days on proposed amendments end (reg 22(2)(c);
issue 14, item 4), sent by `manage.py family_reminders`."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from opensend.reviews.amendments import services
from opensend.reviews.amendments.reminders import amendment_comment_reminders_send
from opensend.reviews.models import Amendment
from testsupport.journeys import TODAY, decide, final_plan, open_review, walk
from testsupport.reviews import sent

pytestmark = pytest.mark.django_db

LAST_DAY = dt.date(2026, 12, 4)  # proposed on 20 November: 15 days counting that day
REMIND_ON = dt.date(2026, 11, 29)  # 5 calendar days before


def _proposed(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    review = walk(cw, open_review(plan), to="reported")
    decide(cw, review, "amend", reasons="More therapy", amendment_summary="More speech therapy")
    return Amendment.objects.get(plan=plan)


def test_a_family_who_have_not_commented_are_reminded_once_with_a_link_to_comment(world):
    amendment = _proposed(world)
    assert amendment_comment_reminders_send(today=REMIND_ON - dt.timedelta(days=1)) == 0

    out = StringIO()
    call_command("family_reminders", today=REMIND_ON, stdout=out)
    call_command("family_reminders", today=REMIND_ON, stdout=out)  # run twice: one message
    [message] = sent("amendment_comments_reminder")
    assert message.to_address == "mum@family.opensend.test"
    assert "Friday 4 December 2026" in message.body
    assert f"/reviews/plans/{amendment.plan_id}/proposals/" in message.body
    assert "0 families about a draft plan, 1 about proposed changes" in out.getvalue()
    amendment.refresh_from_db()
    assert amendment.comments_reminder_sent_on == REMIND_ON


@pytest.mark.parametrize("nothing_more", [False, True])
def test_a_family_who_have_commented_or_have_nothing_more_to_add_are_not_reminded(
    world, nothing_more
):
    amendment = _proposed(world)
    services.amendment_representation_record(
        actor=world.users["caseworker"],
        amendment=amendment,
        made_on=TODAY,
        made_by="Mum",
        comments="" if nothing_more else "Yes, more therapy please",
        nothing_more_to_say=nothing_more,
        today=TODAY,
    )
    assert amendment_comment_reminders_send(today=REMIND_ON) == 0
    assert sent("amendment_comments_reminder") == []


def test_no_reminder_once_the_window_has_closed_or_the_amendment_is_withdrawn(world):
    amendment = _proposed(world)
    assert amendment_comment_reminders_send(today=LAST_DAY + dt.timedelta(days=1)) == 0
    services.amendment_withdraw(
        actor=world.users["caseworker"],
        amendment=amendment,
        withdrawn_on=TODAY,
        reason="Review to be held again",
        today=TODAY,
    )
    assert amendment_comment_reminders_send(today=REMIND_ON) == 0
    assert sent("amendment_comments_reminder") == []
