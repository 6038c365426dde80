"""A caseworker's home is their caseload, which starts with what needs doing today."""

import pytest
from django.urls import reverse

from opensend.notify.alerts import alert_send
from opensend.notify.models import AlertKind
from testsupport.journeys import new_request

pytestmark = pytest.mark.django_db


def test_a_caseworker_lands_on_their_caseload(world):
    response = world.client_for("caseworker").get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:caseload")
    assert world.client_for("team_manager").get(reverse("portal:home")).status_code == 200


def test_today_counts_overdue_new_requests_and_unread_advice(world):
    new_request(world)  # received 1 June 2026, not acknowledged: overdue by now
    alert_send(
        actor=None,
        users=[world.users["caseworker"]],
        kind=AlertKind.ADVICE_IN,
        text="Health advice",
        url="/",
    )
    page = world.client_for("caseworker").get(reverse("portal:caseload")).content.decode()
    today = page.split('id="assessments"')[0]
    assert "overdue across your work" in today and "Act now" in today
    assert "<strong>1</strong> new requests to acknowledge" in today
    assert "<strong>1</strong> advice in, not yet read" in today
    assert reverse("notify:inbox") + "?show=unread" in today


def test_nothing_to_do_says_so(world):
    page = world.client_for("caseworker").get(reverse("portal:caseload")).content.decode()
    assert "Nothing overdue, nothing due this week and nothing new" in page


def test_an_adviser_and_a_manager_see_what_needs_doing_today_at_home(world):
    from testsupport.journeys import ask_health, decide_to_assess, parent_request

    case = parent_request(world)
    decide_to_assess(world, case)
    ask_health(world, case)  # asked on 2 July 2026: overdue by now
    health = world.client_for("health").get(reverse("portal:home")).content.decode()
    assert "<strong>1</strong> advice requests overdue" in health
    assert reverse("casework:advice_list") in health
    new_request(world, child=world.team_child)  # nobody has the child
    manager = world.client_for("team_manager").get(reverse("portal:home")).content.decode()
    assert "cases with no caseworker" in manager
