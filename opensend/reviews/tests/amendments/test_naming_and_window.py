"""An amendment follows the same law as the first plan where the law says so: the family's
15 days end early only with their written confirmation (reg 22(2)(c)), and a new school or
college is named only after it has been consulted (reg 22(1) applies CFA 2014 s39 and s40)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from opensend.plans import services as plan_services
from opensend.reviews.amendments import services
from opensend.reviews.models import AmendmentStatus
from testsupport.journeys import TODAY, final_plan

pytestmark = pytest.mark.django_db
PROPOSED = dt.date(2026, 10, 1)  # the 15 days ended on 15 October
ISSUE_ON = dt.date(2026, 11, 2)


@pytest.fixture
def amendment(world):
    cw = world.users["caseworker"]
    plan = final_plan(world)
    amendment = services.amendment_start(
        actor=cw, plan=plan, source="other", summary="Move to a new school", today=TODAY
    )
    services.amendment_propose(actor=cw, amendment=amendment, proposed_on=PROPOSED, today=TODAY)
    return amendment


def _issue(world, amendment, setting):
    return services.amendment_issue(
        actor=world.users["caseworker"],
        amendment=amendment,
        issued_on=ISSUE_ON,
        named_setting=setting,
        today=TODAY,
    )


def test_a_new_setting_cannot_be_named_without_a_consultation(world, amendment):
    with pytest.raises(ValidationError, match=f"Consult {world.other_setting}"):
        _issue(world, amendment, world.other_setting)
    amendment.refresh_from_db()
    assert amendment.status != AmendmentStatus.ISSUED


def test_a_new_setting_is_named_once_it_has_replied(world, amendment):
    cw = world.users["caseworker"]
    consultation = plan_services.consultation_send(
        actor=cw,
        plan=amendment.plan,
        setting=world.other_setting,
        sent_on=dt.date(2026, 10, 20),
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="to reply to the consultation"):
        services.amendment_issue(
            actor=cw,
            amendment=amendment,
            issued_on=dt.date(2026, 10, 30),
            named_setting=world.other_setting,
            today=TODAY,
        )
    plan_services.consultation_response_record(
        actor=cw,
        consultation=consultation,
        responded_on=dt.date(2026, 10, 28),
        can_meet_needs="yes",
        today=TODAY,
    )
    assert _issue(world, amendment, world.other_setting).status == AmendmentStatus.ISSUED
    amendment.plan.refresh_from_db()
    assert amendment.plan.named_setting == world.other_setting


def test_keeping_the_same_setting_needs_no_new_consultation(world, amendment):
    assert _issue(world, amendment, amendment.plan.named_setting).status == AmendmentStatus.ISSUED


def test_the_family_can_say_they_have_nothing_more_to_say_on_their_page(world):
    child = world.parents_child
    plan = final_plan(world, child=child, setting=world.other_setting)
    cw = world.users["caseworker"]
    amendment = services.amendment_start(
        actor=cw, plan=plan, source="other", summary="More speech therapy", today=TODAY
    )
    services.amendment_propose(actor=cw, amendment=amendment, proposed_on=TODAY, today=TODAY)
    client = world.client_for("parent")
    url = reverse("reviews:amendment_family_comment", args=[plan.pk])
    # The page reads today's date: on the day the changes were proposed, the 15 days are open.
    with time_machine.travel(dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC), tick=False):
        page = client.get(url).content.decode()
        assert "I have nothing more to say about the changes" in page
        client.post(url, {"nothing_more_to_say": "on"})
    assert amendment.representations.get().nothing_more_to_say
