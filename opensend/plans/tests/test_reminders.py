"""The reminder to families 5 days before their 15 days on the draft plan end (issue 14, item 4),
sent by `manage.py family_reminders`."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from opensend.notify.models import MessageChannel, OutboxMessage
from opensend.people import sharing
from opensend.plans import services
from opensend.plans.reminders import draft_comment_reminders_send
from testsupport.factories.people import family_member_of
from testsupport.journeys import DRAFT_ON, TODAY, drafting_case, write_plan
from testsupport.sharing import parent_of_young_person

pytestmark = pytest.mark.django_db

LAST_DAY = dt.date(2026, 9, 15)  # served 1 September: 15 days counting that day
REMIND_ON = dt.date(2026, 9, 10)  # 5 calendar days before


def _served_draft(world, *, child=None):
    cw = world.users["caseworker"]
    plan = write_plan(
        cw, services.plan_draft_start(actor=cw, case=drafting_case(world, child=child))
    )
    services.draft_issue(actor=cw, plan=plan, issued_on=DRAFT_ON, today=TODAY)
    return plan


def _reminders():
    return list(OutboxMessage.objects.filter(template="draft_plan_comments_reminder"))


def test_a_family_who_have_not_commented_are_reminded_once_with_a_link_to_comment(world):
    family_member_of(
        world.caseload_child,
        email="mum@family.opensend.test",
        preferred_channel="sms",
        phone="07700900123",
    )
    plan = _served_draft(world)

    assert draft_comment_reminders_send(today=dt.date(2026, 9, 9)) == 0
    assert _reminders() == []

    assert draft_comment_reminders_send(today=REMIND_ON) == 1
    [message] = _reminders()
    assert message.channel == MessageChannel.SMS  # the channel the parent chose
    assert message.to_address == "07700900123"
    assert "Tuesday 15 September 2026" in message.body
    assert f"/plans/{plan.pk}/family/" in message.body  # the page where they comment
    plan.refresh_from_db()
    assert plan.comments_reminder_sent_on == REMIND_ON

    # A second run (the same day or the next) sends nothing more.
    out = StringIO()
    call_command("family_reminders", today=REMIND_ON, stdout=out)
    call_command("family_reminders", today=dt.date(2026, 9, 11), stdout=out)
    assert len(_reminders()) == 1
    assert "Reminded 0 families about a draft plan" in out.getvalue()


@pytest.mark.parametrize("nothing_more", [False, True])
def test_a_family_who_have_commented_or_have_nothing_more_to_add_are_not_reminded(
    world, nothing_more
):
    family_member_of(world.caseload_child, email="mum@family.opensend.test")
    plan = _served_draft(world)
    services.representation_record(
        actor=world.users["caseworker"],
        plan=plan,
        made_on=dt.date(2026, 9, 3),
        made_by="Mum",
        comments="" if nothing_more else "Please add swimming",
        nothing_more_to_say=nothing_more,
        today=TODAY,
    )
    assert draft_comment_reminders_send(today=REMIND_ON) == 0
    assert _reminders() == []


def test_no_reminder_once_the_window_has_closed(world):
    family_member_of(world.caseload_child, email="mum@family.opensend.test")
    _served_draft(world)
    assert draft_comment_reminders_send(today=LAST_DAY + dt.timedelta(days=1)) == 0
    assert _reminders() == []


def test_a_parent_the_young_person_keeps_things_from_is_not_sent_the_reminder(world):
    child = parent_of_young_person(world)
    parent_email = world.parents_child.relationships.get().family_member.email
    sharing.parent_sharing_choose(
        actor=world.users["young_person"],
        child=child,
        parent_sees_progress=True,
        parent_sees_plan=False,
    )
    _served_draft(world, child=child)

    assert draft_comment_reminders_send(today=REMIND_ON) == 1
    addresses = [m.to_address for m in _reminders()]
    assert addresses == ["young.person@test.opensend.test"]
    assert parent_email not in addresses


def test_a_missed_day_is_caught_up_with_the_right_last_day(world):
    family_member_of(world.caseload_child, email="mum@family.opensend.test")
    _served_draft(world)
    assert draft_comment_reminders_send(today=LAST_DAY) == 1
    [message] = _reminders()
    assert "by Tuesday 15 September 2026" in message.subject  # never "5 days left"
